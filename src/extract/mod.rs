//! Clean text → [`Article`]: header, codes, sections, references.
//!
//! The text is read as lines in one pass with a cursor: mirror-site chrome, then the header
//! (title, byline, affiliations), then the labelled front matter (abstract, keywords, codes,
//! dates, an English block), the body up to the reference list, and the back matter
//! (codes, 作者单位, 责任编辑). Every field records the lines it came from in `provenance`;
//! consistency checks live in [`validate()`] and only ever add warnings.

mod codes;
mod header;
mod labels;
mod overrides;
mod references;
mod sections;
mod validate;

use std::sync::LazyLock;

use regex::Regex;

pub use overrides::{OverrideError, apply_overrides};
pub use validate::validate;

use crate::model::{Affiliation, Article, Author, LOST_CHAR, Provenance, Warning};
use labels::{Field, Key};

/// A journal known by its ISSN, so that an article carrying only its 文章编号 still names it.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownJournal {
    pub issn: String,
    pub title: String,
}

/// Knobs for [`extract_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractOptions {
    /// Journals recognised by ISSN (the built-in list holds the journals of the sample issue).
    pub journals: Vec<KnownJournal>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            journals: vec![KnownJournal {
                issn: "1009-928X".into(),
                title: "上海党史与党建".into(),
            }],
        }
    }
}

/// Extracts the document model from normalised text.
pub fn extract(clean: &str) -> Article {
    extract_with(clean, &ExtractOptions::default())
}

/// Confidence of a field read from an explicit label (`摘要：`, `中图分类号：`).
const LABELLED: f32 = 0.95;
/// Confidence of a field read from its position or shape alone (title, bare `D267`).
const POSITIONAL: f32 = 0.8;

struct Ctx<'a> {
    /// (1-based line number, trimmed text) of every non-empty line.
    lines: Vec<(usize, &'a str)>,
    used: Vec<bool>,
    fields: Vec<Option<Vec<Field>>>,
    zh: bool,
    art: Article,
    bynames: Vec<header::Byname>,
    /// English header lines (title, pinyin byline, affiliations) of a bilingual article.
    en_block: Vec<usize>,
}

impl Ctx<'_> {
    fn prov(&mut self, field: &str, from: usize, to: usize, confidence: f32) {
        let (Some(a), Some(b)) = (self.lines.get(from), self.lines.get(to)) else {
            return;
        };
        self.art.provenance.insert(
            field.to_string(),
            Provenance {
                lines: (a.0, b.0),
                confidence,
                origin: "text".into(),
                input_lines: None,
            },
        );
    }

    fn warn(&mut self, kind: &str, message: String, field: Option<&str>, idx: Option<usize>) {
        let line = idx.and_then(|i| self.lines.get(i)).map(|l| l.0);
        self.art.warnings.push(Warning {
            kind: kind.into(),
            message,
            field: field.map(str::to_string),
            line,
        });
    }

    fn text(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |l| l.1)
    }

    fn is_label(&self, i: usize) -> bool {
        self.fields.get(i).is_some_and(Option::is_some)
    }

    fn first_key(&self, i: usize) -> Option<Key> {
        self.fields
            .get(i)
            .and_then(|f| f.as_ref())
            .and_then(|f| f.first())
            .map(|f| f.key)
    }
}

static COLUMN_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[·•]\s*\S{2,12}\s*[·•]|【[^】]{2,12}】|〔[^〕]{2,12}〕)$").expect("column tag")
});
/// An article-type banner above an English title (`ORIGINAL ARTICLE`), as JATS `article-type`.
static ARTICLE_TYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<r>original|research)\s+(?:article|paper)|(?P<v>review)(?:\s+article)?|(?P<c>case\s+report)|(?P<b>brief\s+report|short\s+communication))$")
        .expect("article type")
});
static NUMBERED_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[\[［]\d{1,4}[\]］]").expect("numbered ref"));
static LIST_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\[［]\d{1,4}[\]］]|\d{1,4}[.．、]\s?)").expect("list ref")
});

fn latin_dominant(s: &str) -> bool {
    let latin = s.chars().filter(char::is_ascii_alphabetic).count();
    let han = s.chars().filter(|c| header::is_han(*c)).count();
    latin >= 3 && han == 0
}

