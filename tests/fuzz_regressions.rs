//! Replays the fuzzers' kept corpus (`tests/fuzz-corpus/<target>/`, minimised with
//! `cargo fuzz cmin`) and any crash reproducer through the normal library, on stable Rust,
//! with the same invariants the fuzz targets check (tests/fuzz_checks/mod.rs).
//!
//! To refresh after a fuzz run (see fuzz/Cargo.toml):
//!   RUSTC_BOOTSTRAP=1 cargo fuzz cmin <target>
//!   cp fuzz/corpus/<target>/* tests/fuzz-corpus/<target>/
//! A crash reproducer (`fuzz/artifacts/<target>/crash-*`) goes in the same folder once fixed.

use std::path::{Path, PathBuf};

mod fuzz_checks;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: empty corpus", dir.display());
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// Runs `check` on every corpus input of `target`, reporting every failure at once.
fn replay(target: &str, check: impl Fn(&[u8]) -> Result<(), String>) {
    let inputs = corpus(target);
    let mut failures = Vec::new();
    for (path, bytes) in &inputs {
        if bytes.len() > fuzz_checks::MAX_FUZZ_INPUT {
            continue;
        }
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        match r {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{}: {why}", path.display())),
            Err(_) => failures.push(format!("{}: panicked", path.display())),
        }
    }
    eprintln!("{target}: {} inputs replayed", inputs.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalize_corpus() {
    replay("normalize", fuzz_checks::normalize);
}

#[test]
fn extract_corpus() {
    replay("extract", |b| {
        fuzz_checks::extract(&String::from_utf8_lossy(b))
    });
}

#[test]
fn jats_read_corpus() {
    replay("jats_read", |b| match std::str::from_utf8(b) {
        Ok(xml) => fuzz_checks::jats_read(xml),
        Err(_) => Ok(()),
    });
}

#[test]
fn manifest_corpus() {
    // The fuzz target's issue folder: `a.txt`, and a symlink to a file beside the folder.
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    std::fs::create_dir(&issue).unwrap();
    std::fs::write(issue.join("a.txt"), "a").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../secret.txt", issue.join("link.txt")).unwrap();
    replay("manifest", |b| match std::str::from_utf8(b) {
        Ok(text) => fuzz_checks::manifest(text, &issue),
        Err(_) => Ok(()),
    });
}
