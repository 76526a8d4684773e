//! Batch reprocessing of back issues: many inputs, all cores, resumable, one report.
//!
//! Each article is independent: the run shares one [`Galley`] (fonts, dictionaries, templates
//! loaded once) across rayon's threads. An article whose outputs are complete and whose build
//! key (input, sidecar, style, fonts, settings, galley version) is unchanged is skipped, so an
//! interrupted batch resumes where it stopped; outputs are written atomically and the key last,
//! so a crash leaves either a finished article or one that is redone.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::issue::{KeyHasher, hash_tree};
use crate::pipeline::{Galley, Input, pretty_json, write_atomic, write_outputs};

/// Folder (inside the output folder) holding one build key per finished article.
pub const STATE_DIR: &str = ".galley-state";

/// Stack of each worker thread: the 8 MiB the main thread (`build`, `issue`) has. (A
/// 1,000-article batch once overflowed rayon's 2 MiB default, when a parallel iterator
/// nested articles on one stack; `drain` ends that, and the batch now runs even on 2 MiB.)
const WORKER_STACK: usize = 8 << 20;

/// Typst memoises across documents, which is what makes the second article cheap, but a
/// long batch would keep every article's layout. Every `EVICT_EVERY` articles, results not
/// used in the last `EVICT_AGE` rounds go; what every article uses (the template, fonts) stays.
/// 16 and 2 hold the 1,000-article bench batch at 254 MB with 2 jobs, as fast as 64 and 4
/// (542 MB); with 1 job they cost a fifth more time, because the bench's varied copies of
/// one article share paragraphs that a longer memory would still have laid out.
const EVICT_EVERY: usize = 16;
const EVICT_AGE: usize = 2;

/// Extensions taken from folders: raw text, JATS, document models.
const INPUT_EXTENSIONS: &[&str] = &["txt", "xml", "json"];

#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Process only share `k` of `n` (1-based), chosen by a hash of the input's path.
    pub shard: Option<(usize, usize)>,
    /// Draw a progress bar (else print plain progress lines).
    pub progress_bar: bool,
    /// Print nothing while running.
    pub quiet: bool,
    /// Also write the editors' review pages (`<stem>.review.html`, `index.html`).
    pub review: bool,
}

/// One article to process: where it is read from and the output stem it gets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Item {
    pub path: PathBuf,
    pub stem: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Done,
    Skipped,
    Failed,
}

/// One article's line in the report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub input: String,
    pub stem: String,
    pub status: Status,
    pub pages: usize,
    pub repairs: usize,
    pub lost_characters: usize,
    pub warnings: usize,
    /// Wall time of the article, in milliseconds to the hundredth (whole milliseconds would
    /// bias a mean of 60 ms articles by half a millisecond).
    pub ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub warning_kinds: BTreeMap<String, usize>,
}

/// The whole run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub articles: usize,
    pub done: usize,
    pub skipped: usize,
    pub failed: usize,
    pub lost_characters: usize,
    pub warnings_by_kind: BTreeMap<String, usize>,
    pub seconds: f64,
    pub rows: Vec<Row>,
}

impl Report {
    fn from_rows(mut rows: Vec<Row>, seconds: f64) -> Report {
        rows.sort_by(|a, b| a.stem.cmp(&b.stem));
        let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
        let mut warnings_by_kind = BTreeMap::new();
        for r in &rows {
            for (k, n) in &r.warning_kinds {
                *warnings_by_kind.entry(k.clone()).or_insert(0) += n;
            }
        }
        Report {
            articles: rows.len(),
            done: count(Status::Done),
            skipped: count(Status::Skipped),
            failed: count(Status::Failed),
            lost_characters: rows.iter().map(|r| r.lost_characters).sum(),
            warnings_by_kind,
            seconds,
            rows,
        }
    }

