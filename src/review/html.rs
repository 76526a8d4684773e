//! HTML for the review pages. Plain string building: every piece of article text goes through
//! [`esc`], and the audit entries reach the script as JSON data (never as code), so text from a
//! damaged page cannot break out of its cell or run.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde_json::Value;

use super::{ArticleView, Counts, kind_name};
use crate::audit::{Entry, Fate, Kind};

const CSS: &str = include_str!("review.css");
const JS: &str = include_str!("review.js");

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a file name for a relative `href` (stems may hold `~`, spaces, CJK).
fn href(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// JSON for a `<script type="application/json">` block: `<` escaped so no `</script>` can end
/// it early (`<` only ever occurs inside JSON strings, where `\u003c` means the same).
fn script_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// What an editor calls each kind of change.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "decode" => "Invalid bytes",
        "mojibake" => "Mojibake repaired",
        "pinyin-annotation" => "Pinyin reading removed",
        "garble" => "Garbled characters rebuilt",
        "lost-character" => "Lost character",
        "unrepaired" => "Damage left as it was",
        "script" => "Traditional → simplified",
        "punctuation" => "Punctuation made full-width",
        "control-character" => "Control character removed",
        "whitespace" => "Whitespace tidied",
        "removed-line" => "Line removed",
        _ => "Other change",
    }
}

/// Why a line was removed, in words.
fn reason_label(reason: &str) -> String {
    match reason {
        "blank" => "blank line".into(),
        "duplicate" => "repeats an earlier line".into(),
        "seo-keywords" => "spam: search-engine keywords".into(),
        "site-keywords" => "website keyword list".into(),
        "site-meta" => "website date / source line".into(),
        "site-chrome" => "website navigation".into(),
        "related-articles" => "website “related articles” list".into(),
        "place-list" => "spam: list of place names".into(),
        "lone-question-mark" => "stray “?” left by the website".into(),
        other => other.replace('-', " "),
    }
}

fn origin_label(origin: &str) -> String {
    match origin {
        "text" => "found in the text".into(),
        "sidecar" => "set in the sidecar .meta.toml".into(),
        "manifest" => "set in issue.toml".into(),
        "jats" => "read from JATS".into(),
        "known-journal" => "known journal (matched in the text)".into(),
        other => other.to_string(),
    }
}

fn percent(c: f32) -> String {
    format!("{:.0}%", (c * 100.0).clamp(0.0, 100.0))
}

/// Order of the metadata table: what an editor checks first, first.
const FIELD_ORDER: &[(&str, &str)] = &[
    ("title", "Title"),
    ("trans_title", "Title (other language)"),
    ("authors", "Authors"),
    ("author_line_raw", "Byline as printed"),
    ("affiliation", "Affiliation"),
    ("affiliations", "Affiliations"),
    ("corresponding_author", "Corresponding author"),
    ("abstract", "Abstract"),
    ("trans_abstract", "Abstract (other language)"),
    ("keywords", "Keywords"),
    ("trans_keywords", "Keywords (other language)"),
    ("journal_title", "Journal"),
    ("journal_title_en", "Journal (English)"),
    ("journal_id", "Journal id"),
    ("publisher", "Publisher"),
    ("ISSN", "ISSN"),
    ("eISSN", "eISSN"),
    ("CN", "CN serial number"),
    ("year", "Year"),
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("fpage", "First page"),
    ("lpage", "Last page"),
    ("doi", "DOI"),
    ("dates", "Dates"),
    ("CLC_number", "CLC number (中图分类号)"),
    ("document_code", "Document code (文献标识码)"),
    ("article_number", "Article number (文章编号)"),
    ("editor", "Editor (责任编辑)"),
    ("notes", "Notes"),
    ("sections", "Body sections"),
    ("references", "References"),
    ("lang", "Language"),
    ("article_type", "Article type"),
];

/// Fields that are records of the pipeline, not metadata.
const NOT_FIELDS: &[&str] = &["provenance", "warnings", "article_number_parsed"];

fn value_text(key: &str, v: &Value) -> String {
    let name_of = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        other => other.to_string(),
    };
    match (key, v) {
        ("sections", Value::Array(a)) => format!("{} section(s)", a.len()),
        ("references", Value::Array(a)) => format!("{} reference(s)", a.len()),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Array(a)) => a.iter().map(name_of).collect::<Vec<_>>().join("；"),
        (_, Value::Object(o)) => o
            .iter()
            .map(|(k, v)| format!("{k}: {}", name_of(v)))
            .collect::<Vec<_>>()
            .join("; "),
        (_, other) => other.to_string(),
    }
}

