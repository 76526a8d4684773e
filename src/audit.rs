//! The audit trail: every change the repair stage makes, and the fate of every input line.
//!
//! "Nothing is lost": an editor (or a test) can replay the trail against the input and see
//! exactly which lines were kept, changed or removed, and why.

use serde::{Deserialize, Serialize};

/// What was done to one article's input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Audit {
    /// Input file as given on the command line (`-` for stdin).
    pub input: String,
    /// SHA-256 of the input bytes, hex.
    pub input_sha256: String,
    pub input_bytes: usize,
    /// Encoding used to decode the input (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, ...).
    pub encoding: String,
    /// How the encoding was chosen: `bom`, `valid-utf8`, `detected`, `forced`.
    pub encoding_source: String,
    /// Script decision: `hans`, `hant`, and why (`auto: ...`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub script: String,
    pub entries: Vec<Entry>,
    /// One record per input line, in input order.
    pub lines: Vec<LineRecord>,
}

/// One change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entry {
    pub kind: Kind,
    /// 1-based input line.
    pub line: usize,
    /// Byte range within that line's decoded text, as the pass saw it.
    pub span: (usize, usize),
    pub before: String,
    pub after: String,
    /// 0.0–1.0.
    pub confidence: f32,
    /// Alternatives that were considered, best first, with their scores.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub text: String,
    pub score: f64,
}

/// Kinds of change. Serialised in kebab-case (`pinyin-annotation`, `lost-character`, ...).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Invalid bytes in the declared or detected encoding.
    Decode,
    /// UTF-8 read as Latin-1/cp1252 (`donâ€™t`).
    Mojibake,
    /// A `(pinyin)` reading annotation removed.
    PinyinAnnotation,
    /// A byte-level garble window rebuilt.
    Garble,
    /// A character that cannot be recovered, marked with [`crate::model::LOST_CHAR`].
    LostCharacter,
    /// Damage detected but not repaired: kept as it was.
    Unrepaired,
    /// Traditional → simplified (or the reverse) conversion.
    Script,
    /// ASCII → full-width punctuation in CJK context.
    Punctuation,
    /// A control character removed.
    ControlCharacter,
    /// Whitespace normalised.
    Whitespace,
    /// A whole line removed (see [`LineRecord::reason`]).
    #[default]
    RemovedLine,
}

/// The fate of one input line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineRecord {
    /// 1-based input line.
    pub line: usize,
    pub fate: Fate,
    /// 1-based line in the clean output, for kept and changed lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_line: Option<usize>,
    /// Why a line was removed: `seo-keywords`, `related-articles`, `place-list`,
    /// `site-chrome`, `site-meta`, `duplicate`, `blank`, `lone-question-mark`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The input line's text (decoded), so the trail alone reconstructs the input line set.
    pub text: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    #[default]
    Kept,
    Changed,
    Removed,
}

impl Audit {
    /// Adds an entry.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Number of entries of one kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}
