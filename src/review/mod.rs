//! The editor's review pages: `DIR/<stem>.review.html` per article and `DIR/index.html`.
//!
//! Editors must see what galley did to an article before it goes to print, without reading
//! JSON. A review page puts the raw input beside the clean text, line by line, marks every
//! repair (click for before → after, kind, confidence, candidates), strikes removed lines
//! through with their reason, lists the extracted metadata with the line it came from, and
//! shows the PDF's first page. The index lists every article with its counts, those needing
//! attention first.
//!
//! Pages are built from the files galley wrote (`<stem>.audit.json`, `.json`, `.xml`, `.pdf`)
//! plus the raw input the audit names, so they can be regenerated at any time
//! (`galley review DIR`) and the issue and batch runs need only one call at their end. The
//! clean text is not an output file, so it is re-derived by normalising the input again; it is
//! trusted only when that run's audit equals the stored one (same input, same settings).
//! Each page is one self-contained file (inline CSS, JS and preview image): it can be mailed
//! or archived and opens offline.

mod html;

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::audit::{Audit, Fate, Kind};
use crate::error::Error;
use crate::model::Article;
use crate::pipeline::{Galley, write_atomic};

pub use html::{article_page, index_page};

/// File name of the index page inside the output folder.
pub const INDEX_FILE: &str = "index.html";

/// Everything one review page shows, gathered from the outputs on disk.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub stem: String,
    pub audit: Audit,
    pub article: Article,
    /// The clean text, or why it could not be shown.
    pub clean_text: Result<String, String>,
    /// `Some(true)` valid JATS 1.3, `Some(false)` invalid (with xmllint's complaint in
    /// `jats_error`), `None` not checked (no xmllint, no JATS file).
    pub jats_valid: Option<bool>,
    pub jats_error: Option<String>,
    /// PNG of the PDF's first page, when a PDF and pdftoppm exist.
    pub preview_png: Option<Vec<u8>>,
    /// Why there is no preview, for the page.
    pub preview_note: Option<String>,
    pub has_pdf: bool,
    pub has_xml: bool,
}

/// One article's counts, as the index shows them and as a test compares them with the audit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub stem: String,
    pub title: Option<String>,
    /// Every audit entry (all kinds).
    pub repairs: usize,
    pub removed_lines: usize,
    pub lost_characters: usize,
    pub warnings: usize,
    pub jats_valid: Option<bool>,
    /// Audit entries per kind (kebab-case names as in the audit JSON).
    pub by_kind: BTreeMap<String, usize>,
    pub fpage: Option<u32>,
    pub lpage: Option<u32>,
}

impl Counts {
    /// Counts straight from the audit and the model: the numbers an editor sees.
    pub fn of(stem: &str, audit: &Audit, article: &Article, jats_valid: Option<bool>) -> Counts {
        let mut by_kind = BTreeMap::new();
        for e in &audit.entries {
            *by_kind.entry(kind_name(e.kind)).or_insert(0) += 1;
        }
        Counts {
            stem: stem.to_string(),
            title: article.title.clone(),
            repairs: audit.entries.len(),
            removed_lines: audit
                .lines
                .iter()
                .filter(|l| l.fate == Fate::Removed)
                .count(),
            lost_characters: audit.count(Kind::LostCharacter),
            warnings: article.warnings.len(),
            jats_valid,
            by_kind,
            fpage: article.fpage,
            lpage: article.lpage,
        }
    }

    /// Does an editor have to look at this article before print?
    pub fn needs_attention(&self) -> bool {
        self.jats_valid == Some(false) || self.lost_characters > 0 || self.warnings > 0
    }
}

/// Orders articles so that those needing attention come first: invalid JATS (it cannot be
/// archived), then lost characters (text the printer must not print as is), then warnings,
/// then the most heavily repaired; ties keep a stable order by stem.
pub fn sort_for_attention(rows: &mut [Counts]) {
    rows.sort_by_key(|r| {
        (
            r.jats_valid != Some(false),
            Reverse(r.lost_characters),
            Reverse(r.warnings),
            Reverse(r.repairs),
            r.stem.clone(),
        )
    });
}

