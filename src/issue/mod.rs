//! Issues: the `issue.toml` manifest, pagination across articles, per-article outputs.

mod cache;
mod manifest;

use std::fmt;
#[cfg(feature = "typeset")]
use std::path::Path;

use serde::Serialize;

pub use cache::CACHE_FILE;
#[cfg(feature = "typeset")]
use cache::{Cache, CachedArticle};
pub use cache::{KeyHasher, hash_tree};
pub use manifest::{ArticleEntry, IssueMeta, JournalMeta, Manifest, ManifestError, is_style_name};

#[cfg(feature = "typeset")]
use crate::error::Error;
use crate::model::{Article, Warning};
#[cfg(feature = "typeset")]
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
    /// Documents typeset in this run (articles and the issue PDF).
    pub typeset: usize,
    /// Documents whose outputs were up to date and reused.
    pub reused: usize,
    pub issue_pdf: Option<std::path::PathBuf>,
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
        writeln!(
            f,
            "  typeset {} document(s), reused {}",
            self.typeset, self.reused
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
    for field in [
        "journal_title",
        "ISSN",
        "year",
        "volume",
        "issue",
        "fpage",
        "publisher",
    ] {
        article.provenance.insert(
            field.to_string(),
            crate::model::Provenance {
                origin: "manifest".into(),
                confidence: 1.0,
                ..Default::default()
            },
        );
    }
}

#[cfg(feature = "typeset")]
/// Builds every article of the issue in `dir` into `out`, paginating from the first page,
/// then the issue PDF (cover, contents, articles). Unchanged articles are not re-typeset.
pub fn build_issue(g: &Galley, dir: &Path, out: &Path) -> Result<IssueSummary, Error> {
    let manifest = Manifest::load(dir)?;
    let mut cache = Cache::load(out);
    let mut next_cache = Cache::default();
    let ts = if g.settings.no_pdf {
        None
    } else {
        Some(g.typesetter()?)
    };
    let env_key = {
        let mut h = KeyHasher::new();
        h.part(format!("{:?}", manifest.journal).as_bytes())
            .part(format!("{:?}", manifest.issue).as_bytes())
            .part(format!("{:?}", g.settings.repair).as_bytes())
            .part(format!("{:?}", g.settings.pdf_standards).as_bytes());
        if let Some(ts) = ts {
            h.part(ts.fonts().fingerprint().as_bytes());
        }
        h.finish()
    };
    let mut style_keys: std::collections::HashMap<String, String> = Default::default();
    let mut page = manifest.issue.first_page;
    let mut toc = Vec::new();
    let mut models = Vec::new();
    let (mut typeset, mut reused) = (0, 0);
    for entry in &manifest.articles {
        let path = manifest.resolve(dir, &entry.file)?;
        let input = Input::File(path.clone());
        let stem = input.stem();
        let style = entry
            .style
            .as_deref()
            .unwrap_or(&manifest.journal.style)
            .to_string();
        let bytes = input.read()?;
        let sidecar = std::fs::read(path.with_extension("meta.toml")).unwrap_or_default();
        let style_key = style_keys
            .entry(style.clone())
            .or_insert_with(|| {
                ts.map(|t| hash_tree(&t.styles_dir().join(&style)))
                    .unwrap_or_default()
            })
            .clone();
        let key = {
            let mut h = KeyHasher::new();
            h.part(env_key.as_bytes())
                .part(style.as_bytes())
                .part(style_key.as_bytes())
                .part(&bytes)
                .part(&sidecar)
                .part(&page.to_le_bytes())
                .part(format!("{:?}", entry.section).as_bytes());
            h.finish()
        };
        let json_path = out.join(format!("{stem}.json"));
        let outputs_exist = ["pdf", "xml", "json", "audit.json"].iter().all(|ext| {
            g.settings.no_pdf && *ext == "pdf" || out.join(format!("{stem}.{ext}")).is_file()
        });
        let cached = cache
            .articles
            .remove(&stem)
            .filter(|c| c.key == key && outputs_exist)
            .and_then(|c| {
                let a: Article = serde_json::from_slice(&std::fs::read(&json_path).ok()?).ok()?;
                Some((c, a))
            });
        let (article, pages, repairs) = if let Some((c, a)) = cached {
            reused += 1;
            (a, c.pages, 0)
        } else {
            let built = build_article(g, &manifest, &input, &bytes, &style, page)?;
            write_outputs(out, &built)?;
            if built.pdf.is_some() {
                typeset += 1;
            }
            let pages = built.pdf.as_ref().map(|r| r.pages).unwrap_or(1);
            let repairs = built.audit.entries.len();
            (built.article, pages, repairs)
        };
        next_cache
            .articles
            .insert(stem.clone(), CachedArticle { key, pages });
        page = article.lpage.map(|l| l + 1).unwrap_or(page + pages as u32);
        toc.push(TocEntry {
            stem,
            section: entry.section.clone(),
            title: article.title.clone(),
            authors: article.authors.iter().map(|a| a.name.clone()).collect(),
            fpage: article.fpage,
            lpage: article.lpage,
            pages,
            warnings: article.warnings.len(),
            repairs,
        });
        models.push(serde_json::json!({ "style": style, "model": article }));
    }
    let mut summary = IssueSummary {
        journal: manifest.journal.title.clone(),
        year: manifest.issue.year,
        number: manifest.issue.number,
        articles: toc,
        typeset,
        reused,
        issue_pdf: None,
    };
    if let Some(ts) = ts {
        let issue_key = {
            let mut h = KeyHasher::new();
            h.part(env_key.as_bytes());
            for c in next_cache.articles.values() {
                h.part(c.key.as_bytes());
            }
            h.part(
                style_keys
                    .get(&manifest.journal.style)
                    .map(String::as_str)
                    .unwrap_or("")
                    .as_bytes(),
            );
            h.finish()
        };
        let pdf_path = out.join("issue.pdf");
        if cache.issue_key != issue_key || !pdf_path.is_file() {
            let data = issue_data(&manifest, &summary, &models);
            let style = &manifest.journal.style;
            ts.check_style(style)?;
            let job = crate::typeset::Job {
                style,
                main: "issue.typ",
                data: vec![("/issue.json".into(), data)],
                standards: g.settings.pdf_standards.clone(),
                date: Some((manifest.issue.year, 1, 1)),
            };
            let rendered = ts.render(&job)?;
            write_atomic(&pdf_path, &rendered.pdf)?;
            summary.typeset += 1;
        } else {
            summary.reused += 1;
        }
        next_cache.issue_key = issue_key;
        summary.issue_pdf = Some(pdf_path);
    }
    write_atomic(&out.join("issue.json"), pretty_json(&summary).as_bytes())?;
    // The editors' review pages (<stem>.review.html, index.html), from the outputs just written.
    crate::review::write_issue(g, out, &summary)?;
    next_cache.save(out)?;
    Ok(summary)
}

