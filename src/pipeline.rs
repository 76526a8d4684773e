//! The per-article pipeline, shared by `build`, `issue` and `batch`:
//! read → normalise → extract → (override) → typeset → JATS, and atomic output writing.

use std::path::{Path, PathBuf};
#[cfg(feature = "typeset")]
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::Error;
#[cfg(feature = "typeset")]
use crate::{
    audit::Audit,
    model::Article,
    repair::{self, Options as RepairOptions},
    typeset::{FontOptions, Rendered, Typesetter},
};

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// `-` means standard input.
    pub fn parse(arg: &str) -> Self {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::File(PathBuf::from(arg))
        }
    }

    /// Name for messages and the audit (`-` for stdin).
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }

    /// File stem for output names (`stdin` for `-`).
    pub fn stem(&self) -> String {
        match self {
            Input::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "article".into()),
            Input::Stdin => "stdin".into(),
        }
    }

    pub fn path(&self) -> PathBuf {
        match self {
            Input::File(p) => p.clone(),
            Input::Stdin => PathBuf::from("-"),
        }
    }

    /// The input's bytes, refused with [`Error::Input`] when larger than [`max_input`].
    pub fn read(&self) -> Result<Vec<u8>, Error> {
        self.read_limited(max_input())
    }

    /// The input's bytes, at most `limit` of them: a larger input is an error naming the file
    /// and the limit. A file's size is checked before anything is read; standard input (or a
    /// file that grows) is read only up to one byte past the limit.
    pub fn read_limited(&self, limit: u64) -> Result<Vec<u8>, Error> {
        use std::io::Read as _;
        let path = self.path();
        let read_err = |source| Error::Read {
            path: path.clone(),
            source,
        };
        let too_large = |size: Option<u64>| Error::Input {
            path: path.clone(),
            message: format!(
                "input is {}, over the limit of {limit} bytes; split it, or raise the limit with {MAX_INPUT_VAR}=BYTES",
                size.map_or_else(
                    || format!("more than {limit} bytes"),
                    |s| format!("{s} bytes")
                )
            ),
        };
        let mut buf = Vec::new();
        match self {
            Input::File(p) => {
                let file = std::fs::File::open(p).map_err(read_err)?;
                let size = file.metadata().map_err(read_err)?.len();
                if size > limit {
                    return Err(too_large(Some(size)));
                }
                buf.reserve(size as usize);
                file.take(limit.saturating_add(1))
                    .read_to_end(&mut buf)
                    .map_err(read_err)?;
            }
            Input::Stdin => {
                std::io::stdin()
                    .take(limit.saturating_add(1))
                    .read_to_end(&mut buf)
                    .map_err(read_err)?;
            }
        }
        if buf.len() as u64 > limit {
            return Err(too_large(None));
        }
        Ok(buf)
    }
}

/// Environment variable overriding the input size limit (bytes; `K`, `M`, `G` suffixes).
pub const MAX_INPUT_VAR: &str = "GALLEY_MAX_INPUT";

/// Default input size limit: 64 MiB, far above any article (the sample is 30 KB), far below
/// what would exhaust memory (repair holds a few copies of the text).
pub const DEFAULT_MAX_INPUT: u64 = 64 << 20;

/// The input size limit: `GALLEY_MAX_INPUT` when it is set and valid, else
/// [`DEFAULT_MAX_INPUT`].
pub fn max_input() -> u64 {
    std::env::var(MAX_INPUT_VAR)
        .ok()
        .and_then(|v| parse_size(&v))
        .unwrap_or(DEFAULT_MAX_INPUT)
}

/// `1048576`, `512K`, `64M`, `1G` (binary units) → bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, shift) = match s.char_indices().last()? {
        (i, 'k' | 'K') => (&s[..i], 10),
        (i, 'm' | 'M') => (&s[..i], 20),
        (i, 'g' | 'G') => (&s[..i], 30),
        _ => (s, 0),
    };
    num.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

#[cfg(feature = "typeset")]
/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub repair: RepairOptions,
    /// Folder of styles (templates and profiles).
    pub styles: PathBuf,
    /// Style used when the input does not name one.
    pub style: String,
    pub fonts: FontOptions,
    /// PDF standards (`a-2b` by default).
    pub pdf_standards: Vec<typst_pdf::PdfStandard>,
    /// Skip the PDF (text, JSON, JATS only).
    pub no_pdf: bool,
}