/// The audit JSON's name for a kind (`garble`, `lost-character`, ...).
pub fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// What [`write_dir`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub pages: Vec<PathBuf>,
    pub index: PathBuf,
    /// Articles whose page could not be made, with the reason (the index still lists the rest).
    pub failed: Vec<(String, String)>,
}

/// Writes `<stem>.review.html` for each stem (every `*.audit.json` in `dir` when `stems` is
/// `None`) and `index.html` titled `title`. A broken article is reported, not fatal: the
/// other pages still help the editor.
pub fn write_dir(
    g: &Galley,
    dir: &Path,
    stems: Option<&[String]>,
    title: &str,
) -> Result<Written, Error> {
    let stems = match stems {
        Some(s) => s.to_vec(),
        None => audit_stems(dir)?,
    };
    write_pages(g, dir, &stems, title, Vec::new())
}

/// [`write_dir`] with articles already known to have failed (listed in the index).
fn write_pages(
    g: &Galley,
    dir: &Path,
    stems: &[String],
    title: &str,
    mut failed: Vec<(String, String)>,
) -> Result<Written, Error> {
    let mut pages = Vec::new();
    let mut rows = Vec::new();
    for stem in stems {
        match load_view(g, dir, stem) {
            Ok(view) => {
                let path = dir.join(format!("{stem}.review.html"));
                write_atomic(&path, article_page(&view).as_bytes())?;
                rows.push(Counts::of(
                    stem,
                    &view.audit,
                    &view.article,
                    view.jats_valid,
                ));
                pages.push(path);
            }
            Err(e) => failed.push((stem.clone(), e.to_string())),
        }
    }
    sort_for_attention(&mut rows);
    let index = dir.join(INDEX_FILE);
    write_atomic(&index, index_page(title, &rows, &failed).as_bytes())?;
    Ok(Written {
        pages,
        index,
        failed,
    })
}

/// Stems of every `<stem>.audit.json` in `dir`, sorted.
fn audit_stems(dir: &Path) -> Result<Vec<String>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut stems: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".audit.json")?;
            (!stem.starts_with('.')).then(|| stem.to_string())
        })
        .collect();
    stems.sort();
    Ok(stems)
}

/// Reads one article's outputs and re-derives its clean text.
pub fn load_view(g: &Galley, dir: &Path, stem: &str) -> Result<ArticleView, Error> {
    let read_json = |ext: &str| -> Result<Vec<u8>, Error> {
        let path = dir.join(format!("{stem}.{ext}"));
        std::fs::read(&path).map_err(|source| Error::Read { path, source })
    };
    let parse_err = |ext: &str, e: serde_json::Error| Error::InputLine {
        path: dir.join(format!("{stem}.{ext}")),
        line: e.line(),
        message: format!("not a galley output: {e}"),
    };
    let audit: Audit = serde_json::from_slice(&read_json("audit.json")?)
        .map_err(|e| parse_err("audit.json", e))?;
    let article: Article =
        serde_json::from_slice(&read_json("json")?).map_err(|e| parse_err("json", e))?;
    let clean_text = clean_text(g, &audit);
    let xml = dir.join(format!("{stem}.xml"));
    let pdf = dir.join(format!("{stem}.pdf"));
    let (jats_valid, jats_error) = if xml.is_file() {
        match crate::jats::validate(&xml) {
            Ok(()) => (Some(true), None),
            Err(crate::jats::JatsError::NoXmllint | crate::jats::JatsError::NoDtd(_)) => {
                (None, Some("not checked: xmllint is not installed".into()))
            }
            Err(e) => (Some(false), Some(e.to_string())),
        }
    } else {
        (None, Some("no JATS file".into()))
    };
    let (preview_png, preview_note) = if pdf.is_file() {
        match first_page_png(&pdf) {
            Ok(png) => (Some(png), None),
            Err(note) => (None, Some(note)),
        }
    } else {
        (None, Some("no PDF was written (--no-pdf?)".into()))
    };
    Ok(ArticleView {
        stem: stem.to_string(),
        audit,
        article,
        clean_text,
        jats_valid,
        jats_error,
        preview_png,
        preview_note,
        has_pdf: pdf.is_file(),
        has_xml: xml.is_file(),
    })
}