/// One marked stretch of a line: byte range and the entry it shows.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    entry: usize,
}

/// Places each entry's text in `line` (searching forward, per kind, from the previous hit of
/// that kind), groups first; an entry that cannot be found or would cross an earlier one is
/// left for the line's chip list. Spans in the audit are positions in the text as each pass saw
/// it, which later passes shift, so a search is more reliable than the recorded offsets.
/// A lost character may sit inside a larger repair (a garble window that lost one byte): those
/// two nest; any other overlap is refused.
fn place(
    line: &str,
    entries: &[(usize, &Entry)],
    groups: &[&[Kind]],
    text_of: &dyn Fn(&Entry) -> String,
) -> Vec<Span> {
    let mut placed: Vec<(Span, Kind)> = Vec::new();
    for group in groups {
        let mut cursor: HashMap<Kind, usize> = HashMap::new();
        for &(i, e) in entries.iter().filter(|(_, e)| group.contains(&e.kind)) {
            let needle = text_of(e);
            if needle.is_empty() {
                continue;
            }
            let mut from = cursor.get(&e.kind).copied().unwrap_or(0);
            while let Some(rel) = line.get(from..).and_then(|rest| rest.find(&needle)) {
                let start = from + rel;
                let end = start + needle.len();
                let clash = placed.iter().any(|(p, k)| {
                    let overlap = start < p.end && p.start < end;
                    let same = start == p.start && end == p.end;
                    let nested =
                        (start <= p.start && p.end <= end) || (p.start <= start && end <= p.end);
                    let lost = *k == Kind::LostCharacter || e.kind == Kind::LostCharacter;
                    overlap && (same || !nested || !lost)
                });
                if clash {
                    from = end;
                    continue;
                }
                placed.push((
                    Span {
                        start,
                        end,
                        entry: i,
                    },
                    e.kind,
                ));
                cursor.insert(e.kind, end);
                break;
            }
        }
    }
    let mut spans: Vec<Span> = placed.into_iter().map(|(s, _)| s).collect();
    spans.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    spans
}

/// `line` with its (properly nested) spans as clickable marks. `lost_glyph` shows U+FFFD as
/// 〓, the mark the PDF prints, so the editor recognises it.
fn render_marked(line: &str, spans: &[Span], entries: &[Entry], lost_glyph: bool) -> String {
    let text = |a: usize, b: usize| {
        let t = esc(line.get(a..b).unwrap_or_default());
        if lost_glyph {
            t.replace('\u{FFFD}', "〓")
        } else {
            t
        }
    };
    let mut out = String::new();
    let mut at = 0;
    let mut open: Vec<usize> = Vec::new();
    for s in spans {
        while let Some(&end) = open.last() {
            if end > s.start {
                break;
            }
            out.push_str(&text(at, end));
            out.push_str("</mark>");
            at = end;
            open.pop();
        }
        out.push_str(&text(at, s.start));
        at = s.start;
        let e = &entries[s.entry];
        let kind = kind_name(e.kind);
        let _ = write!(
            out,
            r#"<mark class="m k-{kind}" data-e="{}" tabindex="0" title="{}: {} → {} ({} sure) — click for details">"#,
            s.entry,
            esc(kind_label(&kind)),
            esc(&shown(&e.before)),
            esc(&shown(&e.after)),
            percent(e.confidence),
        );
        open.push(s.end);
    }
    while let Some(end) = open.pop() {
        out.push_str(&text(at, end));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&text(at, line.len()));
    out
}

/// Empty text made visible in tooltips.
fn shown(s: &str) -> String {
    if s.is_empty() {
        "(nothing)".into()
    } else {
        s.to_string()
    }
}

/// Maps traditional characters to the simplified ones the script pass chose on this line, so a
/// garble repair (recorded before script conversion) can be found in the clean text.
fn script_map(entries: &[(usize, &Entry)]) -> HashMap<char, char> {
    let mut map = HashMap::new();
    for (_, e) in entries.iter().filter(|(_, e)| e.kind == Kind::Script) {
        if e.before.chars().count() == e.after.chars().count() {
            for (b, a) in e.before.chars().zip(e.after.chars()) {
                if a != b {
                    map.insert(b, a);
                }
            }
        }
    }
    map
}