/// `浦东周浦东南社区；创新；社区党建`: a short list of terms, as an unlabelled keyword line.
fn keywords_like(s: &str) -> bool {
    let items: Vec<&str> = s.split(['；', ';']).map(str::trim).collect();
    (2..=10).contains(&items.len())
        && s.chars().count() <= 120
        && items
            .iter()
            .all(|t| (1..=24).contains(&t.chars().count()) && !t.contains(['。', '，', ',']))
}

/// Splits a keyword value on `；`, `;`, `，`, `,`, `、` or (CJK only) spaces.
fn split_keywords(v: &str) -> Vec<String> {
    let v = v.trim().trim_end_matches(['.', '。', '；', ';']);
    let parts: Vec<&str> = if v.contains(['；', ';']) {
        v.split(['；', ';']).collect()
    } else if v.contains(['，', ',', '、']) {
        v.split(['，', ',', '、']).collect()
    } else if v.chars().any(header::is_han) {
        v.split(|c: char| c.is_whitespace()).collect()
    } else {
        vec![v]
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Extracts with explicit options (known journals).
pub fn extract_with(clean: &str, opts: &ExtractOptions) -> Article {
    let lines: Vec<(usize, &str)> = clean
        .lines()
        .enumerate()
        .map(|(i, l)| {
            (
                i + 1,
                l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
            )
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let han = clean.chars().filter(|c| header::is_han(*c)).count();
    let latin = clean.chars().filter(char::is_ascii_alphabetic).count();
    let zh = han * 2 >= latin && han > 0;
    let fields = lines.iter().map(|(_, l)| labels::parse_line(l)).collect();
    let n = lines.len();
    let mut cx = Ctx {
        used: vec![false; n],
        lines,
        fields,
        zh,
        art: Article {
            lang: if zh { "zh" } else { "en" }.into(),
            ..Default::default()
        },
        bynames: Vec::new(),
        en_block: Vec::new(),
    };
    chrome(&mut cx);
    let front_end = front(&mut cx);
    let back_start = back(&mut cx, front_end);
    let refs_start = refs(&mut cx, front_end, back_start);
    body(&mut cx, front_end, refs_start);
    en_block(&mut cx);
    derive(&mut cx, opts);
    let mut art = cx.art;
    lost_chars(&cx.lines, &mut art);
    let checks = validate(&art);
    art.warnings.extend(checks);
    art
}

/// Mirror-site debris before the article: crawl timestamps, `?` lines, the site's journal
/// line and its own `关键词:` line, and a first copy of title and byline.
fn chrome(cx: &mut Ctx) {
    let n = cx.lines.len().min(16);
    let mut prev_chrome = false;
    for i in 0..n {
        let text = cx.text(i);
        // The header zone ends at the first paragraph-length line (abstract or body).
        if text.chars().count() > 80 {
            break;
        }
        if header::is_chrome(text) {
            cx.used[i] = true;
            prev_chrome = true;
            continue;
        }
        if let Some(j) = header::journal_line(text) {
            cx.used[i] = true;
            prev_chrome = true;
            set_journal_line(cx, i, &j);
            continue;
        }
        if prev_chrome && cx.first_key(i) == Some(Key::Keywords) {
            // The site's keyword list, generated from the page, not the article's.
            cx.used[i] = true;
            continue;
        }
        prev_chrome = false;
    }
    // The mirror prints title and byline twice; the article starts at the last copy.
    let Some(t0) = (0..cx.lines.len()).find(|&i| !cx.used[i]) else {
        return;
    };
    let title = cx.text(t0).to_string();
    let last = (t0 + 1..cx.lines.len().min(t0 + 12))
        .rev()
        .find(|&j| cx.text(j) == title);
    if let Some(j) = last {
        for u in cx.used.iter_mut().take(j) {
            *u = true;
        }
    }
}

fn set_journal_line(cx: &mut Ctx, i: usize, j: &header::JournalLine) {
    const C: f32 = 0.9;
    // A Chinese article's English running header names the journal's English title.
    if cx.zh && latin_dominant(&j.title) {
        if cx.art.journal_title_en.is_none() {
            cx.art.journal_title_en = Some(j.title.clone());
            cx.prov("journal_title_en", i, i, C);
        }
    } else if cx.art.journal_title.is_none() && !j.title.is_empty() {
        cx.art.journal_title = Some(j.title.clone());
        cx.prov("journal_title", i, i, C);
    }
    if let (None, Some(y)) = (cx.art.year, j.year) {
        cx.art.year = Some(y);
        cx.prov("year", i, i, C);
    }
    if let (None, Some(v)) = (&cx.art.volume, &j.volume) {
        cx.art.volume = Some(v.clone());
        cx.prov("volume", i, i, C);
    }
    if let (None, Some(v)) = (cx.art.issue, j.issue) {
        cx.art.issue = Some(v);
        cx.prov("issue", i, i, C);
    }
    if let (None, Some(v)) = (cx.art.fpage, j.fpage) {
        cx.art.fpage = Some(v);
        cx.prov("fpage", i, i, C);
    }
    if let (None, Some(v)) = (cx.art.lpage, j.lpage) {
        cx.art.lpage = Some(v);
        cx.prov("lpage", i, i, C);
    }
}

fn next_unused(cx: &Ctx, mut pos: usize) -> usize {
    while pos < cx.lines.len() && cx.used[pos] {
        pos += 1;
    }
    pos
}

/// Whether line `i` opens the English header of a bilingual article: Latin lines followed,
/// within three lines, by an `Abstract` label.
fn starts_en_block(cx: &Ctx, i: usize) -> Option<usize> {
    if !cx.zh {
        return None;
    }
    let n = cx.lines.len();
    let mut j = i;
    while j < n && j < i + 3 {
        if cx.first_key(j) == Some(Key::AbstractEn) {
            return (j > i).then_some(j);
        }
        if cx.is_label(j) || !latin_dominant(cx.text(j)) || NUMBERED_REF.is_match(cx.text(j)) {
            return None;
        }
        j += 1;
    }
    (j < n && cx.first_key(j) == Some(Key::AbstractEn) && j > i).then_some(j)
}

/// Title, byline, affiliations and the labelled front matter; returns the body's first line.
fn front(cx: &mut Ctx) -> usize {
    let n = cx.lines.len();
    let mut pos = next_unused(cx, 0);
    // Codes, ISSN and column tags printed above the title.
    while pos < n
        && (cx.is_label(pos)
            || COLUMN_TAG.is_match(cx.text(pos))
            || ARTICLE_TYPE.is_match(cx.text(pos))
            || cx.used[pos])
    {
        if cx.is_label(pos) && !cx.used[pos] {
            labelled(cx, pos);
        } else if let Some(c) = ARTICLE_TYPE.captures(cx.text(pos)) {
            let kind = if c.name("r").is_some() {
                "research-article"
            } else if c.name("v").is_some() {
                "review-article"
            } else if c.name("c").is_some() {
                "case-report"
            } else {
                "brief-report"
            };
            cx.art.article_type = Some(kind.into());
            cx.prov("article_type", pos, pos, LABELLED);
        }
        cx.used[pos] = true;
        pos += 1;
    }
    if pos >= n {
        return n;
    }
    // Title (with a `——` subtitle line).
    let t0 = pos;
    let mut title = cx.text(pos).to_string();
    cx.used[pos] = true;
    pos += 1;
    while pos < n && cx.text(pos).starts_with('—') && !cx.is_label(pos) {
        title.push_str(cx.text(pos));
        cx.used[pos] = true;
        pos += 1;
    }
    cx.art.title = Some(title);
    cx.prov("title", t0, pos - 1, POSITIONAL);
    // A keyword line between title and byline is a mirror site's (`关键词:三个一东南居民`):
    // articles print their own after the abstract.
    while pos < n && cx.first_key(pos) == Some(Key::Keywords) {
        cx.used[pos] = true;
        pos += 1;
    }
    // A bilingual article may print its English title right under the Chinese one.
    if cx.zh && pos < n && latin_dominant(cx.text(pos)) && !cx.is_label(pos) {
        let next_is_byline = pos + 1 < n && header::byline(cx.text(pos + 1)).is_some();
        if next_is_byline && header::byline(cx.text(pos)).is_none() {
            cx.art.trans_title = Some(cx.text(pos).to_string());
            cx.prov("trans_title", pos, pos, POSITIONAL);
            cx.used[pos] = true;
            pos += 1;
        }
    }
    // `张三 李四（北京大学 历史学系，北京 100871）`: byline with the shared affiliation inline.
    let inline_aff = (pos < n && !cx.is_label(pos))
        .then(|| header::byline_with_affiliation(cx.text(pos)))
        .flatten();
    let names = match inline_aff {
        Some((names, _)) => Some(names),
        None if pos < n && !cx.is_label(pos) => header::byline(cx.text(pos)),
        None => None,
    };
    if let Some(names) = names {
        if let Some((_, aff)) = header::byline_with_affiliation(cx.text(pos)) {
            cx.art.affiliation = Some(aff);
            cx.prov("affiliation", pos, pos, POSITIONAL);
        }
        cx.art.author_line_raw = Some(cx.text(pos).to_string());
        cx.art.authors = names
            .iter()
            .map(|b| Author {
                name: b.name.clone(),
                corresponding: b.star,
                ..Default::default()
            })
            .collect();
        cx.bynames = names;
        cx.prov("authors", pos, pos, POSITIONAL);
        cx.prov("author_line_raw", pos, pos, POSITIONAL);
        cx.used[pos] = true;
        pos += 1;
        // A pinyin byline right under the Chinese one.
        if pos < n
            && latin_dominant(cx.text(pos))
            && let Some(en) = header::byline(cx.text(pos))
        {
            set_name_en(cx, &en);
            cx.used[pos] = true;
            pos += 1;
        }
    }
    let aff0 = pos;
    let mut affs = Vec::new();
    while pos < n && !cx.is_label(pos) && header::looks_like_affiliation(cx.text(pos)) {
        affs.extend(header::affiliations(cx.text(pos)));
        cx.used[pos] = true;
        pos += 1;
    }
    if !affs.is_empty() {
        set_affiliations(cx, affs, aff0, pos - 1, POSITIONAL);
    }
    // Labelled front matter, English block, or the unlabelled abstract + keyword pair.
    while pos < n {
        if cx.used[pos] {
            pos += 1;
            continue;
        }
        if cx.is_label(pos) {
            pos = labelled(cx, pos) + 1;
            continue;
        }
        if let Some(abs) = starts_en_block(cx, pos) {
            cx.en_block.extend(pos..abs);
            for u in &mut cx.used[pos..abs] {
                *u = true;
            }
            pos = abs;
            continue;
        }
        if cx.art.abstract_.is_none()
            && cx.art.keywords.is_empty()
            && pos + 1 < n
            && cx.text(pos).chars().count() >= 40
            && !cx.is_label(pos + 1)
            && keywords_like(cx.text(pos + 1))
        {
            cx.art.abstract_ = Some(cx.text(pos).to_string());
            cx.prov("abstract", pos, pos, POSITIONAL);
            cx.art.keywords = split_keywords(cx.text(pos + 1));
            cx.prov("keywords", pos + 1, pos + 1, POSITIONAL);
            cx.used[pos] = true;
            cx.used[pos + 1] = true;
            pos += 2;
            continue;
        }
        break;
    }
    pos
}

fn set_name_en(cx: &mut Ctx, en: &[header::Byname]) {
    if en.len() == cx.art.authors.len() {
        for (a, e) in cx.art.authors.iter_mut().zip(en) {
            a.name_en = Some(e.name.clone());
        }
    }
}

/// Records affiliations: one unmarked → `affiliation`; otherwise numbered and linked.
fn set_affiliations(
    cx: &mut Ctx,
    affs: Vec<(Option<String>, String)>,
    from: usize,
    to: usize,
    conf: f32,
) {
    if affs.len() == 1 && affs[0].0.is_none() {
        if cx.art.affiliation.is_none() && cx.art.affiliations.is_empty() {
            cx.art.affiliation = Some(affs[0].1.clone());
            cx.prov("affiliation", from, to, conf);
        }
        return;
    }
    if !cx.art.affiliations.is_empty() {
        return;
    }
    // `作者单位：熊玉清，甲单位；潘海英，乙单位`: unmarked parts that start with an author's
    // name belong to that author.
    let mut by_name: Vec<(usize, usize)> = Vec::new();
    let mut affs = affs;
    for (k, (label, name)) in affs.iter_mut().enumerate() {
        if label.is_some() {
            continue;
        }
        for (ai, author) in cx.art.authors.iter().enumerate() {
            let rest = name
                .strip_prefix(author.name.as_str())
                .and_then(|r| r.strip_prefix(['，', ',', ' ', '　', '：', ':']));
            if let Some(rest) = rest.map(str::trim).filter(|r| !r.is_empty()) {
                *name = rest.to_string();
                by_name.push((ai, k));
                break;
            }
        }
    }
    cx.art.affiliations = affs
        .into_iter()
        .enumerate()
        .map(|(k, (label, name))| Affiliation {
            id: format!("aff{}", label.as_deref().unwrap_or(&(k + 1).to_string())),
            label,
            name,
            name_en: None,
        })
        .collect();
    let ids: Vec<(Option<String>, String)> = cx
        .art
        .affiliations
        .iter()
        .map(|a| (a.label.clone(), a.id.clone()))
        .collect();
    for (author, by) in cx.art.authors.iter_mut().zip(&cx.bynames) {
        author.affiliations = by
            .marks
            .iter()
            .filter_map(|m| {
                ids.iter()
                    .find(|(l, _)| l.as_deref() == Some(m.as_str()))
                    .map(|(_, id)| id.clone())
            })
            .collect();
    }
    for (ai, k) in by_name {
        if let (Some(author), Some(aff)) = (cx.art.authors.get_mut(ai), ids.get(k)) {
            author.affiliations.push(aff.1.clone());
        }
    }
    cx.prov("affiliations", from, to, conf);
}

/// Handles a line of labelled fields; returns the last line consumed (a bare `摘要` label
/// takes the next line as its value).
fn labelled(cx: &mut Ctx, i: usize) -> usize {
    let Some(fields) = cx.fields.get(i).cloned().flatten() else {
        return i;
    };
    cx.used[i] = true;
    let mut last = i;
    let mut noted = false;
    for f in fields {
        let mut value = f.value.clone();
        let mut to = i;
        if value.is_empty()
            && matches!(
                f.key,
                Key::Abstract | Key::AbstractEn | Key::Keywords | Key::KeywordsEn
            )
            && i + 1 < cx.lines.len()
            && !cx.is_label(i + 1)
            && !cx.used[i + 1]
        {
            value = cx.text(i + 1).to_string();
            cx.used[i + 1] = true;
            to = i + 1;
            last = i + 1;
        }
        if value.is_empty() {
            continue;
        }
        let en = !cx.zh;
        match f.key {
            Key::Abstract => set_abstract(cx, value, false, i, to),
            Key::AbstractEn => set_abstract(cx, value, !en, i, to),
            Key::Keywords => set_keywords(cx, &value, false, i, to),
            Key::KeywordsEn => set_keywords(cx, &value, !en, i, to),
            Key::Clc => {
                cx.art.clc_number = Some(value);
                cx.prov("CLC_number", i, i, LABELLED);
            }
            Key::DocCode => {
                cx.art.document_code = Some(codes::doc_code(&value).unwrap_or(value));
                cx.prov("document_code", i, i, LABELLED);
            }
            Key::ArticleNo => set_article_number(cx, value, i, LABELLED),
            Key::Doi => {
                if let Some(d) = codes::find_doi(&value) {
                    cx.art.doi = Some(d);
                    cx.prov("doi", i, i, LABELLED);
                }
            }
            Key::Editor => {
                cx.art.editor = Some(value);
                cx.prov("editor", i, i, LABELLED);
            }
            Key::Affiliation => {
                let affs = header::affiliations(&value);
                set_affiliations(cx, affs, i, i, LABELLED);
            }
            Key::Received | Key::Revised | Key::Accepted | Key::Published => {
                set_date(cx, f.key, &value, i)
            }
            Key::Funding | Key::Bio => {
                if !noted {
                    cx.art.notes.push(cx.text(i).to_string());
                    cx.prov("notes", i, i, LABELLED);
                    noted = true;
                }
            }
            Key::Corresponding => {
                let (name, email) = header::corresponding(&value);
                if let Some(name) = &name {
                    for a in &mut cx.art.authors {
                        if a.name == *name || a.name_en.as_deref() == Some(name) {
                            a.corresponding = true;
                            if a.email.is_none() {
                                a.email.clone_from(&email);
                            }
                        }
                    }
                }
                if name.is_some() {
                    cx.art.corresponding_author = name;
                    cx.prov("corresponding_author", i, i, LABELLED);
                }
            }
            Key::Issn | Key::EIssn => {
                if let Some(issn) = codes::find_issn(&value) {
                    let online = f.key == Key::EIssn
                        || ["网络版", "电子版", "Online", "online", "(E)", "（E）"]
                            .iter()
                            .any(|m| value.contains(m));
                    if online {
                        cx.art.eissn = Some(issn);
                        cx.prov("eISSN", i, i, LABELLED);
                    } else {
                        cx.art.issn = Some(issn);
                        cx.prov("ISSN", i, i, LABELLED);
                    }
                }
            }
            Key::Cn => {
                if let Some(c) = codes::CN_RE.captures(&value) {
                    cx.art.cn = Some(c[1].to_string());
                    cx.prov("CN", i, i, LABELLED);
                }
            }
            Key::Publisher => {
                cx.art.publisher = Some(value);
                cx.prov("publisher", i, i, LABELLED);
            }
        }
    }
    last
}

fn set_abstract(cx: &mut Ctx, value: String, trans: bool, i: usize, to: usize) {
    if trans {
        cx.art.trans_abstract = Some(value);
        cx.prov("trans_abstract", i, to, LABELLED);
    } else if cx.art.abstract_.is_none() {
        cx.art.abstract_ = Some(value);
        cx.prov("abstract", i, to, LABELLED);
    }
}

fn set_keywords(cx: &mut Ctx, value: &str, trans: bool, i: usize, to: usize) {
    let kws = split_keywords(value);
    if trans {
        cx.art.trans_keywords = kws;
        cx.prov("trans_keywords", i, to, LABELLED);
    } else if cx.art.keywords.is_empty() {
        cx.art.keywords = kws;
        cx.prov("keywords", i, to, LABELLED);
    }
}

fn set_article_number(cx: &mut Ctx, value: String, i: usize, conf: f32) {
    cx.art.article_number_parsed = codes::parse_article_number(&value);
    if cx.art.article_number_parsed.is_none() {
        cx.warn(
            "article-number-syntax",
            format!("文章编号 `{value}` does not read as ISSN(YYYY)NN-PPPP-CC"),
            Some("article_number"),
            Some(i),
        );
    }
    cx.art.article_number = Some(value);
    cx.prov("article_number", i, i, conf);
}

fn set_date(cx: &mut Ctx, key: Key, value: &str, i: usize) {
    let (slot, name) = match key {
        Key::Received => (&mut cx.art.dates.received, "dates.received"),
        Key::Revised => (&mut cx.art.dates.revised, "dates.revised"),
        Key::Accepted => (&mut cx.art.dates.accepted, "dates.accepted"),
        _ => (&mut cx.art.dates.published, "dates.published"),
    };
    match header::date(value) {
        Some(d) => {
            *slot = Some(d);
            cx.prov(name, i, i, LABELLED);
        }
        None => cx.warn(
            "date-unreadable",
            format!("date `{value}` could not be read"),
            Some(name),
            Some(i),
        ),
    }
}

/// Scans back from the end over back matter: labelled lines, bare codes (`D267`, `A`,
/// `1009-928X(2010)04-0045-03`) and an English block; returns its first line.
fn back(cx: &mut Ctx, front_end: usize) -> usize {
    let mut k = cx.lines.len();
    if let Some(h) = (front_end..k).find(|&i| header::is_related_heading(cx.text(i))) {
        for u in &mut cx.used[h..] {
            *u = true;
        }
        k = h;
    }
    // A mirror's related-article list after the article: `标题` / `刊名(年期)时间戳` pairs.
    while k > front_end && header::is_trailing_chrome(cx.text(k - 1)) {
        cx.used[k - 1] = true;
        k -= 1;
        if k > front_end
            && !header::is_trailing_chrome(cx.text(k - 1))
            && k >= 2
            && header::is_trailing_chrome(cx.text(k - 2))
        {
            cx.used[k - 1] = true;
            k -= 1;
        }
    }
    let mut en_abstract_at: Option<usize> = None;
    while k > front_end {
        let i = k - 1;
        let t = cx.text(i);
        let en_line = cx.zh
            && en_abstract_at.is_some_and(|a| a > i && a - i <= 3)
            && latin_dominant(t)
            && !cx.is_label(i)
            && !LIST_REF.is_match(t);
        if cx.used[i]
            || cx.is_label(i)
            || codes::is_bare_clc(t)
            || codes::is_bare_doc_code(t)
            || codes::is_article_number(t)
            || en_line
        {
            if cx.first_key(i) == Some(Key::AbstractEn) {
                en_abstract_at = Some(i);
            }
            k -= 1;
            continue;
        }
        break;
    }
    for i in k..cx.lines.len() {
        if cx.used[i] {
            continue;
        }
        let t = cx.text(i).to_string();
        if cx.is_label(i) {
            labelled(cx, i);
        } else if codes::is_bare_clc(&t) {
            cx.art.clc_number = Some(t);
            cx.prov("CLC_number", i, i, POSITIONAL);
        } else if codes::is_bare_doc_code(&t) {
            cx.art.document_code = Some(t);
            cx.prov("document_code", i, i, POSITIONAL);
        } else if codes::is_article_number(&t) {
            set_article_number(cx, t, i, POSITIONAL);
        } else {
            cx.en_block.push(i);
        }
        cx.used[i] = true;
    }
    k
}

/// Finds the reference list before the back matter; returns its first line (the body's end).
fn refs(cx: &mut Ctx, front_end: usize, back_start: usize) -> usize {
    let heading = (front_end..back_start)
        .rev()
        .find(|&i| !cx.used[i] && labels::is_reference_heading(cx.text(i)));
    let (start, entries_from) = match heading {
        Some(h) => (h, h + 1),
        None => {
            let mut s = back_start;
            while s > front_end && !cx.used[s - 1] && NUMBERED_REF.is_match(cx.text(s - 1)) {
                s -= 1;
            }
            let first_is_one = s < back_start
                && cx.text(s).trim_start_matches(['[', '［']).starts_with('1')
                && !cx
                    .text(s)
                    .trim_start_matches(['[', '［'])
                    .starts_with("1]0");
            if !first_is_one {
                return back_start;
            }
            (s, s)
        }
    };
    let mut entries: Vec<(String, usize, usize)> = Vec::new();
    let numbered = (entries_from..back_start).any(|i| LIST_REF.is_match(cx.text(i)));
    for i in entries_from..back_start {
        if cx.used[i] {
            continue;
        }
        let t = cx.text(i);
        match entries.last_mut() {
            Some(last) if numbered && !LIST_REF.is_match(t) => {
                if last
                    .0
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
                {
                    last.0.push(' ');
                }
                last.0.push_str(t);
                last.2 = i;
            }
            _ => entries.push((t.to_string(), i, i)),
        }
    }
    for u in &mut cx.used[start..back_start] {
        *u = true;
    }
    if let (Some(f), Some(l)) = (entries.first(), entries.last()) {
        let (a, b) = (f.1, l.2);
        cx.art.references = entries.iter().map(|e| references::parse(&e.0)).collect();
        cx.prov("references", a, b, POSITIONAL);
        for (k, e) in entries.iter().enumerate() {
            cx.prov(&format!("references[{k}]"), e.1, e.2, POSITIONAL);
        }
    }
    start
}

fn body(cx: &mut Ctx, from: usize, to: usize) {
    let lines: Vec<(usize, &str)> = (from..to.min(cx.lines.len()))
        .filter(|&i| !cx.used[i])
        .map(|i| (i, cx.lines[i].1))
        .collect();
    if lines.is_empty() {
        return;
    }
    let built = sections::build(&lines);
    if let (Some(a), Some(b)) = (built.first(), built.last()) {
        let (a, b) = (a.1.0, b.1.1);
        cx.prov("sections", a, b, POSITIONAL);
    }
    for (k, (_, span)) in built.iter().enumerate() {
        cx.prov(&format!("sections[{k}]"), span.0, span.1, POSITIONAL);
    }
    cx.art.sections = built.into_iter().map(|(s, _)| s).collect();
    for (i, _) in lines {
        cx.used[i] = true;
    }
}

/// The English header lines of a bilingual article: title, pinyin byline, affiliations.
fn en_block(cx: &mut Ctx) {
    let block = std::mem::take(&mut cx.en_block);
    let mut it = block.into_iter().peekable();
    if cx.art.trans_title.is_none()
        && let Some(i) = it.next()
    {
        cx.art.trans_title = Some(cx.text(i).to_string());
        cx.prov("trans_title", i, i, POSITIONAL);
    }
    for i in it {
        let t = cx.text(i).to_string();
        if let Some(en) = header::byline(&t) {
            set_name_en(cx, &en);
            continue;
        }
        for (label, name) in header::affiliations(&t) {
            if let Some(a) = cx
                .art
                .affiliations
                .iter_mut()
                .find(|a| a.label.is_some() && a.label == label)
            {
                a.name_en = Some(name);
            }
        }
    }
}

/// Journal-level fields from the article number and the known-journal list, where the text
/// did not print them.
fn derive(cx: &mut Ctx, opts: &ExtractOptions) {
    let line_of = |cx: &Ctx, f: &str| cx.art.provenance.get(f).cloned();
    if let Some(p) = cx.art.article_number_parsed.clone() {
        let src = line_of(cx, "article_number");
        let put = |cx: &mut Ctx, field: &str| {
            if let Some(src) = &src {
                cx.art.provenance.insert(
                    field.into(),
                    Provenance {
                        confidence: src.confidence * 0.95,
                        ..src.clone()
                    },
                );
            }
        };
        if cx.art.issn.is_none() {
            cx.art.issn = Some(p.issn.clone());
            put(cx, "ISSN");
        }
        if cx.art.year.is_none() {
            cx.art.year = Some(p.year);
            put(cx, "year");
        }
        if cx.art.issue.is_none()
            && let Ok(v) = p.issue.parse()
        {
            cx.art.issue = Some(v);
            put(cx, "issue");
        }
        if cx.art.fpage.is_none()
            && let Ok(v) = p.first_page.parse()
        {
            cx.art.fpage = Some(v);
            put(cx, "fpage");
        }
        if cx.art.lpage.is_none()
            && let Some(v) = p.last_page()
        {
            cx.art.lpage = Some(v);
            put(cx, "lpage");
        }
    }
    if cx.art.journal_title.is_none()
        && let Some(issn) = cx.art.issn.clone()
        && let Some(j) = opts.journals.iter().find(|j| j.issn == issn)
    {
        cx.art.journal_title = Some(j.title.clone());
        let lines = line_of(cx, "ISSN").map_or((0, 0), |p| p.lines);
        cx.art.provenance.insert(
            "journal_title".into(),
            Provenance {
                lines,
                confidence: 0.9,
                origin: "known-journal".into(),
                input_lines: None,
            },
        );
    }
}

/// One warning per line that still carries a lost-character mark from the repair stage.
fn lost_chars(lines: &[(usize, &str)], art: &mut Article) {
    for &(no, text) in lines {
        let count = text.chars().filter(|&c| c == LOST_CHAR).count();
        if count > 0 {
            // The field is the one whose source span is the narrowest around the line.
            let field = art
                .provenance
                .iter()
                .filter(|(_, p)| p.origin == "text" && p.lines.0 <= no && no <= p.lines.1)
                .min_by_key(|(_, p)| p.lines.1 - p.lines.0)
                .map(|(k, _)| k.clone());
            art.warnings.push(Warning {
                kind: "lost-character".into(),
                message: format!("{count} character(s) lost in the source are marked U+FFFD"),
                field,
                line: Some(no),
            });
        }
    }
}
