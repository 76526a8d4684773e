//! JATS Journal Publishing 1.3: writer, reader and DTD validation.
//!
//! Archives ingest galley's articles as JATS, and an archive must be able to re-typeset an
//! article from its JATS alone, so [`write()`] and [`read()`] are inverse on every field the writer
//! emits (tested by a proptest). The output follows the PMC tagging guidelines and JATS4R.
//!
//! # Mapping (model field → JATS)
//!
//! | model | JATS |
//! |---|---|
//! | `lang`, `article_type` | `article/@xml:lang`, `@article-type` (default `research-article`) |
//! | `journal_id`, `CN` | `journal-id[@journal-id-type="publisher-id"]`, `[@journal-id-type="cn"]` |
//! | `journal_title(_en)`, `publisher` | `journal-title-group`, `publisher/publisher-name` |
//! | `ISSN`, `eISSN` | `issn[@pub-type="ppub"][@publication-format="print"]`, `…epub…electronic` |
//! | `article_number`, `doi` | `article-id[@pub-id-type="other"]`, `[@pub-id-type="doi"]` |
//! | `CLC_number` | `article-categories/subj-group[@subj-group-type="clc"]/subject` (split at `；`) |
//! | `title`, `trans_title` | `title-group/article-title`, `trans-title-group[@xml:lang]/trans-title` |
//! | `authors` | `contrib-group/contrib[@contrib-type="author"]`: Chinese names and romanised names with a capitalised surname (`XIONG Yuqing`) as structured `name` (`name-style="eastern"` where the surname comes first), others verbatim as `string-name`; `name_en` via `name-alternatives`; `xref[@ref-type="aff"]`; `@corresp="yes"` plus `xref[@ref-type="corresp"]`; `email` |
//! | `affiliation` | `contrib-group/aff[@specific-use="all-authors"]`, cross-referenced by every author |
//! | `affiliations` | `aff[@id]` with `label` (or `aff-alternatives` when `name_en` exists) |
//! | `corresponding_author`, `notes` | `author-notes/corresp[@id]`, `author-notes/fn` (`supported-by` for funding notes), one `p` per line |
//! | `year`, `dates.published` | `pub-date[@date-type="collection"]`, `pub-date[@date-type="pub"]` |
//! | `dates.received/revised/accepted` | `history/date[@date-type="received"/"rev-recd"/"accepted"]` |
//! | `volume`, `issue`, `fpage`, `lpage` | same-named elements |
//! | `abstract`, `trans_abstract` | `abstract/p`, `trans-abstract[@xml:lang]/p`, one `p` per line |
//! | `keywords`, `trans_keywords` | `kwd-group[@xml:lang]` (article language / the other one) |
//! | `document_code`, `author_line_raw` | `custom-meta-group/custom-meta` named `document-code`, `author-line-raw` |
//! | `sections` | lead paragraphs as `body/p`; every other section a nested `sec` with `label` and `title` |
//! | `references` | `ref-list/ref`: `mixed-citation` (raw) + `element-citation` in `citation-alternatives` |
//! | `editor` | `back/fn-group/fn[@fn-type="edited-by"]` |
//!
//! Conventions the reader relies on (all DTD-valid, documented here because JATS has none):
//! - `sec/@specific-use` holds space-separated tokens: [`RUN_IN`] marks a run-in heading, and
//!   `level-N` records the model level where it differs from the nesting depth (e.g. level-0
//!   sections after the first heading, or skipped levels).
//! - The GB/T 7714 type code is kept verbatim as `specific-use="gbt7714:CODE"` on the citations,
//!   next to the mapped `publication-type`.
//! - Empty optional strings are treated as absent (`Some("")` is written like `None`).
//! - `article_number_parsed` is not written; the reader re-derives it from the article number.
//! - The DTD requires `journal-id` and `issn`: without a journal id or CN the ISSN is used
//!   (`journal-id-type="issn"`, which the reader ignores); without any ISSN an empty `issn` is
//!   written, which reads back as absent.
//! - Dates that are not `YYYY[-MM[-DD]]` cannot be tagged as dates; they are kept as custom-meta
//!   `date-published`, `date-received`, `date-revised`, `date-accepted`.
//! - A lost character (U+FFFD) in paragraphs and titles is wrapped in
//!   `named-content[@content-type="lost-character"]`, which the reader unwraps.
//! - Provenance and warnings are pipeline records and are not written; the reader reports
//!   values it cannot parse (e.g. a non-numeric `issue`) as `jats-unparsed` warnings.
//! - `xml:lang` is set on the article and on every element whose text is guessed to be in
//!   another language (Han vs Latin letters), and always on translated titles, abstracts and
//!   keyword groups.
//!
//! [`write_with_report`] also returns what had to be stripped (characters XML 1.0 cannot carry)
//! or changed (invalid affiliation ids, dangling links) so the pipeline can audit it.

