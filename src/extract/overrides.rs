//! Editor overrides: a sidecar `<stem>.meta.toml` whose keys are the article's JSON field
//! names (`title`, `ISSN`, `CLC_number`, `[dates]`, `[[references]]` ...). A key present there
//! wins over extraction and its provenance says `origin = "override"`.
//!
//! ```toml
//! title = "周浦镇东南社区创新社区党建工作"
//! CLC_number = "D267"
//! authors = ["熊玉清", { name = "潘海英", corresponding = true }]
//!
//! [dates]            # merged key by key with the extracted dates
//! published = "2010-04-15"
//! ```
//!
//! Consistency checks are re-run afterwards, so a corrected ISSN clears its warning.

use serde_json::{Map, Value};

use crate::extract::validate;
use crate::model::{Article, Provenance};

/// Why a sidecar could not be applied; every variant names the file and line.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum OverrideError {
    #[error("{file}: line {line}, column {column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: line {line}: unknown field `{field}`")]
    UnknownField {
        file: String,
        line: usize,
        field: String,
    },
    #[error("{file}: line {line}: field `{field}`: {message}")]
    BadValue {
        file: String,
        line: usize,
        field: String,
        message: String,
    },
}

/// Article fields an override may set (the JSON names of [`Article`]).
const FIELDS: &[&str] = &[
    "lang",
    "article_type",
    "title",
    "trans_title",
    "authors",
    "author_line_raw",
    "affiliation",
    "affiliations",
    "journal_title",
    "journal_title_en",
    "journal_id",
    "publisher",
    "ISSN",
    "eISSN",
    "CN",
    "year",
    "volume",
    "issue",
    "fpage",
    "lpage",
    "doi",
    "dates",
    "CLC_number",
    "document_code",
    "article_number",
    "article_number_parsed",
    "editor",
    "corresponding_author",
    "notes",
    "abstract",
    "trans_abstract",
    "keywords",
    "trans_keywords",
    "sections",
    "references",
];

/// Fields whose tables merge key by key (`[dates] received = …` keeps the other dates).
const MERGED: &[&str] = &["dates", "article_number_parsed"];

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The line where a top-level key or table is defined.
fn key_line(text: &str, key: &str) -> usize {
    for (i, l) in text.lines().enumerate() {
        let l = l.trim_start();
        let bare = l.trim_start_matches('[').trim_start_matches('"');
        if let Some(after) = bare.strip_prefix(key) {
            let after = after.trim_start_matches('"').trim_start();
            if after.starts_with('=') || after.starts_with(']') || after.starts_with('.') {
                return i + 1;
            }
        }
    }
    1
}

/// Applies a sidecar's fields to `article`, recording them as overrides and re-running the
/// consistency checks. `file` names the sidecar in errors. On error the article is unchanged.
pub fn apply_overrides(
    article: &mut Article,
    toml_text: &str,
    file: &str,
) -> Result<(), OverrideError> {
    let table: toml::Table = toml_text.parse().map_err(|e: toml::de::Error| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(toml_text, s.start));
        OverrideError::Syntax {
            file: file.into(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let mut obj = match serde_json::to_value(&*article) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let mut set: Vec<(String, usize)> = Vec::new();
    for (key, value) in &table {
        let line = key_line(toml_text, key);
        if !FIELDS.contains(&key.as_str()) {
            return Err(OverrideError::UnknownField {
                file: file.into(),
                line,
                field: key.clone(),
            });
        }
        let bad = |message: String| OverrideError::BadValue {
            file: file.into(),
            line,
            field: key.clone(),
            message,
        };
        let json = serde_json::to_value(value).map_err(|e| bad(e.to_string()))?;
        match json {
            Value::Object(new) if MERGED.contains(&key.as_str()) => {
                let slot = obj
                    .entry(key.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                for (k, v) in new {
                    set.push((format!("{key}.{k}"), line));
                    if let Value::Object(old) = slot {
                        old.insert(k, v);
                    }
                }
            }
            json => {
                obj.insert(key.clone(), json);
            }
        }
        // Check each key on its own so an error names the right line.
        serde_json::from_value::<Article>(Value::Object(obj.clone()))
            .map_err(|e| bad(e.to_string()))?;
        set.push((key.clone(), line));
    }
    let mut updated: Article =
        serde_json::from_value(Value::Object(obj)).map_err(|e| OverrideError::BadValue {
            file: file.into(),
            line: 1,
            field: String::new(),
            message: e.to_string(),
        })?;
    let has = |k: &str| table.contains_key(k);
    if has("article_number") && !has("article_number_parsed") {
        updated.article_number_parsed = updated
            .article_number
            .as_deref()
            .and_then(crate::extract::codes::parse_article_number);
    }
    for (key, line) in set {
        // Per-element spans (`sections[3]`) of an overridden list no longer apply.
        let element = format!("{key}[");
        updated.provenance.retain(|k, _| !k.starts_with(&element));
        updated.provenance.insert(
            key,
            Provenance {
                lines: (line, line),
                confidence: 1.0,
                origin: "override".into(),
                input_lines: None,
            },
        );
    }
    updated
        .warnings
        .retain(|w| !validate::KINDS.contains(&w.kind.as_str()));
    let checks = validate::validate(&updated);
    updated.warnings.extend(checks);
    *article = updated;
    Ok(())
}
