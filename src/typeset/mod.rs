//! Typesetting: an [`Article`] → PDF through a Typst template in `styles/<style>/`.
//!
//! The template receives the article as data (`json("/article.json")`), never as markup, so
//! characters such as `#`, `$` or `<` in the text print as themselves and cannot run as code.
//! Fonts and the standard library are loaded once per [`Typesetter`] and shared by every document.

mod fonts;
mod world;

use std::path::{Path, PathBuf};

use serde::Serialize;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use fonts::{FontOptions, Fonts, package_for};
use world::{DocWorld, FileCache, project_file};

use crate::model::Article;

/// Why a document could not be typeset.
#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("styles folder {0} not found (run galley from the repository root or pass --styles)")]
    NoStyles(PathBuf),
    #[error("style `{style}` not found: expected {path}")]
    NoStyle { style: String, path: PathBuf },
    #[error("{path}: {message}")]
    Profile { path: PathBuf, message: String },
    #[error(
        "font family \"{family}\" (needed by style `{style}`) is not installed: install the Debian package {package} (`make setup`), or put the font files in styles/fonts/ or a folder given with --font-path / GALLEY_FONT_PATH"
    )]
    MissingFont {
        family: String,
        style: String,
        package: &'static str,
    },
    #[error("template error: {0}")]
    Template(String),
    #[error("PDF export: {0}")]
    Pdf(String),
    #[error("unknown PDF standard `{0}` (try a-2b, a-3b, 1.7, 2.0, ua-1)")]
    Standard(String),
}

/// One document to render.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// Folder name under `styles/`.
    pub style: &'a str,
    /// Main file inside the style folder (`template.typ` for an article, `issue.typ` for an issue).
    pub main: &'a str,
    /// In-memory files the template may read, by virtual path (`/article.json`, ...).
    pub data: Vec<(String, Vec<u8>)>,
    /// PDF standards to enforce (PDF/A-2b by default).
    pub standards: Vec<PdfStandard>,
    /// The document's date (metadata and PDF timestamp); keeps output reproducible.
    pub date: Option<(i32, u8, u8)>,
}

impl<'a> Job<'a> {
    /// An article rendered with its style's `template.typ`.
    pub fn article(style: &'a str, article: &Article) -> Self {
        Job {
            style,
            main: "template.typ",
            data: vec![("/article.json".into(), article_json(article))],
            standards: vec![PdfStandard::A_2b],
            date: article_date(article),
        }
    }
}

/// The article as the templates see it: the model's JSON.
pub fn article_json(article: &Article) -> Vec<u8> {
    // The model holds only strings, numbers and maps with string keys: this cannot fail.
    serde_json::to_vec(article).unwrap_or_else(|_| b"{}".to_vec())
}

/// A publication date for metadata: published date, else the issue's year.
fn article_date(a: &Article) -> Option<(i32, u8, u8)> {
    let parse = |s: &str| -> Option<(i32, u8, u8)> {
        let mut it = s.split(['-', '/', '.']);
        let y = it.next()?.trim().parse().ok()?;
        let m = it.next().and_then(|m| m.trim().parse().ok()).unwrap_or(1);
        let d = it.next().and_then(|d| d.trim().parse().ok()).unwrap_or(1);
        Some((y, m, d))
    };
    a.dates
        .published
        .as_deref()
        .and_then(parse)
        .or_else(|| a.year.map(|y| (y, 1, 1)))
}

/// Parses a standard name as Typst's CLI spells it (`a-2b`, `1.7`, `ua-1`).
pub fn parse_standard(name: &str) -> Result<PdfStandard, TypesetError> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| TypesetError::Standard(name.to_string()))
}

/// A rendered document.
#[derive(Debug, Clone, Serialize)]
pub struct Rendered {
    #[serde(skip)]
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Template warnings (Typst's), for the build report.
    pub warnings: Vec<String>,
}

/// Compiler state shared by every document of a run.
pub struct Typesetter {
    library: LazyHash<Library>,
    fonts: Fonts,
    styles: PathBuf,
    cache: FileCache,
}

impl Typesetter {
    /// Loads the standard library and the fonts. `styles` is the folder holding the styles.
    pub fn new(styles: &Path, font_opts: &FontOptions) -> Result<Self, TypesetError> {
        let styles = styles
            .canonicalize()
            .map_err(|_| TypesetError::NoStyles(styles.to_path_buf()))?;
        let fonts = Fonts::load(font_opts, Some(styles.join("fonts")));
        Ok(Typesetter {
            library: LazyHash::new(Library::default()),
            fonts,
            styles,
            cache: FileCache::default(),
        })
    }