#[cfg(feature = "typeset")]
impl Default for Settings {
    fn default() -> Self {
        Settings {
            repair: RepairOptions::default(),
            styles: PathBuf::from("styles"),
            style: "zh-journal".into(),
            fonts: FontOptions::from_env(),
            pdf_standards: vec![typst_pdf::PdfStandard::A_2b],
            no_pdf: false,
        }
    }
}

#[cfg(feature = "typeset")]
/// A run's shared state: dictionaries and fonts load once, on first use, for every article.
pub struct Galley {
    pub settings: Settings,
    typesetter: OnceLock<Result<Typesetter, String>>,
}

#[cfg(feature = "typeset")]
/// Everything produced for one article.
#[derive(Debug, Clone)]
pub struct Built {
    pub stem: String,
    pub article: Article,
    pub audit: Audit,
    pub clean_text: String,
    pub jats: String,
    pub pdf: Option<Rendered>,
}

#[cfg(feature = "typeset")]
/// Paths written for one article.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub pdf: Option<PathBuf>,
    pub xml: PathBuf,
    pub json: PathBuf,
    pub audit: PathBuf,
}

#[cfg(feature = "typeset")]
impl Galley {
    pub fn new(settings: Settings) -> Self {
        Galley {
            settings,
            typesetter: OnceLock::new(),
        }
    }

