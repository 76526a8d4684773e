//! The document model: the one vocabulary every stage speaks.
//!
//! Field names follow `shared/reference/seed.json` (including its upper-case `ISSN` and
//! `CLC_number`), so `galley extract` output can be compared with it field by field. Fields
//! that could not be found are `None`/empty and are left out of the JSON: never invented.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One article, from journal metadata down to its references.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    /// Language of the article as a BCP 47 tag (`zh`, `en`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub lang: String,
    /// `research-article`, `review-article`, ... (JATS `article-type`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_type: Option<String>,

    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title in the other language of a bilingual article (usually English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trans_title: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// The byline exactly as printed, e.g. `●熊玉清 潘海英`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_line_raw: Option<String>,
    /// The affiliation when the article has exactly one (all authors share it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Numbered affiliations, linked from [`Author::affiliations`], when there are several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,

    // Journal and issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_title_en: Option<String>,
    /// Short journal identifier used in file names and JATS `journal-id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Print ISSN.
    #[serde(rename = "ISSN", skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    /// Online ISSN.
    #[serde(rename = "eISSN", skip_serializing_if = "Option::is_none")]
    pub eissn: Option<String>,
    /// China standard serial number (国内统一刊号), e.g. `31-1564/D`.
    #[serde(rename = "CN", skip_serializing_if = "Option::is_none")]
    pub cn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fpage: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lpage: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(skip_serializing_if = "Dates::is_empty")]
    pub dates: Dates,

    // Codes printed with the article.
    /// 中图分类号; several numbers are joined with `；` as printed.
    #[serde(rename = "CLC_number", skip_serializing_if = "Option::is_none")]
    pub clc_number: Option<String>,
    /// 文献标识码 (A–E).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_code: Option<String>,
    /// 文章编号 as printed, e.g. `1009-928X(2010)04-0045-03`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_number_parsed: Option<ArticleNumber>,
    /// 责任编辑.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corresponding_author: Option<String>,
    /// Author notes, funding and similar first-page footnotes, as printed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,

    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trans_abstract: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trans_keywords: Vec<String>,

    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,

    /// Where each field came from: field name → source lines, confidence, origin.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, Provenance>,
    /// Every inconsistency found (bad ISSN check digit, page mismatch, lost characters...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// An author. Serialises as a bare string when only the name is known (as in seed.json).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "AuthorRepr", into = "AuthorRepr")]
pub struct Author {
    pub name: String,
    /// Pinyin or English form, e.g. `XIONG Yuqing`.
    pub name_en: Option<String>,
    /// Ids of [`Affiliation`]s.
    pub affiliations: Vec<String>,
    pub corresponding: bool,
    pub email: Option<String>,
}

impl Author {
    pub fn named(name: impl Into<String>) -> Self {
        Author {
            name: name.into(),
            ..Default::default()
        }
    }

    fn is_bare(&self) -> bool {
        self.name_en.is_none()
            && self.affiliations.is_empty()
            && !self.corresponding
            && self.email.is_none()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum AuthorRepr {
    Bare(String),
    Full {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name_en: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        affiliations: Vec<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        corresponding: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<String>,
    },
}

impl From<AuthorRepr> for Author {
    fn from(r: AuthorRepr) -> Self {
        match r {
            AuthorRepr::Bare(name) => Author::named(name),
            AuthorRepr::Full {
                name,
                name_en,
                affiliations,
                corresponding,
                email,
            } => Author {
                name,
                name_en,
                affiliations,
                corresponding,
                email,
            },
        }
    }
}

impl From<Author> for AuthorRepr {
    fn from(a: Author) -> Self {
        if a.is_bare() {
            AuthorRepr::Bare(a.name)
        } else {
            AuthorRepr::Full {
                name: a.name,
                name_en: a.name_en,
                affiliations: a.affiliations,
                corresponding: a.corresponding,
                email: a.email,
            }
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Affiliation {
    /// Stable id (`aff1`, ...), referenced by authors and by JATS `xref`.
    pub id: String,
    /// The printed mark (`1`, `*`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// Dates as ISO 8601 strings (`2010-08-15`, or `2010-08` when the day is not printed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dates {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revised: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

impl Dates {
    pub fn is_empty(&self) -> bool {
        self.received.is_none()
            && self.revised.is_none()
            && self.accepted.is_none()
            && self.published.is_none()
    }
}

/// 文章编号 `ISSN(YYYY)NN-PPPP-CC`, split into its parts as printed (strings keep the zeros).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleNumber {
    #[serde(rename = "ISSN")]
    pub issn: String,
    pub year: i32,
    pub issue: String,
    pub first_page: String,
    pub page_count: String,
}

impl ArticleNumber {
    /// Last page = first + count − 1, when both parse.
    pub fn last_page(&self) -> Option<u32> {
        let first: u32 = self.first_page.parse().ok()?;
        let count: u32 = self.page_count.parse().ok()?;
        (count > 0).then(|| first + count - 1)
    }
}

/// A run of body text under one heading. Level 0 is the text before the first heading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Section {
    pub level: u8,
    /// The numbering as printed (`一、`, `（一）`, `1.1`).
    pub label: Option<String>,
    pub title: Option<String>,
    /// The heading runs into the first paragraph (`（一）标题。正文……`).
    pub run_in: bool,
    pub paragraphs: Vec<String>,
}

/// A bibliography entry. `raw` is always the entry as printed; the rest is parsed from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub raw: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A parenthesised note after the title (`内部刊物`, `辅导读本`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_note: Option<String>,
    /// GB/T 7714 type code: M, J, C, D, R, N, S, P, EB/OL ...
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Journal, book or proceedings the entry is part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where a field came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// 1-based line numbers of the clean text, inclusive (of the sidecar for overrides).
    pub lines: (usize, usize),
    /// The same span as lines of the raw input, mapped through the audit trail, for fields
    /// found in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_lines: Option<(usize, usize)>,
    pub confidence: f32,
    /// `text`, `sidecar`, `manifest` or `jats`.
    pub origin: String,
}

/// An inconsistency or doubt, reported rather than silently fixed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Machine-readable kind: `issn-check-digit`, `article-number-mismatch`, `lost-character`, ...
    pub kind: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// 1-based line of the clean text, when the warning has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// The mark the repair stage inserts where a character is truly lost (see README).
pub const LOST_CHAR: char = '\u{FFFD}';