    pub fn styles_dir(&self) -> &Path {
        &self.styles
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Checks that a style exists and that every font family its profile names is installed.
    pub fn check_style(&self, style: &str) -> Result<(), TypesetError> {
        let dir = self.styles.join(style);
        // A style is a folder name, never a path out of the styles folder.
        if !crate::issue::is_style_name(style) {
            return Err(TypesetError::NoStyle {
                style: style.into(),
                path: dir.join("template.typ"),
            });
        }
        let profile_path = dir.join("profile.toml");
        if !dir.join("template.typ").is_file() {
            return Err(TypesetError::NoStyle {
                style: style.into(),
                path: dir.join("template.typ"),
            });
        }
        let text = std::fs::read_to_string(&profile_path).map_err(|e| TypesetError::Profile {
            path: profile_path.clone(),
            message: e.to_string(),
        })?;
        let profile: toml::Table = toml::from_str(&text).map_err(|e| TypesetError::Profile {
            path: profile_path.clone(),
            message: e.to_string(),
        })?;
        let families = profile
            .get("fonts")
            .and_then(|f| f.as_table())
            .into_iter()
            .flat_map(|t| t.values())
            .filter_map(|v| v.as_str());
        for family in families {
            if !self.fonts.has_family(family) {
                return Err(TypesetError::MissingFont {
                    family: family.into(),
                    style: style.into(),
                    package: package_for(family),
                });
            }
        }
        Ok(())
    }

    /// Compiles a job to a paged document.
    pub fn compile(&self, job: &Job) -> Result<(PagedDocument, Vec<String>), TypesetError> {
        let main = project_file(&format!("/{}/{}", job.style, job.main))
            .ok_or_else(|| TypesetError::Template(format!("bad style name `{}`", job.style)))?;
        let data = job
            .data
            .iter()
            .filter_map(|(path, bytes)| {
                project_file(path).map(|id| (id, Bytes::new(bytes.clone())))
            })
            .collect();
        let world = DocWorld {
            library: &self.library,
            fonts: &self.fonts,
            cache: &self.cache,
            root: &self.styles,
            main,
            data,
            today: job.date.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)),
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = warned
            .warnings
            .iter()
            .map(|d| describe(&world, d))
            .collect();
        match warned.output {
            Ok(doc) => Ok((doc, warnings)),
            Err(errors) => Err(TypesetError::Template(
                errors
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| describe(&world, d))
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }

    /// Renders a job to PDF.
    pub fn render(&self, job: &Job) -> Result<Rendered, TypesetError> {
        let (doc, warnings) = self.compile(job)?;
        let standards = PdfStandards::new(&job.standards)
            .map_err(|e| TypesetError::Pdf(e.message().to_string()))?;
        // PDF/A needs a date: the article's, else the build's (SOURCE_DATE_EPOCH if set, so
        // builds stay reproducible).
        let (y, m, d) = job.date.unwrap_or_else(build_date);
        let timestamp = Datetime::from_ymd(y, m, d).map(Timestamp::new_utc);
        let options = PdfOptions {
            ident: Smart::Auto,
            creator: Smart::Custom(Some(format!("galley {}", env!("CARGO_PKG_VERSION")))),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&doc, &options).map_err(|errors| {
            TypesetError::Pdf(
                errors
                    .iter()
                    .map(|d| d.message.to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        Ok(Rendered {
            pdf,
            pages: doc.pages().len(),
            warnings,
        })
    }

    /// Renders one article with a style's `template.typ`.
    pub fn article_pdf(&self, article: &Article, style: &str) -> Result<Rendered, TypesetError> {
        self.check_style(style)?;
        self.render(&Job::article(style, article))
    }
}

/// Today (UTC), or the day of `SOURCE_DATE_EPOCH`.
fn build_date() -> (i32, u8, u8) {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    civil_from_days(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// `file:line: message (hint: ...)` for a Typst diagnostic.
fn describe(world: &DocWorld, d: &SourceDiagnostic) -> String {
    let mut out = String::new();
    if let Some(id) = d.span.id() {
        let line = world
            .range(d.span)
            .and_then(|r| {
                typst::World::source(world, id)
                    .ok()
                    .and_then(|s| s.lines().byte_to_line(r.start))
            })
            .map(|l| format!(":{}", l + 1))
            .unwrap_or_default();
        out.push_str(&format!("{}{line}: ", world.describe(id).display()));
    }
    out.push_str(&d.message);
    for hint in &d.hints {
        out.push_str(&format!(" (hint: {})", hint.v));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