/// The clean text the audit describes: the input normalised again with this run's settings,
/// accepted only if it reproduces the stored audit exactly (otherwise the page would pair
/// lines with the wrong text).
fn clean_text(g: &Galley, audit: &Audit) -> Result<String, String> {
    if audit.lines.is_empty() {
        return Err("this article was read from JATS or a model file: no repair trail".into());
    }
    if audit.input == "-" {
        return Err("the input came from standard input and is not kept".into());
    }
    let bytes = std::fs::read(&audit.input)
        .map_err(|e| format!("the input {} cannot be read: {e}", audit.input))?;
    let again = g.normalize(&audit.input, &bytes);
    if again.audit.input_sha256 != audit.input_sha256 {
        return Err(format!(
            "the input {} has changed since it was built",
            audit.input
        ));
    }
    if again.audit.entries != audit.entries || again.audit.lines != audit.lines {
        return Err("the input was built with other repair settings (e.g. --script)".into());
    }
    Ok(again.text)
}

/// The PDF's first page as PNG, via poppler's `pdftoppm` (installed by `scripts/setup.sh`).
/// pdftoppm rather than an in-process rasteriser: it is already a setup dependency, it needs
/// no extra crate in the Typst build, and it works from the PDF on disk, so a regenerated page
/// needs no re-typesetting.
fn first_page_png(pdf: &Path) -> Result<Vec<u8>, String> {
    let dir = pdf.parent().unwrap_or(Path::new("."));
    let root = dir.join(format!(".preview.{}", std::process::id()));
    let out = Command::new("pdftoppm")
        .args([
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-scale-to",
            "900",
        ])
        .arg(pdf)
        .arg(&root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                "no preview: pdftoppm is not installed (scripts/setup.sh installs poppler-utils)"
                    .to_string()
            }
            _ => format!("no preview: pdftoppm: {e}"),
        })?;
    let mut png_path = root.into_os_string();
    png_path.push(".png");
    let png_path = PathBuf::from(png_path);
    let png = std::fs::read(&png_path);
    let _ = std::fs::remove_file(&png_path);
    if !out.status.success() {
        return Err(format!(
            "no preview: pdftoppm failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    png.map_err(|e| format!("no preview: {e}"))
}

/// The review pages of an issue just built into `out`, its articles in the index.
pub fn write_issue(
    g: &Galley,
    out: &Path,
    summary: &crate::issue::IssueSummary,
) -> Result<Written, Error> {
    let stems: Vec<String> = summary.articles.iter().map(|a| a.stem.clone()).collect();
    let title = format!(
        "{} {} no. {} — review",
        summary.journal, summary.year, summary.number
    );
    write_dir(g, out, Some(&stems), &title)
}

/// The review pages of a batch run: every article it built or found up to date; articles that
/// failed are listed in the index with their error.
pub fn write_batch(
    g: &Galley,
    out: &Path,
    report: &crate::batch::Report,
) -> Result<Written, Error> {
    use crate::batch::Status;
    let stems: Vec<String> = report
        .rows
        .iter()
        .filter(|r| r.status != Status::Failed)
        .map(|r| r.stem.clone())
        .collect();
    let failed: Vec<(String, String)> = report
        .rows
        .iter()
        .filter(|r| r.status == Status::Failed)
        .map(|r| (r.stem.clone(), r.error.clone().unwrap_or_default()))
        .collect();
    write_pages(g, out, &stems, "Batch — review", failed)
}
