//! JATS Journal Publishing 1.3: writer, reader and DTD validation.
//!
//! STUB until the JATS issue lands: writes title and paragraphs only.

use std::path::{Path, PathBuf};

use crate::model::Article;

/// Public identifier and system identifier of the Journal Publishing 1.3 DTD.
pub const DOCTYPE: &str = r#"<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">"#;

#[derive(Debug, thiserror::Error)]
pub enum JatsError {
    #[error("{path}: line {line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: not valid JATS 1.3:\n{messages}")]
    Invalid { path: PathBuf, messages: String },
    #[error("xmllint not found: install libxml2-utils (apt-get install libxml2-utils)")]
    NoXmllint,
    #[error(
        "JATS DTD not found at {0}: set GALLEY_JATS_DTD to the folder holding catalog-jats-v1-3-no-base.xml"
    )]
    NoDtd(PathBuf),
}

fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// Writes the article as JATS XML.
pub fn write(a: &Article) -> String {
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(DOCTYPE);
    x.push_str("\n<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" article-type=\"research-article\" dtd-version=\"1.3\" xml:lang=\"zh\"><front><journal-meta><journal-title-group><journal-title>");
    x.push_str(&esc(a.journal_title.as_deref().unwrap_or("")));
    x.push_str("</journal-title></journal-title-group></journal-meta><article-meta><title-group><article-title>");
    x.push_str(&esc(a.title.as_deref().unwrap_or("")));
    x.push_str("</article-title></title-group></article-meta></front><body>");
    for s in &a.sections {
        for p in &s.paragraphs {
            x.push_str("<p>");
            x.push_str(&esc(p));
            x.push_str("</p>");
        }
    }
    x.push_str("</body></article>\n");
    x
}

/// Folder holding the vendored Journal Publishing 1.3 DTD and its offline catalog.
pub fn dtd_dir() -> PathBuf {
    std::env::var_os("GALLEY_JATS_DTD")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("src/jats/dtd/JATS-Publishing-1-3-DTD")
        })
}

/// Validates a JATS file against the 1.3 DTD with xmllint (offline catalog, no network).
pub fn validate(path: &Path) -> Result<(), JatsError> {
    let dir = dtd_dir();
    let catalog = dir.join("catalog-jats-v1-3-no-base.xml");
    if !catalog.is_file() {
        return Err(JatsError::NoDtd(dir));
    }
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--nonet", "--valid"])
        .arg(path)
        .env("XML_CATALOG_FILES", &catalog)
        .output()
        .map_err(|_| JatsError::NoXmllint)?;
    if out.status.success() {
        Ok(())
    } else {
        Err(JatsError::Invalid {
            path: path.to_path_buf(),
            messages: String::from_utf8_lossy(&out.stderr).trim_end().to_string(),
        })
    }
}
