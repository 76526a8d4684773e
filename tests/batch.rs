//! `galley batch`: a killed batch resumes and leaves no half-written output; shards split
//! the inputs without overlap; `--jsonl` answers one line per request.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const GALLEY: &str = env!("CARGO_BIN_EXE_galley");

/// A folder of `n` articles: variations of the sample model and the English fixture.
fn corpus(dir: &Path, n: usize) {
    let zh: serde_json::Value = serde_json::from_str(include_str!("fixtures/seed.json")).unwrap();
    let en: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/en-article.json")).unwrap();
    for i in 0..n {
        let mut a = if i % 3 == 2 { en.clone() } else { zh.clone() };
        a["title"] = format!("{} ({i})", a["title"].as_str().unwrap()).into();
        std::fs::write(dir.join(format!("a{i:03}.json")), a.to_string()).unwrap();
    }
}

fn galley_cmd(args: &[&str]) -> Command {
    let mut c = Command::new(GALLEY);
    c.args(args).current_dir(repo());
    c
}

fn assert_complete_outputs(out: &Path) -> usize {
    let mut pdfs = 0;
    for e in std::fs::read_dir(out).unwrap().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') || !p.is_file() {
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        if name.ends_with(".pdf") {
            pdfs += 1;
            let tail =
                String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
            assert!(
                bytes.starts_with(b"%PDF-") && tail.contains("%%EOF"),
                "{name} is a whole PDF"
            );
        } else if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{name} is whole JSON: {e}"));
        } else if name.ends_with(".xml") {
            assert!(
                String::from_utf8_lossy(&bytes)
                    .trim_end()
                    .ends_with("</article>"),
                "{name} is whole XML"
            );
        }
    }
    pdfs
}

#[test]
fn a_killed_batch_resumes_and_leaves_nothing_half_written() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    corpus(input.path(), 40);
    let args = [
        "batch",
        input.path().to_str().unwrap(),
        "--out-dir",
        out.path().to_str().unwrap(),
        "-j",
        "1",
        "-q",
    ];

    let mut child = galley_cmd(&args).stderr(Stdio::null()).spawn().unwrap();
    let state = out.path().join(galley::batch::STATE_DIR);
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::read_dir(&state).map(|d| d.count()).unwrap_or(0) < 5 {
        assert!(Instant::now() < deadline, "batch made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let finished_before = std::fs::read_dir(&state).unwrap().count();
    assert!(
        finished_before < 40,
        "killed midway ({finished_before} done)"
    );
    assert_complete_outputs(out.path());

    let status = galley_cmd(&args).status().unwrap();
    assert!(status.success());
    let report: galley::batch::Report =
        serde_json::from_slice(&std::fs::read(out.path().join("batch-report.json")).unwrap())
            .unwrap();
    assert_eq!(report.articles, 40);
    assert_eq!(report.failed, 0);
    assert!(
        report.skipped >= finished_before.saturating_sub(1),
        "finished articles were not redone: {report:?}"
    );
    assert_eq!(report.done + report.skipped, 40);
    assert_eq!(assert_complete_outputs(out.path()), 40);

    // A third run has nothing to do.
    assert!(galley_cmd(&args).status().unwrap().success());
    let report: galley::batch::Report =
        serde_json::from_slice(&std::fs::read(out.path().join("batch-report.json")).unwrap())
            .unwrap();
    assert_eq!((report.done, report.skipped), (0, 40));
}

#[test]
fn shards_partition_the_inputs() {
    let input = tempfile::tempdir().unwrap();
    corpus(input.path(), 30);
    let items = galley::batch::collect_inputs(&[input.path().to_path_buf()]).unwrap();
    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let part = galley::batch::shard(items.clone(), k, 3);
        assert!(
            !part.is_empty() && part.len() < 30,
            "shard {k}/3 has {}",
            part.len()
        );
        seen.extend(part.into_iter().map(|i| i.stem));
    }
    seen.sort();
    let mut all: Vec<String> = items.into_iter().map(|i| i.stem).collect();
    all.sort();
    assert_eq!(seen, all);
}

#[test]
fn jsonl_answers_one_line_per_request() {
    let out = tempfile::tempdir().unwrap();
    let input = tempfile::tempdir().unwrap();
    corpus(input.path(), 2);
    let requests = format!(
        "{}\n{}\nnot json\n",
        serde_json::json!(input.path().join("a000.json")),
        serde_json::json!({"name": "inline.txt", "text": "标题\n正文第一段。"}),
    );
    let mut child = galley_cmd(&[
        "batch",
        "--jsonl",
        "--no-pdf",
        "--out-dir",
        out.path().to_str().unwrap(),
    ])
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .spawn()
    .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), requests.as_bytes()).unwrap();
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "one request failed");
    let mut lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    lines.sort_by_key(|v| v["line"].as_u64());
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["result"]["status"], "done");
    assert_eq!(lines[1]["result"]["status"], "done");
    assert_eq!(lines[2]["status"], "failed");
    assert!(out.path().join("a000.xml").is_file() && out.path().join("inline.xml").is_file());
}