mod lang;
mod read;
mod write;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::model::Article;

/// Public identifier and system identifier of the Journal Publishing 1.3 DTD.
pub const DOCTYPE: &str = r#"<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">"#;

/// Public identifier of the Journal Publishing 1.3 DTD (the one external DTD xmllint may load).
pub const PUBLIC_ID: &str = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN";

/// `sec/@specific-use` token marking a run-in heading (`（一）标题。正文……`).
pub const RUN_IN: &str = "run-in";
/// `named-content/@content-type` wrapping the lost-character mark U+FFFD.
pub const LOST_CHARACTER: &str = "lost-character";
/// `specific-use` prefix keeping a reference's GB/T 7714 type code verbatim.
pub const GBT7714_PREFIX: &str = "gbt7714:";

/// Everything the JATS writer, reader and validator can fail with.
#[derive(Debug, thiserror::Error)]
pub enum JatsError {
    /// The input is not well-formed XML.
    #[error("line {line}, column {column}: not well-formed XML: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The DOCTYPE declares an entity. galley never expands or fetches entities, so external
    /// entities (XXE) and entity bombs (billion laughs) are refused before any use.
    #[error(
        "line {line}, column {column}: the DOCTYPE declares entity `{name}`; galley refuses entity declarations (no expansion, no fetching)"
    )]
    EntityDeclaration {
        name: String,
        line: usize,
        column: usize,
    },
    /// A reference to an entity other than XML's five predefined ones.
    #[error(
        "line {line}, column {column}: unknown entity `&{name};` (only &lt; &gt; &amp; &quot; &apos; and character references are accepted)"
    )]
    UnknownEntity {
        name: String,
        line: usize,
        column: usize,
    },
    /// Well-formed XML that is not a JATS article galley can read.
    #[error("line {line}, column {column}: not a JATS article: {message}")]
    NotJats {
        line: usize,
        column: usize,
        message: String,
    },
    /// Elements nested deeper than [`MAX_DEPTH`]; refused so reading cannot exhaust the stack.
    #[error("line {line}, column {column}: elements nested deeper than {limit}")]
    TooDeep {
        line: usize,
        column: usize,
        limit: usize,
    },
    /// Writing the XML failed (only possible on allocation failure of the output buffer).
    #[error("cannot write JATS: {0}")]
    Write(#[from] std::io::Error),
    /// xmllint reported validity or well-formedness errors.
    #[error("{path}: not valid JATS 1.3:\n{}", format_messages(.messages))]
    Invalid {
        path: PathBuf,
        messages: Vec<ValidationMessage>,
    },
    /// Validation needs xmllint from libxml2 (galley carries no DTD validator of its own).
    #[error("xmllint not found: install libxml2-utils (apt-get install libxml2-utils)")]
    NoXmllint,
    /// xmllint exists but could not be run or fed.
    #[error("cannot run xmllint on {path}: {source}")]
    Xmllint {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The vendored DTD (or `GALLEY_JATS_DTD`) is missing; validation never goes online.
    #[error(
        "JATS DTD not found at {0}: set GALLEY_JATS_DTD to the folder holding catalog-jats-v1-3-no-base.xml"
    )]
    NoDtd(PathBuf),
}

/// Deepest element nesting the reader accepts.
pub const MAX_DEPTH: usize = 256;

/// One message from xmllint, split into its parts so callers can point at the element.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationMessage {
    /// The file as named to xmllint (the label, for [`validate_str`]).
    pub file: String,
    pub line: Option<usize>,
    /// The element the message is about, when xmllint names one.
    pub element: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ValidationMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(el) = &self.element {
            write!(f, ": <{el}>")?;
        }
        write!(f, ": {}", self.message)
    }
}

