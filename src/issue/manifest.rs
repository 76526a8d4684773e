//! `issue.toml`: journal, issue and the ordered list of articles.
//!
//! Article paths are relative to the issue folder and may not leave it (no absolute paths,
//! no `..`, no symlink pointing outside): a manifest can only make galley read its own folder.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub journal: JournalMeta,
    pub issue: IssueMeta,
    #[serde(default)]
    pub articles: Vec<ArticleEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalMeta {
    pub title: String,
    pub title_en: Option<String>,
    /// Short journal id (publisher-id), used in JATS `journal-id`.
    pub id: Option<String>,
    pub issn: Option<String>,
    pub eissn: Option<String>,
    pub cn: Option<String>,
    pub publisher: Option<String>,
    /// Style folder under `styles/`.
    #[serde(default = "default_style")]
    pub style: String,
}

fn default_style() -> String {
    "zh-journal".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueMeta {
    pub year: i32,
    #[serde(default)]
    pub volume: String,
    pub number: u32,
    /// Publication date as printed (`2010-04`).
    pub date: Option<String>,
    #[serde(default = "one")]
    pub first_page: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleEntry {
    pub file: String,
    /// Issue section (栏目) the article belongs to, e.g. 党建研究.
    pub section: Option<String>,
    /// Style overriding the journal's.
    pub style: Option<String>,
}

/// A manifest that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{path}: line {line}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: article `{file}` {why}")]
    BadPath {
        path: PathBuf,
        file: String,
        why: &'static str,
    },
    /// A style that is not a plain folder name under `styles/` (`../x`, `/`, `a/b`).
    #[error(
        "{path}: style `{style}` is not a folder name under styles/ (use letters, digits, `-`, `_`, `.`)"
    )]
    BadStyle { path: PathBuf, style: String },
}

/// A style is one folder name under `styles/`: never a path, so it cannot leave that folder.
pub fn is_style_name(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Manifest {
    /// Reads `dir/issue.toml`.
    pub fn load(dir: &Path) -> Result<Manifest, Error> {
        let path = dir.join("issue.toml");
        let text = std::fs::read_to_string(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::Input {
                path: dir.to_path_buf(),
                message: "not an issue folder: it needs an issue.toml listing the journal, the issue and the articles (see articles/*/*/issue.toml)".into(),
            },
            _ => Error::Read {
                path: path.clone(),
                source,
            },
        })?;
        Ok(Self::parse(&text, &path)?)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Manifest, ManifestError> {
        let m: Manifest = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            ManifestError::Syntax {
                path: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            }
        })?;
        let styles = std::iter::once(&m.journal.style)
            .chain(m.articles.iter().filter_map(|a| a.style.as_ref()));
        for style in styles {
            if !is_style_name(style) {
                return Err(ManifestError::BadStyle {
                    path: path.to_path_buf(),
                    style: style.clone(),
                });
            }
        }
        Ok(m)
    }

    /// The real path of an article file, refusing anything outside `dir`.
    pub fn resolve(&self, dir: &Path, file: &str) -> Result<PathBuf, ManifestError> {
        let manifest = dir.join("issue.toml");
        let bad = |why| ManifestError::BadPath {
            path: manifest.clone(),
            file: file.to_string(),
            why,
        };
        let rel = Path::new(file);
        if rel.is_absolute() || file.starts_with('/') || file.starts_with('\\') {
            return Err(bad(
                "is an absolute path; give it relative to the issue folder",
            ));
        }
        if rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(bad("leaves the issue folder (`..`); keep inputs inside it"));
        }
        let root = dir
            .canonicalize()
            .map_err(|_| bad("cannot be resolved: the issue folder is unreadable"))?;
        let real = root
            .join(rel)
            .canonicalize()
            .map_err(|_| bad("does not exist in the issue folder"))?;
        if !real.starts_with(&root) {
            return Err(bad("is a symlink that points outside the issue folder"));
        }
        Ok(real)
    }
}