    /// A human summary for the end of the run.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} article(s): {} built, {} up to date, {} failed; {} lost character(s) marked; {:.1} s ({:.1} articles/s)\n",
            self.articles,
            self.done,
            self.skipped,
            self.failed,
            self.lost_characters,
            self.seconds,
            self.done as f64 / self.seconds.max(1e-9)
        );
        if !self.warnings_by_kind.is_empty() {
            s.push_str("warnings:");
            for (k, n) in &self.warnings_by_kind {
                s.push_str(&format!(" {k} {n};"));
            }
            s.push('\n');
        }
        for r in self.rows.iter().filter(|r| r.status == Status::Failed) {
            s.push_str(&format!(
                "failed: {}: {}\n",
                r.input,
                r.error.as_deref().unwrap_or("")
            ));
        }
        s
    }

    /// The report as CSV (one row per article).
    pub fn csv(&self) -> String {
        let mut out =
            String::from("input,stem,status,pages,repairs,lost_characters,warnings,ms,error\n");
        for r in &self.rows {
            let status = match r.status {
                Status::Done => "done",
                Status::Skipped => "skipped",
                Status::Failed => "failed",
            };
            out.push_str(&format!(
                "{},{},{status},{},{},{},{},{},{}\n",
                csv_field(&r.input),
                csv_field(&r.stem),
                r.pages,
                r.repairs,
                r.lost_characters,
                r.warnings,
                r.ms,
                csv_field(r.error.as_deref().unwrap_or(""))
            ));
        }
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Expands the command line: files as given, folders recursively (`.txt`, `.xml`, `.json`),
/// `issue.toml` manifests into their articles, `*.list` files into the paths they hold (one
/// per line, relative to the list). Stems are made unique from the path under the argument.
pub fn collect_inputs(args: &[PathBuf]) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    for arg in args {
        let meta = std::fs::metadata(arg).map_err(|source| Error::Read {
            path: arg.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(arg, &mut found);
            found.sort();
            for p in found {
                let rel = p.strip_prefix(arg).unwrap_or(&p).with_extension("");
                let stem = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("__");
                items.push(Item { path: p, stem });
            }
        } else if arg.file_name().is_some_and(|n| n == "issue.toml") {
            let dir = arg.parent().unwrap_or(Path::new("."));
            let m = crate::issue::Manifest::load(dir)?;
            for e in &m.articles {
                let path = m.resolve(dir, &e.file)?;
                items.push(Item {
                    stem: stem_of(&path),
                    path,
                });
            }
        } else if arg.extension().is_some_and(|e| e == "list") {
            let text = std::fs::read_to_string(arg).map_err(|source| Error::Read {
                path: arg.clone(),
                source,
            })?;
            let base = arg.parent().unwrap_or(Path::new("."));
            for line in text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let path = base.join(line);
                items.push(Item {
                    stem: stem_of(&path),
                    path,
                });
            }
        } else {
            items.push(Item {
                stem: stem_of(arg),
                path: arg.clone(),
            });
        }
    }
    // Two inputs with the same stem would overwrite each other: number the later ones.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for it in &mut items {
        let n = seen.entry(it.stem.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            it.stem = format!("{}~{}", it.stem, n);
        }
    }
    Ok(items)
}

fn stem_of(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| INPUT_EXTENSIONS.iter().any(|e| x == *e))
            && !name.ends_with(".expected.json")
            && !name.ends_with(".audit.json")
        {
            out.push(p);
        }
    }
}