    /// The typesetter, created on first use (font scan, standard library).
    pub fn typesetter(&self) -> Result<&Typesetter, Error> {
        self.typesetter
            .get_or_init(|| {
                Typesetter::new(&self.settings.styles, &self.settings.fonts)
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|m| Error::Setup(m.clone()))
    }

    /// Normalises raw bytes.
    pub fn normalize(&self, name: &str, bytes: &[u8]) -> repair::Normalized {
        repair::shared().normalize(name, bytes, &self.settings.repair)
    }

    /// Raw bytes → article model: JATS is read as it is; text is normalised and extracted.
    /// A sidecar `<stem>.meta.toml` beside a file input then overrides extracted fields.
    pub fn analyse(&self, input: &Input, bytes: &[u8]) -> Result<(Article, Audit, String), Error> {
        let name = input.name();
        let (mut article, audit, text) = if is_jats(input, bytes) {
            let xml = std::str::from_utf8(bytes).map_err(|e| Error::Input {
                path: input.path(),
                message: format!(
                    "JATS input is not UTF-8 (byte {}); re-encode it as UTF-8",
                    e.valid_up_to()
                ),
            })?;
            let article = crate::jats::read(xml).map_err(|source| Error::JatsInput {
                path: input.path(),
                source,
            })?;
            let audit = Audit {
                input: name,
                input_bytes: bytes.len(),
                encoding: "UTF-8".into(),
                encoding_source: "jats".into(),
                ..Audit::default()
            };
            (article, audit, String::new())
        } else {
            let normalized = self.normalize(&name, bytes);
            let mut article = crate::extract::extract(&normalized.text);
            map_provenance_to_input(&mut article, &normalized.audit);
            (article, normalized.audit, normalized.text)
        };
        if let Input::File(path) = input {
            let sidecar = path.with_extension("meta.toml");
            // A regular file only: a symlinked sidecar could make an issue folder read (and
            // echo in parse errors) a file outside it.
            let regular = std::fs::symlink_metadata(&sidecar).is_ok_and(|m| m.is_file());
            if regular && let Ok(toml_text) = std::fs::read_to_string(&sidecar) {
                crate::extract::apply_overrides(
                    &mut article,
                    &toml_text,
                    &sidecar.display().to_string(),
                )?;
            }
        }
        Ok((article, audit, text))
    }

    /// An input that already is a document model (`.json` written by galley, edited or not):
    /// re-typesetting from it skips repair and extraction.
    fn model_input(&self, input: &Input, bytes: &[u8]) -> Result<Option<Article>, Error> {
        let is_json = matches!(input, Input::File(p) if p.extension().is_some_and(|e| e == "json"));
        if !is_json {
            return Ok(None);
        }
        serde_json::from_slice(bytes)
            .map(Some)
            .map_err(|e| Error::InputLine {
                path: input.path(),
                line: e.line(),
                message: format!("not a galley article model: {e}"),
            })
    }

    /// Builds every output of one article in memory.
    pub fn build(&self, input: &Input, style: Option<&str>) -> Result<Built, Error> {
        let bytes = input.read()?;
        self.build_bytes(input, &bytes, style)
    }

    /// Builds every output of one article whose bytes are already read.
    pub fn build_bytes(
        &self,
        input: &Input,
        bytes: &[u8],
        style: Option<&str>,
    ) -> Result<Built, Error> {
        let (mut article, audit, clean_text) = std::thread::scope(|s| {
            // The run's first article: the font scan and Typst's library load on another core
            // while this one loads the dictionaries and repairs the text (each takes about a
            // tenth of a second). Other articles find the typesetter ready.
            if !self.settings.no_pdf && self.typesetter.get().is_none() {
                s.spawn(|| self.typesetter().is_ok());
            }
            match self.model_input(input, bytes)? {
                Some(a) => Ok::<_, Error>((a, Audit::default(), String::new())),
                None => self.analyse(input, bytes),
            }
        })?;
        let pdf = if self.settings.no_pdf {
            None
        } else {
            Some(self.typeset(&mut article, style)?)
        };
        let jats = jats_with_warnings(&mut article)?;
        Ok(Built {
            stem: input.stem(),
            article,
            audit,
            clean_text,
            jats,
            pdf,
        })
    }

    /// Typesets an article; its `lpage` becomes the last printed page.
    pub fn typeset(&self, article: &mut Article, style: Option<&str>) -> Result<Rendered, Error> {
        let style = style.unwrap_or(&self.settings.style);
        let ts = self.typesetter()?;
        ts.check_style(style)?;
        let mut job = crate::typeset::Job::article(style, article);
        job.standards = self.settings.pdf_standards.clone();
        let rendered = ts.render(&job)?;
        if let Some(fpage) = article.fpage {
            article.lpage = Some(fpage + rendered.pages.saturating_sub(1) as u32);
        }
        Ok(rendered)
    }
}

/// Points the provenance of every field found in the text at the raw input's lines as well as
/// the clean text's, so an editor can find a value where it was on the page.
#[cfg(feature = "typeset")]
fn map_provenance_to_input(article: &mut Article, audit: &Audit) {
    let mut input_of = std::collections::HashMap::new();
    for rec in &audit.lines {
        if let Some(out) = rec.output_line {
            input_of.entry(out).or_insert(rec.line);
        }
    }
    for p in article.provenance.values_mut() {
        if p.origin == "override" {
            continue;
        }
        if let (Some(a), Some(b)) = (input_of.get(&p.lines.0), input_of.get(&p.lines.1)) {
            p.input_lines = Some((*a, *b));
        }
    }
}

#[cfg(feature = "typeset")]
/// Writes the article's JATS; whatever the writer had to strip (characters XML forbids) or
/// adjust (ids) becomes a warning in the model, so nothing disappears unreported.
pub fn jats_with_warnings(article: &mut Article) -> Result<String, Error> {
    let written = crate::jats::write_with_report(article)?;
    for s in &written.stripped {
        let codes: Vec<String> = s
            .chars
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        article.warnings.push(crate::model::Warning {
            kind: "jats-stripped".into(),
            message: format!(
                "{} character(s) not allowed in XML left out of the JATS: {}",
                s.chars.len(),
                codes.join(" ")
            ),
            field: Some(s.field.clone()),
            line: None,
        });
    }
    for a in &written.adjustments {
        article.warnings.push(crate::model::Warning {
            kind: "jats-adjusted".into(),
            message: a.to_string(),
            field: None,
            line: None,
        });
    }
    Ok(written.xml)
}

#[cfg(feature = "typeset")]
/// JATS input: a `.xml` file, or XML that declares an `article` (from standard input).
fn is_jats(input: &Input, bytes: &[u8]) -> bool {
    if let Input::File(p) = input
        && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"))
    {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<?xml") && head.contains("<article") || head.starts_with("<!DOCTYPE article")
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename,
/// so a crash never leaves a half-written output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(err)
}

#[cfg(feature = "typeset")]
/// Writes `DIR/<stem>.pdf`, `.xml`, `.json`, `.audit.json`.
pub fn write_outputs(dir: &Path, built: &Built) -> Result<Written, Error> {
    let p = |ext: &str| dir.join(format!("{}.{ext}", built.stem));
    let written = Written {
        pdf: built.pdf.as_ref().map(|_| p("pdf")),
        xml: p("xml"),
        json: p("json"),
        audit: p("audit.json"),
    };
    if let (Some(path), Some(r)) = (&written.pdf, &built.pdf) {
        write_atomic(path, &r.pdf)?;
    }
    write_atomic(&written.xml, built.jats.as_bytes())?;
    write_atomic(&written.json, pretty_json(&built.article).as_bytes())?;
    write_atomic(&written.audit, pretty_json(&built.audit).as_bytes())?;
    Ok(written)
}

/// Pretty JSON with a final newline. The model types hold only serialisable data.
pub fn pretty_json<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
