//! Helpers shared by the integration tests: a galley context rooted in this repository,
//! and the external readers (pdftotext, xmllint) the tests check outputs with.
#![allow(dead_code)]

pub mod sim;

use std::path::{Path, PathBuf};
use std::process::Command;

use galley::pipeline::{Galley, Settings};

/// Levenshtein distance over chars from `got` to `want` (texts of a few thousand characters:
/// the full table is fine). A `wildcard` in `got` replaces any character at no cost.
pub fn edit_distance(got: &[char], want: &[char], wildcard: Option<char>) -> usize {
    let mut prev: Vec<usize> = (0..=want.len()).collect();
    let mut cur = vec![0; want.len() + 1];
    for (i, &g) in got.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &w) in want.iter().enumerate() {
            let sub = prev[j] + usize::from(g != w && Some(g) != wildcard);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[want.len()]
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_issue() -> PathBuf {
    repo().join("articles/shanghai-party-history/2010-04")
}

/// A galley context using this repository's styles and the machine's fonts.
pub fn galley() -> Galley {
    let settings = Settings {
        styles: repo().join("styles"),
        ..Settings::default()
    };
    Galley::new(settings)
}

/// The JATS DTD catalog to validate against: ../shared/jats when it sits beside the checkout
/// (the reference copy), else the identical vendored copy.
pub fn jats_catalog() -> PathBuf {
    let shared =
        repo().join("../shared/jats/JATS-Publishing-1-3-DTD/catalog-jats-v1-3-no-base.xml");
    if shared.is_file() {
        shared
    } else {
        repo().join("src/jats/dtd/JATS-Publishing-1-3-DTD/catalog-jats-v1-3-no-base.xml")
    }
}

/// Runs xmllint --valid with the offline catalog; returns its complaints on failure.
pub fn xmllint_valid(path: &Path) -> Result<(), String> {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--valid"])
        .arg(path)
        .env("XML_CATALOG_FILES", jats_catalog())
        .output()
        .expect("xmllint is installed (make setup)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Text of a PDF as `pdftotext -raw` reads it.
pub fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (make setup)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The body text of a PDF: `pdftotext -raw` with each page's first line (the running head)
/// dropped, so that a paragraph crossing a page break reads as one.
pub fn pdf_body_text(path: &Path) -> String {
    pdftotext(path)
        .split('\u{c}')
        .map(|page| page.split_once('\n').map(|(_, rest)| rest).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with all whitespace removed and the lost-character mark made comparable, so that
/// line breaks of the layout do not matter.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c == galley::model::LOST_CHAR {
                '〓'
            } else {
                c
            }
        })
        .collect()
}

/// Annotations of the reference seed.json itself, not article fields.
pub const NOT_FIELDS: &[&str] = &[
    "mirror_boilerplate",
    "uncertain",
    "certainty_note",
    "type_note",
    "publisher_note",
];

/// A model's JSON without nulls and without the reference's own annotations, for comparing
/// galley's output with seed.json field by field.
pub fn prune(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, v)| !v.is_null() && !NOT_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), prune(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(prune).collect()),
        other => other.clone(),
    }
}