/// Keeps the inputs of shard `k` of `n`: a hash of the path, so every machine of a cluster
/// agrees on the split without talking to the others.
pub fn shard(items: Vec<Item>, k: usize, n: usize) -> Vec<Item> {
    items
        .into_iter()
        .filter(|it| {
            let h = fnv1a(it.path.to_string_lossy().as_bytes());
            (h % n as u64) as usize == k - 1
        })
        .collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The part of every build key that is the same for the whole run.
fn run_key(g: &Galley) -> Result<String, Error> {
    let mut h = KeyHasher::new();
    h.part(format!("{:?}", g.settings.repair).as_bytes())
        .part(format!("{:?}", g.settings.pdf_standards).as_bytes())
        .part(g.settings.style.as_bytes())
        .part(&[g.settings.no_pdf as u8]);
    if !g.settings.no_pdf {
        let ts = g.typesetter()?;
        h.part(ts.fonts().fingerprint().as_bytes())
            .part(hash_tree(&ts.styles_dir().join(&g.settings.style)).as_bytes());
    }
    Ok(h.finish())
}

/// Builds one item unless its outputs are up to date.
fn process(g: &Galley, run_key: &str, item: &Item, out: &Path) -> Row {
    let started = Instant::now();
    let mut row = Row {
        input: item.path.display().to_string(),
        stem: item.stem.clone(),
        status: Status::Done,
        pages: 0,
        repairs: 0,
        lost_characters: 0,
        warnings: 0,
        ms: 0.0,
        error: None,
        warning_kinds: BTreeMap::new(),
    };
    let result = guarded(&item.path, || -> Result<Status, Error> {
        let bytes = Input::File(item.path.clone()).read()?;
        let sidecar = std::fs::read(item.path.with_extension("meta.toml")).unwrap_or_default();
        let key = {
            let mut h = KeyHasher::new();
            h.part(run_key.as_bytes()).part(&bytes).part(&sidecar);
            h.finish()
        };
        let key_path = out.join(STATE_DIR).join(format!("{}.key", item.stem));
        let exts: &[&str] = if g.settings.no_pdf {
            &["xml", "json", "audit.json"]
        } else {
            &["pdf", "xml", "json", "audit.json"]
        };
        let complete = exts
            .iter()
            .all(|e| out.join(format!("{}.{e}", item.stem)).is_file());
        if complete && std::fs::read_to_string(&key_path).is_ok_and(|k| k.trim() == key) {
            return Ok(Status::Skipped);
        }
        let mut built = g.build_bytes(&Input::File(item.path.clone()), &bytes, None)?;
        built.stem = item.stem.clone();
        write_outputs(out, &built)?;
        write_atomic(&key_path, key.as_bytes())?;
        row.pages = built.pdf.as_ref().map(|r| r.pages).unwrap_or(0);
        row.repairs = built.audit.entries.len();
        row.lost_characters = built
            .audit
            .entries
            .iter()
            .filter(|e| e.kind == crate::audit::Kind::LostCharacter)
            .count();
        row.warnings = built.article.warnings.len();
        for w in &built.article.warnings {
            *row.warning_kinds.entry(w.kind.clone()).or_insert(0) += 1;
        }
        Ok(Status::Done)
    });
    match result {
        Ok(s) => row.status = s,
        Err(e) => {
            row.status = Status::Failed;
            row.error = Some(e.to_string());
        }
    }
    row.ms = (started.elapsed().as_secs_f64() * 1e5).round() / 1e2;
    row
}

/// Temporary files left by a run that was killed mid-write (`.NAME.PID.tmp`): their final
/// files were never renamed into place, so they are only litter.
fn remove_stale_temporaries(out: &Path) {
    for dir in [out.to_path_buf(), out.join(STATE_DIR)] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Runs the batch and writes `batch-report.json` and `batch-report.csv` into `out`.
pub fn run(g: &Galley, items: Vec<Item>, out: &Path, opts: &BatchOptions) -> Result<Report, Error> {
    let started = Instant::now();
    let items = match opts.shard {
        Some((k, n)) => shard(items, k, n),
        None => items,
    };
    let run_key = run_key(g)?;
    remove_stale_temporaries(out);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Setup(format!("cannot start worker threads: {e}")))?;
    let total = items.len();
    let bar = (opts.progress_bar && !opts.quiet).then(|| {
        let pb = indicatif::ProgressBar::new(total as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} articles, {per_sec}, eta {eta} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    });
    let finished = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let mut rows: Vec<(usize, Row)> = drain(
        &pool,
        || {
            let i = next.fetch_add(1, Ordering::Relaxed);
            items.get(i).map(|item| (i, item))
        },
        |(i, item)| {
            let row = process(g, &run_key, item, out);
            let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(EVICT_EVERY) {
                comemo::evict(EVICT_AGE);
            }
            if let Some(pb) = &bar {
                pb.inc(1);
                if row.status == Status::Failed {
                    pb.println(format!(
                        "failed: {}: {}",
                        row.input,
                        row.error.as_deref().unwrap_or("")
                    ));
                }
            } else if !opts.quiet {
                eprintln!(
                    "[{n}/{total}] {} {}",
                    match row.status {
                        Status::Done => "built",
                        Status::Skipped => "up to date",
                        Status::Failed => "FAILED",
                    },
                    row.input
                );
            }
            (i, row)
        },
    );
    rows.sort_by_key(|r| r.0);
    let rows: Vec<Row> = rows.into_iter().map(|r| r.1).collect();
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let report = Report::from_rows(rows, started.elapsed().as_secs_f64());
    write_atomic(
        &out.join("batch-report.json"),
        pretty_json(&report).as_bytes(),
    )?;
    write_atomic(&out.join("batch-report.csv"), report.csv().as_bytes())?;
    if opts.review {
        crate::review::write_batch(g, out, &report)?;
    }
    Ok(report)
}

/// A request line in `--jsonl` mode: a bare path string, `{"path": ...}`, or
/// `{"name": ..., "text": ...}` for an article sent inline.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Request {
    Path(String),
    File { path: String },
    Text { name: String, text: String },
}