const RAW_GROUPS: &[&[Kind]] = &[
    &[Kind::LostCharacter],
    &[Kind::Garble],
    &[
        Kind::Mojibake,
        Kind::Decode,
        Kind::ControlCharacter,
        Kind::Unrepaired,
    ],
    &[Kind::PinyinAnnotation],
    &[Kind::Punctuation],
];
const CLEAN_GROUPS: &[&[Kind]] = &[
    &[Kind::LostCharacter],
    &[Kind::Garble],
    &[Kind::Mojibake, Kind::Decode, Kind::Unrepaired],
    &[Kind::Punctuation],
];

/// The review page of one article.
pub fn article_page(v: &ArticleView) -> String {
    let a = &v.article;
    let audit = &v.audit;
    let counts = Counts::of(&v.stem, audit, a, v.jats_valid);
    let title = a.title.clone().unwrap_or_else(|| v.stem.clone());
    let mut h = String::new();
    let _ = write!(
        h,
        r##"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {t}</title>
<style>{CSS}</style></head>
<body class="article hide-blank">
<header class="top">
<div class="crumbs"><a href="index.html">← All articles</a> <span class="stem">{stem}</span></div>
<h1>{t}</h1>
<p class="sub">{byline}</p>
<nav class="files">{files}</nav>
<nav class="jump">Jump to: <a href="#meta">metadata</a> · {lost_link}<a href="#text">input and clean text</a></nav>
</header>
"##,
        lang = esc(if a.lang.is_empty() { "zh" } else { &a.lang }),
        t = esc(&title),
        stem = esc(&v.stem),
        byline = esc(&byline(a)),
        files = file_links(v),
        lost_link = if audit.count(Kind::LostCharacter) > 0 {
            r##"<a href="#lost">lost characters</a> · "##
        } else {
            ""
        },
    );

    // Summary cards.
    h.push_str(&summary_cards(&counts, v));

    h.push_str(r#"<div class="layout"><main>"#);
    h.push_str(&metadata_table(v));
    h.push_str(&lost_section(v));
    h.push_str(&lines_section(v, &counts));
    h.push_str("</main>");

    // Side column: details of the clicked change, then the first page.
    h.push_str(
        r#"<aside><div class="sticky">
<section id="details" class="details empty" aria-live="polite">
<h2>Change details</h2>
<p class="hint">Click any highlighted text to see what galley changed there, why, and how sure it is.</p>
<div class="body"></div>
</section>
"#,
    );
    h.push_str(&preview(v));
    h.push_str("</div></aside></div>\n");

    let entries: Vec<Value> = audit
        .entries
        .iter()
        .map(|e| {
            let kind = kind_name(e.kind);
            serde_json::json!({
                "kind": kind,
                "label": kind_label(&kind),
                "line": e.line,
                "before": e.before,
                "after": e.after,
                "confidence": e.confidence,
                "candidates": e.candidates.iter().map(|c| (&c.text, c.score)).collect::<Vec<_>>(),
                "note": e.note,
            })
        })
        .collect();
    let _ = write!(
        h,
        r#"<script type="application/json" id="entries">{}</script>
<script type="application/json" id="counts">{}</script>
<script>{JS}</script>
</body></html>
"#,
        script_json(&entries),
        script_json(&counts),
    );
    h
}

fn byline(a: &crate::model::Article) -> String {
    let mut parts = Vec::new();
    let names: Vec<&str> = a.authors.iter().map(|x| x.name.as_str()).collect();
    if !names.is_empty() {
        parts.push(names.join(" "));
    }
    let mut issue = String::new();
    if let Some(j) = &a.journal_title {
        issue.push_str(j);
    }
    if let Some(y) = a.year {
        let _ = write!(issue, " {y}");
    }
    if let Some(n) = a.issue {
        let _ = write!(issue, " no. {n}");
    }
    if let (Some(f), Some(l)) = (a.fpage, a.lpage) {
        let _ = write!(issue, ", pp. {f}–{l}");
    }
    if !issue.is_empty() {
        parts.push(issue.trim().to_string());
    }
    parts.join(" · ")
}

fn file_links(v: &ArticleView) -> String {
    let mut s = String::new();
    let link = |s: &mut String, ext: &str, label: &str| {
        let _ = write!(
            s,
            r#"<a class="file" href="{}">{label}</a>"#,
            href(&format!("{}.{ext}", v.stem))
        );
    };
    if v.has_pdf {
        link(&mut s, "pdf", "PDF");
    }
    if v.has_xml {
        link(&mut s, "xml", "JATS XML");
    }
    link(&mut s, "json", "Document model (JSON)");
    link(&mut s, "audit.json", "Audit trail (JSON)");
    if !v.audit.input.is_empty() {
        let _ = write!(
            s,
            r#"<span class="input">input: {} ({}, {} bytes)</span>"#,
            esc(&v.audit.input),
            esc(&v.audit.encoding),
            v.audit.input_bytes
        );
    }
    s
}

fn jats_text(valid: Option<bool>) -> &'static str {
    match valid {
        Some(true) => "valid",
        Some(false) => "invalid",
        None => "not checked",
    }
}