fn format_messages(messages: &[ValidationMessage]) -> String {
    messages
        .iter()
        .map(|m| format!("  {m}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Characters removed from one field because XML 1.0 cannot carry them.
#[derive(Debug, Clone, PartialEq)]
pub struct Stripped {
    /// Model path of the field, e.g. `sections[2].paragraphs[0]`.
    pub field: String,
    pub chars: Vec<char>,
}

/// A change the writer had to make to keep the document valid.
#[derive(Debug, Clone, PartialEq)]
pub enum Adjustment {
    /// An affiliation id that is not an XML name, or repeats, was replaced.
    AffiliationId { from: String, to: String },
    /// An author pointed at an affiliation id that does not exist; the link was dropped.
    DanglingAffiliation { author: String, id: String },
    /// `lang` was empty or not an NMTOKEN; the written language was guessed.
    Language { from: String, to: String },
    /// `lpage` without `fpage` cannot be tagged; it was left out.
    LastPageWithoutFirst(u32),
}

impl std::fmt::Display for Stripped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let chars: Vec<String> = self
            .chars
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        write!(
            f,
            "{}: stripped {} (not allowed in XML 1.0)",
            self.field,
            chars.join(" ")
        )
    }
}

impl std::fmt::Display for Adjustment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Adjustment::AffiliationId { from, to } => {
                write!(
                    f,
                    "affiliation id `{from}` is not a unique XML name; written as `{to}`"
                )
            }
            Adjustment::DanglingAffiliation { author, id } => {
                write!(
                    f,
                    "author {author} points at unknown affiliation `{id}`; link left out"
                )
            }
            Adjustment::Language { from, to } => {
                write!(
                    f,
                    "language `{from}` is not usable as xml:lang; guessed `{to}` from the text"
                )
            }
            Adjustment::LastPageWithoutFirst(l) => {
                write!(f, "lpage {l} without fpage cannot be tagged; left out")
            }
        }
    }
}

/// The JATS text plus everything the writer had to strip or change on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub xml: String,
    pub stripped: Vec<Stripped>,
    pub adjustments: Vec<Adjustment>,
}

/// Writes the article as JATS Journal Publishing 1.3.
pub fn write(article: &Article) -> Result<String, JatsError> {
    Ok(write_with_report(article)?.xml)
}

/// Writes the article and reports the characters it had to strip (C0 controls, U+FFFE/U+FFFF)
/// and the changes it had to make, so the pipeline can put them in its audit trail.
pub fn write_with_report(article: &Article) -> Result<Written, JatsError> {
    write::write(article)
}

/// Reads a JATS article back into the document model. Resolves no entity: a DOCTYPE declaring
/// entities and references to unknown entities are errors, and nothing is ever fetched.
pub fn read(xml: &str) -> Result<Article, JatsError> {
    read::read(xml)
}

/// Folder holding the vendored Journal Publishing 1.3 DTD and its offline catalog.
pub fn dtd_dir() -> PathBuf {
    std::env::var_os("GALLEY_JATS_DTD")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("src/jats/dtd/JATS-Publishing-1-3-DTD")
        })
}

fn catalog() -> Result<PathBuf, JatsError> {
    let dir = dtd_dir();
    let catalog = dir.join("catalog-jats-v1-3-no-base.xml");
    if catalog.is_file() {
        Ok(catalog)
    } else {
        Err(JatsError::NoDtd(dir))
    }
}

fn xmllint(path: &Path, stdin: Option<&str>) -> Result<(), JatsError> {
    // xmllint --valid loads external entities and DTDs named by the document: refuse them
    // first (XXE, `<!DOCTYPE x SYSTEM "/etc/passwd">` echoing the file in its messages).
    match stdin {
        Some(text) => read::check_prolog(text)?,
        None => {
            let bytes = std::fs::read(path).map_err(|source| JatsError::Xmllint {
                path: path.to_path_buf(),
                source,
            })?;
            read::check_prolog(&String::from_utf8_lossy(&bytes))?;
        }
    }
    let catalog = catalog()?;
    let mut cmd = Command::new("xmllint");
    cmd.args(["--noout", "--nonet", "--valid"])
        .env("XML_CATALOG_FILES", &catalog)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    cmd.arg(if stdin.is_some() {
        Path::new("-")
    } else {
        path
    });
    let io_err = |source| JatsError::Xmllint {
        path: path.to_path_buf(),
        source,
    };
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => JatsError::NoXmllint,
        _ => io_err(e),
    })?;
    // Feed stdin from another thread: xmllint may fill its stderr pipe with messages before it
    // has read all of its input, and writing and reading in turn here would then deadlock.
    let out = std::thread::scope(|scope| {
        let feeder = match (stdin, child.stdin.take()) {
            (Some(text), Some(mut pipe)) => {
                Some(scope.spawn(move || pipe.write_all(text.as_bytes())))
            }
            _ => None,
        };
        let out = child.wait_with_output();
        let fed = feeder.map_or(Ok(()), |h| {
            h.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("stdin writer panicked")))
        });
        // A broken pipe only means xmllint stopped reading early; its messages say why.
        match fed {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
            _ => out,
        }
    })
    .map_err(io_err)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() && stderr.trim().is_empty() {
        return Ok(());
    }
    let mut messages = parse_xmllint(&stderr);
    if stdin.is_some() {
        // xmllint names standard input `-`; name the caller's label instead.
        for m in &mut messages {
            if m.file == "-" {
                m.file = path.display().to_string();
            }
        }
    }
    if messages.is_empty() {
        messages.push(ValidationMessage {
            file: path.display().to_string(),
            line: None,
            element: None,
            message: format!("xmllint exited with {}", out.status),
        });
    }
    Err(JatsError::Invalid {
        path: path.to_path_buf(),
        messages,
    })
}