/// `--jsonl`: reads requests from `input`, one JSON per line, and writes one result line per
/// request to `output` as each finishes (in parallel; results carry their line number).
pub fn run_jsonl(
    g: &Galley,
    input: impl BufRead + Send,
    output: impl Write + Send,
    out: &Path,
    jobs: usize,
) -> Result<usize, Error> {
    let run_key = run_key(g)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| Error::Setup(format!("cannot start worker threads: {e}")))?;
    let output = Mutex::new(output);
    let failures = AtomicUsize::new(0);
    let inline_dir = out.join(".galley-inline");
    let lines = Mutex::new(input.lines().enumerate());
    drain(
        &pool,
        || lines.lock().ok().and_then(|mut l| l.next()),
        |(i, line)| {
            let line_no = i + 1;
            let result = match line.map_err(|e| e.to_string()).and_then(|l| {
                serde_json::from_str::<Request>(&l)
                    .map_err(|e| format!("line {line_no}: not a request: {e}"))
            }) {
                Err(e) => serde_json::json!({ "line": line_no, "status": "failed", "error": e }),
                Ok(req) => {
                    let item = match req {
                        Request::Path(p) | Request::File { path: p } => Ok(Item {
                            stem: stem_of(Path::new(&p)),
                            path: PathBuf::from(p),
                        }),
                        Request::Text { name, text } => {
                            let stem = stem_of(Path::new(&name));
                            let path = inline_dir.join(format!("{stem}.txt"));
                            write_atomic(&path, text.as_bytes())
                                .map(|_| Item { path, stem })
                                .map_err(|e| e.to_string())
                        }
                    };
                    match item {
                        Ok(item) => {
                            let row = process(g, &run_key, &item, out);
                            serde_json::json!({ "line": line_no, "result": row })
                        }
                        Err(e) => {
                            serde_json::json!({ "line": line_no, "status": "failed", "error": e })
                        }
                    }
                }
            };
            if result.get("status").is_some_and(|s| s == "failed")
                || result
                    .pointer("/result/status")
                    .is_some_and(|s| s == "failed")
            {
                failures.fetch_add(1, Ordering::Relaxed);
            }
            if let Ok(mut w) = output.lock() {
                let _ = writeln!(w, "{result}");
                let _ = w.flush();
            }
        },
    );
    Ok(failures.into_inner())
}

/// Runs one article's work and turns a panic (a bug in galley or in Typst) into that article's
/// error, so that one article never stops the batch.
fn guarded<T>(path: &Path, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".into());
        Err(Error::Internal {
            path: path.to_path_buf(),
            message,
        })
    })
}

/// Runs `work` on every worker of `pool` until `next` runs dry, so that each worker holds
/// exactly one article at a time. (With a parallel iterator, a worker that waits inside
/// Typst's own parallel layout steals the next article and starts it on the same stack:
/// more articles in flight than jobs, each holding its layout in memory.)
fn drain<T, R: Send>(
    pool: &rayon::ThreadPool,
    next: impl Fn() -> Option<T> + Sync,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    pool.broadcast(|_| std::iter::from_fn(&next).map(&work).collect::<Vec<R>>())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_articles_error() {
        let r: Result<(), Error> = guarded(Path::new("a.txt"), || panic!("index out of bounds"));
        match r {
            Err(Error::Internal { path, message }) => {
                assert_eq!(path, Path::new("a.txt"));
                assert_eq!(message, "index out of bounds");
            }
            other => panic!("expected an internal error, got {other:?}"),
        }
        let r: Result<(), Error> = guarded(Path::new("b.txt"), || panic!("{} pages", 3));
        assert!(matches!(r, Err(Error::Internal { message, .. }) if message == "3 pages"));
        assert!(guarded(Path::new("c.txt"), || Ok::<_, Error>(7)).is_ok_and(|v| v == 7));
    }
}
