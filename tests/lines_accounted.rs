//! Nothing lost: the audit trail of an article accounts for every input line — kept, changed
//! or removed with the reason — and `kept + changed + removed` reconstructs the input line set,
//! in order. Checked on the sample issue, on the test corpus (every `.txt` under
//! `tests/corpus/`), on damaged variants of the corpus, and through the command line's
//! `--audit` file (the trail alone, read back from JSON, reconstructs the input).
//!
//! `GALLEY_EXTRA_CORPUS=DIR[:DIR...]` adds folders of `.txt` inputs.

use std::path::{Path, PathBuf};
use std::process::Command;

use galley::audit::{Audit, Fate};

mod fuzz_checks;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(txt_files(&p));
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Normalises `bytes` and checks the accounting; returns (kept, changed, removed).
fn account(name: &str, bytes: &[u8]) -> (usize, usize, usize) {
    let n = galley::repair::shared().normalize(name, bytes, &Default::default());
    if let Err(why) = fuzz_checks::lines_accounted(bytes, &n) {
        panic!("{name}: {why}");
    }
    for r in &n.audit.lines {
        if r.fate == Fate::Removed {
            let reason = r.reason.as_deref().unwrap_or_default();
            assert!(
                reason
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}: line {}: reason {reason:?} is not a kebab-case code",
                r.line
            );
        }
    }
    let count = |f| n.audit.lines.iter().filter(|r| r.fate == f).count();
    (
        count(Fate::Kept),
        count(Fate::Changed),
        count(Fate::Removed),
    )
}

#[test]
fn the_sample_issue_accounts_for_every_line() {
    let files = txt_files(&repo().join("articles/shanghai-party-history/2010-04"));
    assert!(!files.is_empty(), "the sample issue has articles");
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let (kept, changed, removed) = account(&f.display().to_string(), &bytes);
        eprintln!(
            "{}: {kept} kept, {changed} changed, {removed} removed",
            f.display()
        );
        // The sample is a damaged page: the test sees all three fates.
        assert!(
            kept > 0 && changed > 0 && removed > 0,
            "{kept} {changed} {removed}"
        );
    }
}

/// Every `.txt` of the test corpus (and `GALLEY_EXTRA_CORPUS`).
#[test]
fn the_corpus_accounts_for_every_line() {
    let mut dirs = vec![repo().join("tests/corpus"), repo().join("tests/fixtures")];
    if let Ok(extra) = std::env::var("GALLEY_EXTRA_CORPUS") {
        dirs.extend(std::env::split_paths(&extra));
    }
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| txt_files(d)).collect();
    assert!(!files.is_empty(), "no corpus texts found");
    let mut totals = (0, 0, 0);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let (k, c, r) = account(&f.display().to_string(), &bytes);
        totals = (totals.0 + k, totals.1 + c, totals.2 + r);
    }
    eprintln!(
        "{} texts: {} kept, {} changed, {} removed",
        files.len(),
        totals.0,
        totals.1,
        totals.2
    );
}

/// Page damage of every kind a mirror adds, applied to a clean text line by line.
fn damage(clean: &str) -> Vec<u8> {
    let mut out = String::new();
    for (i, line) in clean.lines().enumerate() {
        match i % 7 {
            0 => {
                out.push_str(line);
                out.push_str("  \r\n"); // trailing blanks, CRLF
                out.push('\n'); // a blank line
            }
            1 => {
                // Pinyin annotations after the first Han character.
                let mut done = false;
                for c in line.chars() {
                    out.push(c);
                    if !done && c == '中' {
                        out.push_str("(zhōng)");
                        done = true;
                    }
                }
                out.push('\n');
            }
            2 => {
                out.push_str(line);
                out.push_str("\n相关文章：\n网站首页 | 关于我们 | 联系我们\n");
            }
            3 => {
                // A garble: one character's bytes lost to `?`.
                let mut chars: Vec<char> = line.chars().collect();
                if chars.len() > 4 {
                    chars[2] = '?';
                }
                out.extend(chars);
                out.push('\n');
            }
            4 => {
                out.push_str(line);
                out.push_str("\u{0}\u{7}\n?\n");
            }
            5 => {
                out.push_str(line);
                out.push('\n');
                out.push_str(line); // a duplicate
                out.push('\n');
            }
            _ => {
                out.push_str(&line.replace('，', ",").replace('。', "."));
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}

#[test]
fn damaged_corpus_accounts_for_every_line() {
    let mut dirs = vec![
        repo().join("tests/corpus"),
        repo().join("tests/fixtures"),
        repo().join("articles/shanghai-party-history/2010-04"),
    ];
    if let Ok(extra) = std::env::var("GALLEY_EXTRA_CORPUS") {
        dirs.extend(std::env::split_paths(&extra));
    }
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| txt_files(d)).collect();
    let mut fates = (0, 0, 0);
    for f in &files {
        let clean = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        let bytes = damage(&clean);
        let (k, c, r) = account(&format!("{} (damaged)", f.display()), &bytes);
        fates = (fates.0 + k, fates.1 + c, fates.2 + r);
        // The same damage in GB18030.
        let (gbk, _, _) = encoding_rs::GB18030.encode(std::str::from_utf8(&bytes).unwrap());
        account(&format!("{} (damaged, GB18030)", f.display()), &gbk);
    }
    assert!(
        fates.0 > 0 && fates.1 > 0 && fates.2 > 0,
        "damage exercises every fate: {fates:?}"
    );
}

/// The `--audit` file alone reconstructs the input line set: its records, read back from JSON,
/// are the decoded input lines in order, and the kept and changed ones are the output.
#[test]
fn the_audit_file_alone_reconstructs_the_input() {
    let dir = tempfile::tempdir().unwrap();
    for input in txt_files(&repo().join("articles/shanghai-party-history/2010-04")) {
        let clean = dir.path().join("clean.txt");
        let audit_path = dir.path().join("audit.json");
        let out = Command::new(env!("CARGO_BIN_EXE_galley"))
            .arg("normalize")
            .arg(&input)
            .arg("-o")
            .arg(&clean)
            .arg("--audit")
            .arg(&audit_path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let audit: Audit = serde_json::from_slice(&std::fs::read(&audit_path).unwrap()).unwrap();
        let bytes = std::fs::read(&input).unwrap();
        let decoded = galley::decode::decode(&bytes);
        let input_lines: Vec<&str> = decoded.text.lines().collect();
        let clean = std::fs::read_to_string(&clean).unwrap();
        let output_lines: Vec<&str> = clean.lines().collect();
        if let Err(why) = fuzz_checks::check_audit_lines(&input_lines, &output_lines, &audit) {
            panic!("{}: {why}", input.display());
        }
        let rebuilt: Vec<&str> = audit.lines.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(rebuilt, input_lines);
    }
}