fn summary_cards(c: &Counts, v: &ArticleView) -> String {
    let mut s = String::from(r#"<section class="summary" id="summary">"#);
    let mut problems = Vec::new();
    if c.jats_valid == Some(false) {
        problems.push("the JATS file is not valid".to_string());
    }
    if c.lost_characters > 0 {
        problems.push(format!(
            "{} character(s) were lost in the source and are marked 〓 in the PDF",
            c.lost_characters
        ));
    }
    if c.warnings > 0 {
        problems.push(format!("{} warning(s) about the metadata", c.warnings));
    }
    if problems.is_empty() {
        s.push_str(r#"<p class="banner ok">✓ Nothing needs attention. Check the highlighted changes if you wish.</p>"#);
    } else {
        let _ = write!(
            s,
            r#"<p class="banner attn">⚠ Needs attention: {}.</p>"#,
            esc(&problems.join("; "))
        );
    }
    s.push_str(r#"<div class="cards">"#);
    let card = |s: &mut String, key: &str, n: String, label: &str, class: &str, target: &str| {
        let _ = write!(
            s,
            r##"<a class="card {class}" href="#{target}"><b data-count="{key}">{n}</b><span>{label}</span></a>"##
        );
    };
    card(
        &mut s,
        "repairs",
        c.repairs.to_string(),
        "changes made",
        "",
        "text",
    );
    card(
        &mut s,
        "removed_lines",
        c.removed_lines.to_string(),
        "input lines removed",
        "",
        "text",
    );
    card(
        &mut s,
        "lost_characters",
        c.lost_characters.to_string(),
        "lost characters",
        if c.lost_characters > 0 { "bad" } else { "" },
        "lost",
    );
    card(
        &mut s,
        "warnings",
        c.warnings.to_string(),
        "warnings",
        if c.warnings > 0 { "warn" } else { "" },
        "meta",
    );
    card(
        &mut s,
        "jats_valid",
        jats_text(c.jats_valid).to_string(),
        "JATS 1.3",
        match c.jats_valid {
            Some(false) => "bad",
            Some(true) => "good",
            None => "warn",
        },
        "summary",
    );
    s.push_str("</div>");
    if let Some(err) = &v.jats_error {
        let _ = write!(s, r#"<p class="note">JATS: {}</p>"#, esc(err));
    }
    s.push_str("</section>\n");
    s
}

/// Input line that produced clean line `n`.
fn input_line_of(v: &ArticleView, clean_line: usize) -> Option<usize> {
    v.audit
        .lines
        .iter()
        .find(|l| l.output_line == Some(clean_line))
        .map(|l| l.line)
}

fn metadata_table(v: &ArticleView) -> String {
    let a = &v.article;
    let obj = match serde_json::to_value(a) {
        Ok(Value::Object(o)) => o,
        _ => Default::default(),
    };
    let clean: Vec<&str> = v
        .clean_text
        .as_deref()
        .map(|t| t.lines().collect())
        .unwrap_or_default();
    let mut keys: Vec<(String, String)> = FIELD_ORDER
        .iter()
        .filter(|(k, _)| obj.contains_key(*k))
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect();
    for k in obj.keys() {
        if !NOT_FIELDS.contains(&k.as_str()) && !FIELD_ORDER.iter().any(|(f, _)| f == k) {
            keys.push((k.clone(), k.replace('_', " ")));
        }
    }
    // Fields a warning names that were not extracted still get a row: the warning matters.
    for w in &a.warnings {
        if let Some(f) = &w.field
            && !keys.iter().any(|(k, _)| k == f)
        {
            keys.push((f.clone(), f.replace('_', " ")));
        }
    }
    let mut s = String::from(
        r#"<section id="meta"><h2>Extracted metadata</h2>
<p class="help">What galley read from the text. “Source” is the line of the clean text it came from (click to see it in the input); a low confidence or a warning means: check it against the printed issue.</p>
<table class="meta"><thead><tr><th>Field</th><th>Value</th><th>Source</th><th>Confidence</th><th>Warnings</th></tr></thead><tbody>"#,
    );
    for (key, label) in &keys {
        let value = obj.get(key).map(|v| value_text(key, v)).unwrap_or_default();
        let warnings: Vec<&crate::model::Warning> = a
            .warnings
            .iter()
            .filter(|w| w.field.as_deref() == Some(key.as_str()))
            .collect();
        let prov = a.provenance.get(key);
        let source = match prov {
            Some(p) => {
                let (from, to) = p.lines;
                let lines = if from == to {
                    format!("line {from}")
                } else {
                    format!("lines {from}–{to}")
                };
                let quote: String = clean
                    .get(from.saturating_sub(1))
                    .map(|l| l.chars().take(40).collect())
                    .unwrap_or_default();
                let more = clean
                    .get(from.saturating_sub(1))
                    .is_some_and(|l| l.chars().count() > 40);
                let link = match input_line_of(v, from) {
                    Some(n) => format!(
                        r##"<a href="#L{n}" class="src">{}</a> <span class="muted">(input line {n})</span>"##,
                        esc(&lines)
                    ),
                    None => esc(&lines),
                };
                let quote = if quote.is_empty() {
                    String::new()
                } else {
                    format!(
                        r#"<div class="quote">“{}{}”</div>"#,
                        esc(&quote),
                        if more { "…" } else { "" }
                    )
                };
                format!(
                    r#"{link} <span class="muted">· {}</span>{quote}"#,
                    esc(&origin_label(&p.origin))
                )
            }
            None => r#"<span class="muted">—</span>"#.to_string(),
        };
        let conf = match prov {
            Some(p) => format!(
                r#"<span class="conf{}"><span class="bar" style="width:{:.0}%"></span>{}</span>"#,
                if p.confidence < 0.7 { " low" } else { "" },
                (p.confidence * 100.0).clamp(0.0, 100.0),
                percent(p.confidence)
            ),
            None => String::new(),
        };
        let warn = warnings
            .iter()
            .map(|w| {
                format!(
                    r#"<div class="w">⚠ {} <span class="muted">({})</span></div>"#,
                    esc(&w.message),
                    esc(&w.kind)
                )
            })
            .collect::<String>();
        let long = value.chars().count() > 160;
        let shown_value: String = if long {
            value.chars().take(160).collect::<String>() + "…"
        } else {
            value.clone()
        };
        let _ = write!(
            s,
            r#"<tr class="{cls}" data-field="{k}"><th scope="row">{label}<div class="key">{k}</div></th><td class="v"{full}>{val}</td><td>{source}</td><td>{conf}</td><td>{warn}</td></tr>"#,
            cls = if warnings.is_empty() { "" } else { "warn" },
            k = esc(key),
            label = esc(label),
            full = if long {
                format!(r#" title="{}""#, esc(&value))
            } else {
                String::new()
            },
            val = if value.is_empty() {
                r#"<span class="muted">(not found)</span>"#.to_string()
            } else {
                esc(&shown_value)
            },
        );
    }
    s.push_str("</tbody></table>");
    let other: Vec<&crate::model::Warning> =
        a.warnings.iter().filter(|w| w.field.is_none()).collect();
    if !other.is_empty() {
        s.push_str(r#"<h3>Other warnings</h3><ul class="warnings">"#);
        for w in other {
            let at = match w.line.and_then(|l| input_line_of(v, l).map(|n| (l, n))) {
                Some((l, n)) => {
                    format!(r##" — <a href="#L{n}">clean line {l} (input line {n})</a>"##)
                }
                None => String::new(),
            };
            let _ = write!(
                s,
                r#"<li data-kind="{k}">⚠ {} <span class="muted">({k})</span>{at}</li>"#,
                esc(&w.message),
                k = esc(&w.kind)
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</section>\n");
    s
}

fn lost_section(v: &ArticleView) -> String {
    let lost: Vec<(usize, &Entry)> = v
        .audit
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::LostCharacter)
        .collect();
    if lost.is_empty() {
        return String::new();
    }
    let mut s = format!(
        r#"<section id="lost"><h2>Lost characters ({})</h2>
<p class="help">The damage destroyed these characters; galley does not guess them. Each is printed as a red 〓 in the PDF. Please supply them from the printed issue (e.g. in a sidecar <code>{}.meta.toml</code> or by correcting the input).</p><ul class="lost">"#,
        lost.len(),
        esc(&v.stem)
    );
    for (i, e) in lost {
        let cands = if e.candidates.is_empty() {
            "no candidate was trustworthy enough".to_string()
        } else {
            format!(
                "candidates considered: {}",
                e.candidates
                    .iter()
                    .map(|c| format!("{} ({:.1})", esc(&c.text), c.score))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let _ = write!(
            s,
            r##"<li><a href="#L{line}">input line {line}</a>: <button class="chip k-lost-character" data-e="{i}">{before} → 〓</button> <span class="muted">{cands}{note}</span></li>"##,
            line = e.line,
            before = esc(&e.before),
            note = e
                .note
                .as_deref()
                .map(|n| format!("; {}", esc(n)))
                .unwrap_or_default(),
        );
    }
    s.push_str("</ul></section>\n");
    s
}

fn lines_section(v: &ArticleView, c: &Counts) -> String {
    let audit = &v.audit;
    let mut s = String::from(
        r#"<section id="text"><h2>Input and clean text, line by line</h2>
<p class="help">Left: the input as received. Right: the text galley typeset. <s>Struck-through</s> lines were removed (the reason is shown). Coloured text marks a change: click it for the details.</p>
<div class="legend">"#,
    );
    for (kind, n) in &c.by_kind {
        let _ = write!(
            s,
            r#"<label class="lg k-{kind}"><input type="checkbox" checked data-kind="{kind}"> {} <b data-count="kind:{kind}">{n}</b></label>"#,
            esc(kind_label(kind))
        );
    }
    let blanks = audit
        .lines
        .iter()
        .filter(|l| l.fate == Fate::Removed && l.reason.as_deref() == Some("blank"))
        .count();
    let _ = write!(
        s,
        r#"<label class="lg"><input type="checkbox" id="show-blank"> show the {blanks} removed blank line(s)</label></div>"#
    );
    let clean: Option<Vec<&str>> = v.clean_text.as_ref().ok().map(|t| t.lines().collect());
    if let Err(why) = &v.clean_text {
        let _ = write!(
            s,
            r#"<p class="note">The clean text cannot be shown beside the input: {}.</p>"#,
            esc(why)
        );
    }
    let mut by_line: BTreeMap<usize, Vec<(usize, &Entry)>> = BTreeMap::new();
    for (i, e) in audit.entries.iter().enumerate() {
        by_line.entry(e.line).or_default().push((i, e));
    }
    s.push_str(
        r#"<table class="lines"><colgroup><col class="n"><col class="t"><col class="n"><col class="t"></colgroup>
<thead><tr><th>in</th><th>Input (raw)</th><th>out</th><th>Clean text</th></tr></thead><tbody>"#,
    );
    let used_out: std::collections::HashSet<usize> =
        audit.lines.iter().filter_map(|l| l.output_line).collect();
    let mut next_clean = 1;
    let added_rows = |s: &mut String, upto: usize, next: &mut usize| {
        if let Some(clean) = &clean {
            while *next < upto && *next <= clean.len() {
                if !used_out.contains(next) {
                    let _ = write!(
                        s,
                        r#"<tr class="fate-added"><td class="ln"></td><td class="raw"><span class="reason">added by galley</span></td><td class="ln">{n}</td><td class="clean">{}</td></tr>"#,
                        esc(clean[*next - 1]),
                        n = *next
                    );
                }
                *next += 1;
            }
        }
    };
    let none: Vec<(usize, &Entry)> = Vec::new();
    for rec in &audit.lines {
        let entries = by_line.get(&rec.line).unwrap_or(&none);
        if let Some(out) = rec.output_line {
            added_rows(&mut s, out, &mut next_clean);
            next_clean = next_clean.max(out + 1);
        }
        match rec.fate {
            Fate::Removed => {
                let reason = rec.reason.as_deref().unwrap_or("removed");
                let _ = write!(
                    s,
                    r#"<tr class="fate-removed{blank}" id="L{n}" data-reason="{r}"><td class="ln">{n}</td><td class="raw"><s>{text}</s> <span class="reason" title="removed: {r}">✕ {label}</span></td><td class="ln"></td><td class="clean"></td></tr>"#,
                    blank = if reason == "blank" { " blank" } else { "" },
                    n = rec.line,
                    r = esc(reason),
                    text = esc(&rec.text),
                    label = esc(&reason_label(reason)),
                );
            }
            Fate::Kept | Fate::Changed => {
                let raw_spans = place(&rec.text, entries, RAW_GROUPS, &|e| e.before.clone());
                let clean_line = rec
                    .output_line
                    .and_then(|o| clean.as_ref().and_then(|c| c.get(o.wrapping_sub(1))))
                    .copied();
                let map = script_map(entries);
                let clean_spans = clean_line
                    .map(|cl| {
                        place(cl, entries, CLEAN_GROUPS, &|e| {
                            if e.kind == Kind::Garble {
                                e.after
                                    .chars()
                                    .map(|c| *map.get(&c).unwrap_or(&c))
                                    .collect()
                            } else {
                                e.after.clone()
                            }
                        })
                    })
                    .unwrap_or_default();
                let shown: std::collections::HashSet<usize> = raw_spans
                    .iter()
                    .chain(&clean_spans)
                    .map(|p| p.entry)
                    .collect();
                let chips: String = entries
                    .iter()
                    .filter(|(i, _)| !shown.contains(i))
                    .map(|(i, e)| {
                        let kind = kind_name(e.kind);
                        format!(
                            r#"<button class="chip k-{kind}" data-e="{i}" title="{}">{}</button>"#,
                            esc(&format!("{} → {}", shown_s(&e.before), shown_s(&e.after))),
                            esc(kind_label(&kind))
                        )
                    })
                    .collect();
                let _ = write!(
                    s,
                    r#"<tr class="fate-{fate}" id="L{n}"><td class="ln">{n}</td><td class="raw">{raw}</td><td class="ln">{out}</td><td class="clean">{clean}{chips}</td></tr>"#,
                    fate = if rec.fate == Fate::Kept {
                        "kept"
                    } else {
                        "changed"
                    },
                    n = rec.line,
                    raw = render_marked(&rec.text, &raw_spans, &audit.entries, false),
                    out = rec.output_line.map(|o| o.to_string()).unwrap_or_default(),
                    clean = clean_line
                        .map(|cl| render_marked(cl, &clean_spans, &audit.entries, true))
                        .unwrap_or_default(),
                    chips = if chips.is_empty() {
                        String::new()
                    } else {
                        format!(r#"<div class="chips">{chips}</div>"#)
                    },
                );
            }
        }
    }
    added_rows(&mut s, usize::MAX, &mut next_clean);
    s.push_str("</tbody></table>");
    // Entries on lines the audit has no record of (should not happen; never hide a change).
    let orphans: Vec<(usize, &Entry)> = audit
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !audit.lines.iter().any(|l| l.line == e.line))
        .collect();
    if !orphans.is_empty() {
        s.push_str(r#"<h3>Other changes</h3><div class="chips">"#);
        for (i, e) in orphans {
            let kind = kind_name(e.kind);
            let _ = write!(
                s,
                r#"<button class="chip k-{kind}" data-e="{i}">{} (line {})</button>"#,
                esc(kind_label(&kind)),
                e.line
            );
        }
        s.push_str("</div>");
    }
    s.push_str("</section>\n");
    s
}

fn shown_s(s: &str) -> String {
    shown(s)
}

fn preview(v: &ArticleView) -> String {
    match &v.preview_png {
        Some(png) => format!(
            r#"<figure class="preview"><a href="{}" title="Open the PDF"><img alt="First page of the PDF" src="data:image/png;base64,{}"></a><figcaption>First page of the PDF (click to open it)</figcaption></figure>"#,
            href(&format!("{}.pdf", v.stem)),
            base64(png)
        ),
        None => format!(
            r#"<figure class="preview none"><figcaption>{}</figcaption></figure>"#,
            esc(v.preview_note.as_deref().unwrap_or("no preview"))
        ),
    }
}

/// Why an article needs attention, in a few words.
fn why(r: &Counts) -> String {
    let mut parts = Vec::new();
    if r.jats_valid == Some(false) {
        parts.push("JATS invalid".to_string());
    }
    if r.lost_characters > 0 {
        parts.push(format!("{} lost character(s)", r.lost_characters));
    }
    if r.warnings > 0 {
        parts.push(format!("{} warning(s)", r.warnings));
    }
    parts.join(" · ")
}

/// The index of an issue or batch: one row per article, in the order given (see
/// [`super::sort_for_attention`]), and the articles whose page failed.
pub fn index_page(title: &str, rows: &[Counts], failed: &[(String, String)]) -> String {
    let attention = rows.iter().filter(|r| r.needs_attention()).count();
    let total = |f: fn(&Counts) -> usize| rows.iter().map(f).sum::<usize>();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {t}</title>
<style>{CSS}</style></head>
<body class="index">
<header class="top"><h1>{t}</h1>
<p class="sub"><b data-count="articles">{n}</b> article(s); <b data-count="attention">{attention}</b> need attention (listed first). Click an article to review what galley changed.</p></header>
<section class="summary"><div class="cards">
<div class="card"><b data-count="repairs">{rep}</b><span>changes made</span></div>
<div class="card"><b data-count="removed_lines">{rem}</b><span>input lines removed</span></div>
<div class="card {lc}"><b data-count="lost_characters">{lost}</b><span>lost characters</span></div>
<div class="card {wc}"><b data-count="warnings">{warn}</b><span>warnings</span></div>
<div class="card {jc}"><b data-count="jats_invalid">{inv}</b><span>invalid JATS files</span></div>
</div></section>
<main><table class="index"><thead><tr><th>Status</th><th>Article</th><th>Pages</th><th>Changes</th><th>Removed lines</th><th>Lost characters</th><th>Warnings</th><th>JATS</th><th>Files</th></tr></thead><tbody>
"#,
        t = esc(title),
        n = rows.len(),
        rep = total(|r| r.repairs),
        rem = total(|r| r.removed_lines),
        lost = total(|r| r.lost_characters),
        warn = total(|r| r.warnings),
        inv = rows.iter().filter(|r| r.jats_valid == Some(false)).count(),
        lc = if total(|r| r.lost_characters) > 0 {
            "bad"
        } else {
            ""
        },
        wc = if total(|r| r.warnings) > 0 {
            "warn"
        } else {
            ""
        },
        jc = if rows.iter().any(|r| r.jats_valid == Some(false)) {
            "bad"
        } else {
            "good"
        },
    );
    for r in rows {
        let pages = match (r.fpage, r.lpage) {
            (Some(f), Some(l)) => format!("{f}–{l}"),
            (Some(f), None) => f.to_string(),
            _ => String::new(),
        };
        let num = |n: usize, cls: &str| {
            if n > 0 {
                format!(r#" class="{cls}""#)
            } else {
                String::new()
            }
        };
        let _ = writeln!(
            s,
            r#"<tr class="{row}" data-stem="{stem}"><td class="status">{status}</td><td class="article"><a class="open" href="{page}">{title}</a><div class="stem">{stem}</div></td><td>{pages}</td><td data-col="repairs">{rep}</td><td data-col="removed_lines">{rem}</td><td data-col="lost_characters"{lc}>{lost}</td><td data-col="warnings"{wc}>{warn}</td><td data-col="jats_valid" class="{jc}">{jats}</td><td class="files"><a href="{pdf}">PDF</a> <a href="{xml}">JATS</a></td></tr>"#,
            row = if r.needs_attention() { "attn" } else { "ok" },
            status = if r.needs_attention() {
                format!(r#"⚠ check<div class="why">{}</div>"#, esc(&why(r)))
            } else {
                "✓ ok".to_string()
            },
            stem = esc(&r.stem),
            page = href(&format!("{}.review.html", r.stem)),
            title = esc(r.title.as_deref().unwrap_or(&r.stem)),
            rep = r.repairs,
            rem = r.removed_lines,
            lost = r.lost_characters,
            lc = num(r.lost_characters, "bad"),
            warn = r.warnings,
            wc = num(r.warnings, "warn"),
            jc = match r.jats_valid {
                Some(true) => "good",
                Some(false) => "bad",
                None => "warn",
            },
            jats = jats_text(r.jats_valid),
            pdf = href(&format!("{}.pdf", r.stem)),
            xml = href(&format!("{}.xml", r.stem)),
        );
    }
    s.push_str("</tbody></table>");
    if !failed.is_empty() {
        s.push_str(r#"<h2>Articles without a review page</h2><ul class="warnings">"#);
        for (stem, why) in failed {
            let _ = write!(s, "<li><b>{}</b>: {}</li>", esc(stem), esc(why));
        }
        s.push_str("</ul>");
    }
    let _ = writeln!(
        s,
        r#"</main><script type="application/json" id="counts">{}</script></body></html>"#,
        script_json(&rows)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn escaping_and_hrefs() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(href("a b~2.review.html"), "a%20b~2.review.html");
        assert!(script_json(&"</script>").contains("\\u003c/script>"));
    }
}
