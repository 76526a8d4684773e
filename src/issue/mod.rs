//! Issues: the `issue.toml` manifest, pagination across articles, per-article outputs.

mod manifest;

use std::fmt;
use std::path::Path;

use serde::Serialize;

pub use manifest::{ArticleEntry, IssueMeta, JournalMeta, Manifest, ManifestError};

use crate::error::Error;
use crate::model::{Article, Warning};
use crate::pipeline::{Galley, Input, pretty_json, write_atomic, write_outputs};

/// One article's place in the issue.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub stem: String,
    pub section: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub fpage: Option<u32>,
    pub lpage: Option<u32>,
    pub pages: usize,
    pub warnings: usize,
    pub repairs: usize,
}

/// What `galley issue` did.
#[derive(Debug, Clone, Serialize)]
pub struct IssueSummary {
    pub journal: String,
    pub year: i32,
    pub number: u32,
    pub articles: Vec<TocEntry>,
}

impl fmt::Display for IssueSummary {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "{} {} no. {}: {} article(s)",
            self.journal,
            self.year,
            self.number,
            self.articles.len()
        )?;
        for a in &self.articles {
            writeln!(
                f,
                "  pp. {}–{}  {}  ({} repairs, {} warnings)",
                a.fpage.map(|p| p.to_string()).unwrap_or_default(),
                a.lpage.map(|p| p.to_string()).unwrap_or_default(),
                a.title.as_deref().unwrap_or(&a.stem),
                a.repairs,
                a.warnings
            )?;
        }
        Ok(())
    }
}

/// Puts the issue's journal and issue metadata on an article. The manifest is the editor's
/// word: where the article's own text disagrees, the text's value is reported as a warning.
pub fn apply_issue_meta(article: &mut Article, m: &Manifest, fpage: u32) {
    let j = &m.journal;
    let i = &m.issue;
    article.journal_title = Some(j.title.clone());
    if j.title_en.is_some() {
        article.journal_title_en = j.title_en.clone();
    }
    if j.id.is_some() {
        article.journal_id = j.id.clone();
    }
    if j.publisher.is_some() {
        article.publisher = j.publisher.clone();
    }
    let mut disagree = |field: &str, text: String, manifest: String| {
        article.warnings.push(Warning {
            kind: "manifest-mismatch".into(),
            message: format!(
                "the article says {field} {text}, issue.toml says {manifest}; using issue.toml"
            ),
            field: Some(field.into()),
            line: None,
        });
    };
    if let (Some(t), Some(mi)) = (&article.issn.clone(), &j.issn)
        && t != mi
    {
        disagree("ISSN", t.clone(), mi.clone());
    }
    if let Some(t) = article.year
        && t != i.year
    {
        disagree("year", t.to_string(), i.year.to_string());
    }
    if let Some(t) = article.issue
        && t != i.number
    {
        disagree("issue", t.to_string(), i.number.to_string());
    }
    if let Some(t) = article.fpage
        && t != fpage
    {
        disagree("fpage", t.to_string(), fpage.to_string());
    }
    if j.issn.is_some() {
        article.issn = j.issn.clone();
    }
    if j.eissn.is_some() {
        article.eissn = j.eissn.clone();
    }
    if j.cn.is_some() {
        article.cn = j.cn.clone();
    }
    article.year = Some(i.year);
    if !i.volume.is_empty() {
        article.volume = Some(i.volume.clone());
    }
    article.issue = Some(i.number);
    article.fpage = Some(fpage);
}

/// Builds every article of the issue in `dir` into `out`, paginating from the first page.
pub fn build_issue(g: &Galley, dir: &Path, out: &Path) -> Result<IssueSummary, Error> {
    let manifest = Manifest::load(dir)?;
    let mut page = manifest.issue.first_page;
    let mut toc = Vec::new();
    for entry in &manifest.articles {
        let path = manifest.resolve(dir, &entry.file)?;
        let input = Input::File(path);
        let bytes = input.read()?;
        let (mut article, audit, clean_text) = g.analyse(&input, &bytes)?;
        let printed_lpage = article.lpage;
        apply_issue_meta(&mut article, &manifest, page);
        let style = entry.style.as_deref().unwrap_or(&manifest.journal.style);
        let pdf = if g.settings.no_pdf {
            None
        } else {
            Some(g.typeset(&mut article, Some(style))?)
        };
        if let (Some(printed), Some(now)) = (printed_lpage, article.lpage)
            && printed != now
        {
            article.warnings.push(Warning {
                kind: "page-count".into(),
                message: format!(
                    "the article number says the article ends on page {printed}; typeset, it ends on page {now}"
                ),
                field: Some("lpage".into()),
                line: None,
            });
        }
        let jats = crate::jats::write(&article);
        let built = crate::pipeline::Built {
            stem: input.stem(),
            article,
            audit,
            clean_text,
            jats,
            pdf,
        };
        write_outputs(out, &built)?;
        let pages = built.pdf.as_ref().map(|r| r.pages).unwrap_or(0);
        page = built
            .article
            .lpage
            .map(|l| l + 1)
            .unwrap_or(page + pages as u32);
        toc.push(TocEntry {
            stem: built.stem.clone(),
            section: entry.section.clone(),
            title: built.article.title.clone(),
            authors: built
                .article
                .authors
                .iter()
                .map(|a| a.name.clone())
                .collect(),
            fpage: built.article.fpage,
            lpage: built.article.lpage,
            pages,
            warnings: built.article.warnings.len(),
            repairs: built.audit.entries.len(),
        });
    }
    let summary = IssueSummary {
        journal: manifest.journal.title.clone(),
        year: manifest.issue.year,
        number: manifest.issue.number,
        articles: toc,
    };
    write_atomic(&out.join("issue.json"), pretty_json(&summary).as_bytes())?;
    Ok(summary)
}