#[cfg(feature = "typeset")]
/// One article through the whole pipeline, placed at `fpage` of the issue.
fn build_article(
    g: &Galley,
    manifest: &Manifest,
    input: &Input,
    bytes: &[u8],
    style: &str,
    fpage: u32,
) -> Result<crate::pipeline::Built, Error> {
    let (mut article, audit, clean_text) = g.analyse(input, bytes)?;
    let printed_lpage = article.lpage;
    apply_issue_meta(&mut article, manifest, fpage);
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
    let jats = crate::pipeline::jats_with_warnings(&mut article)?;
    Ok(crate::pipeline::Built {
        stem: input.stem(),
        article,
        audit,
        clean_text,
        jats,
        pdf,
    })
}

#[cfg(feature = "typeset")]
/// What `issue.typ` reads: the journal, the issue, the contents and every article model.
fn issue_data(m: &Manifest, summary: &IssueSummary, models: &[serde_json::Value]) -> Vec<u8> {
    let v = serde_json::json!({
        "journal": {
            "title": m.journal.title,
            "title_en": m.journal.title_en,
            "issn": m.journal.issn,
            "cn": m.journal.cn,
            "publisher": m.journal.publisher,
        },
        "issue": {
            "year": m.issue.year,
            "volume": m.issue.volume,
            "number": m.issue.number,
            "date": m.issue.date,
            "first_page": m.issue.first_page,
        },
        "toc": summary.articles,
        "articles": models,
    });
    serde_json::to_vec(&v).unwrap_or_default()
}
