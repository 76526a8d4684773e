//! Build keys: a rebuild of an unchanged issue does no typesetting.
//!
//! An article's key hashes everything its outputs depend on: galley's build, the input bytes
//! and its sidecar override, the style's files, the font set, the issue metadata, the options
//! and the article's first page (so a page shift re-typesets exactly the articles it moves).

// Only `build_issue` (feature `typeset`) reads and writes the cache.
#![cfg_attr(not(feature = "typeset"), allow(dead_code))]

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::pipeline::{pretty_json, write_atomic};

/// File name of the cache state inside an output folder.
pub const CACHE_FILE: &str = ".galley-cache.json";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    pub articles: BTreeMap<String, CachedArticle>,
    #[serde(default)]
    pub issue_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedArticle {
    pub key: String,
    pub pages: usize,
}

impl Cache {
    /// The cache of `dir`; empty if missing or unreadable (then everything is rebuilt).
    pub fn load(dir: &Path) -> Cache {
        std::fs::read(dir.join(CACHE_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> Result<(), crate::Error> {
        write_atomic(&dir.join(CACHE_FILE), pretty_json(self).as_bytes())
    }
}

/// Incremental SHA-256 over length-prefixed parts (so part boundaries cannot be confused).
#[derive(Default)]
pub struct KeyHasher(Sha256);

impl KeyHasher {
    pub fn new() -> Self {
        let mut h = KeyHasher(Sha256::new());
        h.part(env!("CARGO_PKG_VERSION").as_bytes());
        h.part(code_fingerprint().as_bytes());
        h
    }

    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn finish(self) -> String {
        format!("{:x}", self.0.finalize())
    }
}

/// Which build of galley is running: the size and modification time of the executable, so a
/// rebuilt galley (same version, new code) does not trust outputs of the old one.
fn code_fingerprint() -> &'static str {
    static FP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FP.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                format!("{}:{mtime}", m.len())
            })
            .unwrap_or_default()
    })
}

/// Hash of every file under a folder (names and contents, in sorted order).
pub fn hash_tree(dir: &Path) -> String {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let mut h = KeyHasher::new();
    for rel in files {
        h.part(rel.as_bytes());
        h.part(&std::fs::read(dir.join(&rel)).unwrap_or_default());
    }
    h.finish()
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().into_owned());
        }
    }
}
