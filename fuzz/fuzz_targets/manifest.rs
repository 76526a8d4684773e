//! `issue.toml` parsing and path resolution: nothing resolves outside the issue folder.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

/// An issue folder holding `a.txt`, beside a `secret.txt` that must never resolve.
fn issue_dir() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let issue = tmp.path().join("issue");
        std::fs::create_dir(&issue).unwrap();
        std::fs::write(issue.join("a.txt"), "a").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("../secret.txt", issue.join("link.txt")).unwrap();
        (tmp, issue)
    })
    .1
}

fuzz_target!(|data: &[u8]| {
    if data.len() > checks::MAX_FUZZ_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(why) = checks::manifest(text, issue_dir()) {
        panic!("{why}");
    }
});