/// Splits xmllint's stderr (`file:line: element X: validity error : message`, followed by
/// context lines echoing the source and a caret) into messages.
fn parse_xmllint(stderr: &str) -> Vec<ValidationMessage> {
    let mut out = Vec::new();
    for line in stderr.lines() {
        let Some((file, rest)) = line.split_once(':') else {
            continue;
        };
        let Some((num, rest)) = rest.split_once(':') else {
            continue;
        };
        let Ok(n) = num.trim().parse::<usize>() else {
            continue;
        };
        let rest = rest.trim();
        let (element, message) = match rest.strip_prefix("element ") {
            Some(r) => match r.split_once(':') {
                Some((el, msg)) => (Some(el.trim().to_string()), msg.trim()),
                None => (None, rest),
            },
            None => (None, rest),
        };
        out.push(ValidationMessage {
            file: file.to_string(),
            line: Some(n),
            element,
            message: message.to_string(),
        });
    }
    out
}

/// Validates a JATS file against the 1.3 DTD with xmllint (offline catalog, no network).
pub fn validate(path: &Path) -> Result<(), JatsError> {
    xmllint(path, None)
}

/// Validates JATS text (piped to xmllint); `label` names it in messages.
pub fn validate_str(xml: &str, label: &str) -> Result<(), JatsError> {
    xmllint(Path::new(label), Some(xml))
}

/// Splits `ISSN(YYYY)NN-PPPP-CC` into its parts, as the reader re-derives
/// `article_number_parsed` from the printed article number.
pub fn parse_article_number(s: &str) -> Option<crate::model::ArticleNumber> {
    let (issn, rest) = s.split_once('(')?;
    let (year, rest) = rest.split_once(')')?;
    let mut parts = rest.split('-');
    let (issue, first, count) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    if parts.next().is_some() || issn.is_empty() || !digits(year) {
        return None;
    }
    if ![issue, first, count].into_iter().all(digits) {
        return None;
    }
    Some(crate::model::ArticleNumber {
        issn: issn.to_string(),
        year: year.parse().ok()?,
        issue: issue.to_string(),
        first_page: first.to_string(),
        page_count: count.to_string(),
    })
}

/// Whether XML 1.0 can carry the character at all (its `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_xmllint_messages() {
        let m = parse_xmllint(
            "a.xml:12: element sec: validity error : Element sec content does not follow the DTD\n<sec>\n   ^\n",
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].line, Some(12));
        assert_eq!(m[0].element.as_deref(), Some("sec"));
        assert!(m[0].message.starts_with("validity error"));
    }

    #[test]
    fn parses_article_number() {
        let n = parse_article_number("1009-928X(2010)04-0045-03").expect("parses");
        assert_eq!(
            (n.issn.as_str(), n.year, n.issue.as_str()),
            ("1009-928X", 2010, "04")
        );
        assert_eq!(
            (n.first_page.as_str(), n.page_count.as_str()),
            ("0045", "03")
        );
        assert!(parse_article_number("1009-928X(2010)04-0045").is_none());
    }

    #[test]
    fn reports_read_well() {
        let s = Stripped {
            field: "title".into(),
            chars: vec!['\u{0}', '\u{FFFE}'],
        };
        assert_eq!(
            s.to_string(),
            "title: stripped U+0000 U+FFFE (not allowed in XML 1.0)"
        );
        let a = Adjustment::LastPageWithoutFirst(47);
        assert_eq!(
            a.to_string(),
            "lpage 47 without fpage cannot be tagged; left out"
        );
    }

    #[test]
    fn xml_chars() {
        assert!(is_xml_char('\t') && is_xml_char('\u{FFFD}') && is_xml_char('中'));
        assert!(!is_xml_char('\u{1}') && !is_xml_char('\u{FFFE}') && !is_xml_char('\u{FFFF}'));
    }
}
