//! JATS → model, so an archive can re-typeset an article from its JATS alone.
//!
//! The XML is first read into a small element tree (articles are small), refusing entity
//! declarations and unknown entities as it goes; the tree is then mapped onto the model by the
//! conventions in the module docs. Text of elements that hold text is kept verbatim; whitespace
//! between structural elements is indentation and ignored.

use quick_xml::errors::Error as XmlError;
use quick_xml::escape::{EscapeError, resolve_predefined_entity};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::{GBT7714_PREFIX, JatsError, MAX_DEPTH, RUN_IN, is_xml_char, lang};
use crate::model::{Affiliation, Article, Author, Reference, Section, Warning};

/// An element of the tree, with the byte offset of its start tag for error messages.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    kids: Vec<Node>,
    pos: usize,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(xml: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(xml.len());
    while !xml.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &xml[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, column)
}

fn syntax(xml: &str, offset: usize, message: impl Into<String>) -> JatsError {
    let (line, column) = line_col(xml, offset);
    JatsError::Syntax {
        line,
        column,
        message: message.into(),
    }
}

fn unknown_entity(xml: &str, offset: usize, name: &str) -> JatsError {
    let (line, column) = line_col(xml, offset);
    JatsError::UnknownEntity {
        name: name.to_string(),
        line,
        column,
    }
}

/// Refuses a DOCTYPE whose internal subset declares any entity (general or parameter).
fn check_doctype(xml: &str, start: usize, end: usize) -> Result<(), JatsError> {
    // Widen to character boundaries rather than skip the check on odd offsets.
    let mut start = start.min(xml.len());
    while !xml.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.clamp(start, xml.len());
    while !xml.is_char_boundary(end) {
        end += 1;
    }
    let text = &xml[start..end];
    if let Some(i) = text.find("<!ENTITY") {
        let rest = text[i + "<!ENTITY".len()..].trim_start();
        let rest = rest.strip_prefix('%').map_or(rest, str::trim_start);
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '>'))
            .collect();
        let (line, column) = line_col(xml, start + i);
        return Err(JatsError::EntityDeclaration { name, line, column });
    }
    Ok(())
}

/// The prolog of a document about to be handed to xmllint, which (unlike galley's reader)
/// loads external entities and external DTD subsets: refuses entity declarations and any
/// external DTD but the JATS Journal Publishing 1.3 one (which the offline catalog resolves
/// to the vendored copy), so validation reads no other file.
pub(super) fn check_prolog(xml: &str) -> Result<(), JatsError> {
    let mut r = Reader::from_str(xml);
    loop {
        let before = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match r.read_event() {
            Ok(Event::DocType(_)) => {
                let after = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
                check_doctype(xml, before, after)?;
                let text = &xml[before.min(xml.len())..after.min(xml.len())];
                let external = text.contains("SYSTEM") || text.contains("PUBLIC");
                if external && !text.contains(super::PUBLIC_ID) {
                    let (line, column) = line_col(xml, before);
                    return Err(JatsError::NotJats {
                        line,
                        column,
                        message: "the DOCTYPE names an external DTD other than JATS Journal Publishing 1.3; galley validates only against its vendored DTD and reads no other file".into(),
                    });
                }
            }
            // The prolog ends at the root element; errors are xmllint's to report.
            Ok(Event::Start(_) | Event::Empty(_) | Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn check_chars(xml: &str, offset: usize, raw: &str) -> Result<(), JatsError> {
    match raw.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        Some((i, c)) => Err(syntax(
            xml,
            offset + i,
            format!("character U+{:04X} is not allowed in XML 1.0", c as u32),
        )),
        None => Ok(()),
    }
}

fn push_text(el: &mut El, text: &str) {
    if let Some(Node::Text(t)) = el.kids.last_mut() {
        t.push_str(text);
    } else if !text.is_empty() {
        el.kids.push(Node::Text(text.to_string()));
    }
}

/// Reads the XML into an element tree without expanding any entity beyond XML's five.
fn parse(xml: &str) -> Result<El, JatsError> {
    let mut r = Reader::from_str(xml);
    r.config_mut().expand_empty_elements = true;
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    loop {
        let before = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = usize::try_from(r.error_position()).unwrap_or(before);
                return Err(match e {
                    XmlError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                        unknown_entity(xml, at, &name)
                    }
                    e => syntax(xml, at, e.to_string()),
                });
            }
        };
        let after = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match ev {
            Event::DocType(_) => check_doctype(xml, before, after)?,
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    let (line, column) = line_col(xml, before);
                    return Err(JatsError::TooDeep {
                        line,
                        column,
                        limit: MAX_DEPTH,
                    });
                }
                if root.is_some() {
                    return Err(syntax(xml, before, "content after the root element"));
                }
                let mut el = El {
                    name: e.name().as_ref().to_string(),
                    pos: before,
                    ..El::default()
                };
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| syntax(xml, before, e.to_string()))?;
                    check_chars(xml, before, &attr.value)?;
                    let value =
                        attr.normalized_value(XmlVersion::Implicit1_0)
                            .map_err(|e| match e {
                                XmlError::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                                    unknown_entity(xml, before, &name)
                                }
                                e => syntax(xml, before, e.to_string()),
                            })?;
                    if !value.chars().all(is_xml_char) {
                        return Err(syntax(
                            xml,
                            before,
                            "attribute refers to a character not allowed in XML 1.0",
                        ));
                    }
                    el.attrs
                        .push((attr.key.as_ref().to_string(), value.into_owned()));
                }
                stack.push(el);
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(syntax(xml, before, "end tag without start tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.kids.push(Node::El(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                check_chars(xml, before, &t)?;
                match stack.last_mut() {
                    Some(el) => push_text(el, &t.xml10_content()),
                    None if t.trim().is_empty() => {}
                    None => return Err(syntax(xml, before, "text outside the root element")),
                }
            }
            Event::CData(t) => {
                check_chars(xml, before, &t)?;
                if let Some(el) = stack.last_mut() {
                    push_text(el, &t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                let text = if g.is_char_ref() {
                    match g.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => c.to_string(),
                        _ => {
                            return Err(syntax(
                                xml,
                                before,
                                format!("invalid character reference `&{};`", &*g),
                            ));
                        }
                    }
                } else {
                    match resolve_predefined_entity(&g) {
                        Some(s) => s.to_string(),
                        None => return Err(unknown_entity(xml, before, &g)),
                    }
                };
                if let Some(el) = stack.last_mut() {
                    push_text(el, &text);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::Empty(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(syntax(
            xml,
            open.pos,
            format!("<{}> is never closed", open.name),
        ));
    }
    root.ok_or_else(|| syntax(xml, xml.len(), "no root element"))
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> {
        self.elements().filter(move |e| e.name == name)
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// All text below the element, inline markup flattened (`named-content` lost-character
    /// wrappers included), skipping the named child elements.
    fn text_without(&self, skip: &[&str]) -> String {
        let mut out = String::new();
        self.collect_text(skip, &mut out);
        out
    }

    fn collect_text(&self, skip: &[&str], out: &mut String) {
        for k in &self.kids {
            match k {
                Node::Text(t) => out.push_str(t),
                Node::El(e) if skip.contains(&e.name.as_str()) => {}
                Node::El(e) => e.collect_text(&[], out),
            }
        }
    }

    fn text(&self) -> String {
        self.text_without(&[])
    }

    /// Text of a child, `None` when missing or empty (empty means absent, as in the writer).
    fn child_text(&self, name: &str) -> Option<String> {
        self.child(name).map(El::text).filter(|t| !t.is_empty())
    }
}

/// Maps the tree onto the model, collecting warnings for values it cannot parse.
struct Ctx<'x> {
    xml: &'x str,
    warnings: Vec<Warning>,
}

impl Ctx<'_> {
    fn number<T: std::str::FromStr>(&mut self, el: &El, field: &str) -> Option<T> {
        let text = el.text();
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        match t.parse() {
            Ok(v) => Some(v),
            Err(_) => {
                // `Warning::line` counts clean-text lines, so the JATS line goes in the message.
                let (line, column) = line_col(self.xml, el.pos);
                self.warnings.push(Warning {
                    kind: "jats-unparsed".into(),
                    message: format!(
                        "JATS line {line}, column {column}: <{}> `{t}` is not a number; left out",
                        el.name
                    ),
                    field: Some(field.into()),
                    line: None,
                });
                None
            }
        }
    }
}

pub(super) fn read(xml: &str) -> Result<Article, JatsError> {
    let xml = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
    let root = parse(xml)?;
    if root.name != "article" {
        let (line, column) = line_col(xml, root.pos);
        return Err(JatsError::NotJats {
            line,
            column,
            message: format!("root element is <{}>, expected <article>", root.name),
        });
    }
    let mut cx = Ctx {
        xml,
        warnings: Vec::new(),
    };
    let mut a = Article {
        lang: root.attr("xml:lang").unwrap_or_default().to_string(),
        article_type: root
            .attr("article-type")
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        ..Article::default()
    };
    if let Some(front) = root.child("front") {
        if let Some(jm) = front.child("journal-meta") {
            journal_meta(&mut a, jm);
        }
        if let Some(am) = front.child("article-meta") {
            article_meta(&mut a, am, &mut cx);
        }
    }
    if let Some(body) = root.child("body") {
        a.sections = sections(body);
    }
    if let Some(back) = root.child("back") {
        read_back(&mut a, back, &mut cx);
    }
    a.article_number_parsed = a
        .article_number
        .as_deref()
        .and_then(super::parse_article_number);
    a.warnings = cx.warnings;
    Ok(a)
}

fn journal_meta(a: &mut Article, jm: &El) {
    for id in jm.all("journal-id") {
        let text = Some(id.text()).filter(|t| !t.is_empty());
        match id.attr("journal-id-type") {
            Some("publisher-id") if a.journal_id.is_none() => a.journal_id = text,
            Some("cn") if a.cn.is_none() => a.cn = text,
            _ => {}
        }
    }
    if let Some(g) = jm.child("journal-title-group") {
        a.journal_title = g.child_text("journal-title");
        a.journal_title_en = g
            .all("trans-title-group")
            .find(|t| t.attr("xml:lang").is_some_and(|l| lang::same(l, "en")))
            .and_then(|t| t.child_text("trans-title"));
    }
    for issn in jm.all("issn") {
        let text = Some(issn.text()).filter(|t| !t.is_empty());
        let online = issn.attr("publication-format") == Some("electronic")
            || issn.attr("pub-type") == Some("epub");
        if online {
            a.eissn = a.eissn.take().or(text);
        } else {
            a.issn = a.issn.take().or(text);
        }
    }
    a.publisher = jm
        .child("publisher")
        .and_then(|p| p.child_text("publisher-name"));
}

/// Chinese names are `surname + given`; western ones `given surname`.
fn name_text(n: &El) -> String {
    if n.name != "name" {
        return n.text();
    }
    let sur = n.child("surname").map(El::text).unwrap_or_default();
    let given = n.child("given-names").map(El::text).unwrap_or_default();
    match n.attr("name-style") {
        // Chinese names run together; romanised eastern names keep the space (`XIONG Yuqing`).
        Some("eastern") if sur.chars().chain(given.chars()).any(lang::is_han) => {
            format!("{sur}{given}")
        }
        Some("eastern") if !sur.is_empty() && !given.is_empty() => format!("{sur} {given}"),
        Some("eastern") => format!("{sur}{given}"),
        _ if sur.is_empty() => given,
        _ if given.is_empty() => sur,
        _ => format!("{given} {sur}"),
    }
}

fn is_name(e: &El) -> bool {
    matches!(e.name.as_str(), "name" | "string-name")
}

fn contrib(c: &El, shared: Option<&str>) -> Author {
    let mut au = Author::default();
    if let Some(alt) = c.child("name-alternatives") {
        let mut names = alt.elements().filter(|e| is_name(e));
        au.name = names.next().map(name_text).unwrap_or_default();
        au.name_en = names.next().map(name_text).filter(|t| !t.is_empty());
    } else if let Some(n) = c.elements().find(|e| is_name(e)) {
        au.name = name_text(n);
    }
    au.corresponding = c.attr("corresp") == Some("yes");
    for x in c.all("xref").filter(|x| x.attr("ref-type") == Some("aff")) {
        for rid in x.attr("rid").unwrap_or_default().split_whitespace() {
            if Some(rid) != shared {
                au.affiliations.push(rid.to_string());
            }
        }
    }
    au.email = c.child_text("email");
    au
}

fn affiliation(f: &El) -> (Option<String>, String) {
    let label = f.child_text("label");
    (label, f.text_without(&["label"]))
}

fn date_iso(d: &El) -> Option<String> {
    if let Some(iso) = d.attr("iso-8601-date").filter(|s| !s.is_empty()) {
        return Some(iso.to_string());
    }
    let y = d.child_text("year")?;
    let mut s = y.trim().to_string();
    if let Some(m) = d.child_text("month") {
        s.push_str(&format!("-{:0>2}", m.trim()));
        if let Some(day) = d.child_text("day") {
            s.push_str(&format!("-{:0>2}", day.trim()));
        }
    }
    Some(s)
}

fn article_meta(a: &mut Article, am: &El, cx: &mut Ctx) {
    for id in am.all("article-id") {
        let text = Some(id.text()).filter(|t| !t.is_empty());
        match id.attr("pub-id-type") {
            Some("other") if a.article_number.is_none() => a.article_number = text,
            Some("doi") if a.doi.is_none() => a.doi = text,
            _ => {}
        }
    }
    if let Some(cats) = am.child("article-categories") {
        let clc = cats.all("subj-group").find(|g| {
            g.attr("subj-group-type")
                .is_some_and(|t| t.eq_ignore_ascii_case("clc"))
        });
        if let Some(g) = clc {
            let parts: Vec<String> = g.all("subject").map(El::text).collect();
            a.clc_number = Some(parts.join("；")).filter(|s| !s.is_empty());
        }
    }
    if let Some(tg) = am.child("title-group") {
        a.title = tg.child_text("article-title");
        a.trans_title = tg
            .child("trans-title-group")
            .and_then(|t| t.child_text("trans-title"));
    }

    // The affiliation shared by all authors, wherever it sits.
    let shared_aff = am
        .elements()
        .chain(am.all("contrib-group").flat_map(El::elements))
        .find(|e| e.name == "aff" && e.attr("specific-use") == Some("all-authors"));
    let shared_id = shared_aff.and_then(|f| f.attr("id"));
    a.affiliation = shared_aff
        .map(|f| affiliation(f).1)
        .filter(|t| !t.is_empty());
    for g in am.all("contrib-group") {
        for c in g.all("contrib") {
            if c.attr("contrib-type").is_none_or(|t| t == "author") {
                a.authors.push(contrib(c, shared_id));
            }
        }
    }
    for e in am.elements() {
        match e.name.as_str() {
            "aff" if e.attr("specific-use") != Some("all-authors") => {
                let (label, name) = affiliation(e);
                a.affiliations.push(Affiliation {
                    id: e.attr("id").unwrap_or_default().to_string(),
                    label,
                    name,
                    name_en: None,
                });
            }
            "aff-alternatives" => {
                let mut affs = e.all("aff");
                let (label, name) = affs.next().map(affiliation).unwrap_or_default();
                let name_en = affs.next().map(|f| affiliation(f).1);
                a.affiliations.push(Affiliation {
                    id: e.attr("id").unwrap_or_default().to_string(),
                    label,
                    name,
                    name_en,
                });
            }
            _ => {}
        }
    }
    if let Some(notes) = am.child("author-notes") {
        a.corresponding_author = notes.child_text("corresp");
        for f in notes.all("fn") {
            a.notes.push(paragraphs(f));
        }
    }
    for d in am.all("pub-date") {
        let kind = d
            .attr("date-type")
            .or(d.attr("pub-type"))
            .unwrap_or_default();
        match kind {
            "collection" | "ppub" if a.year.is_none() => {
                a.year = d.child("year").and_then(|y| cx.number(y, "year"));
            }
            "pub" | "epub" if a.dates.published.is_none() => a.dates.published = date_iso(d),
            _ => {}
        }
    }
    a.volume = am.child_text("volume");
    a.issue = am.child("issue").and_then(|e| cx.number(e, "issue"));
    a.fpage = am.child("fpage").and_then(|e| cx.number(e, "fpage"));
    a.lpage = am.child("lpage").and_then(|e| cx.number(e, "lpage"));
    if let Some(h) = am.child("history") {
        for d in h.all("date") {
            let slot = match d.attr("date-type") {
                Some("received") => &mut a.dates.received,
                Some("rev-recd" | "revised") => &mut a.dates.revised,
                Some("accepted") => &mut a.dates.accepted,
                _ => continue,
            };
            *slot = date_iso(d);
        }
    }
    a.abstract_ = am
        .child("abstract")
        .map(paragraphs)
        .filter(|t| !t.is_empty());
    a.trans_abstract = am
        .child("trans-abstract")
        .map(paragraphs)
        .filter(|t| !t.is_empty());
    // A group in another language than the article's is the translation; any other group
    // (several vocabularies, or no language given) adds to the keywords.
    let article_lang = a.lang.clone();
    for g in am.all("kwd-group") {
        let kwds = g.all("kwd").map(El::text);
        let translated = g
            .attr("xml:lang")
            .is_some_and(|l| !article_lang.is_empty() && !lang::same(l, &article_lang));
        if translated {
            a.trans_keywords.extend(kwds);
        } else {
            a.keywords.extend(kwds);
        }
    }
    if let Some(g) = am.child("custom-meta-group") {
        for m in g.all("custom-meta") {
            let name = m.child("meta-name").map(El::text).unwrap_or_default();
            let value = m.child_text("meta-value");
            match name.as_str() {
                "document-code" => a.document_code = value,
                "author-line-raw" => a.author_line_raw = value,
                "date-published" => a.dates.published = value,
                "date-received" => a.dates.received = value,
                "date-revised" => a.dates.revised = value,
                "date-accepted" => a.dates.accepted = value,
                _ => {}
            }
        }
    }
}

/// The text of an element made of paragraphs (abstract, footnote), one line per paragraph.
fn paragraphs(el: &El) -> String {
    let mut ps = Vec::new();
    collect_paragraphs(el, &mut ps);
    ps.join("\n")
}

fn collect_paragraphs(el: &El, out: &mut Vec<String>) {
    for e in el.elements() {
        match e.name.as_str() {
            "p" => out.push(e.text()),
            "label" | "title" => {}
            _ => collect_paragraphs(e, out),
        }
    }
}

fn sections(body: &El) -> Vec<Section> {
    let mut out = Vec::new();
    let lead: Vec<String> = block_paragraphs(body);
    if !lead.is_empty() {
        out.push(Section {
            level: 0,
            paragraphs: lead,
            ..Section::default()
        });
    }
    for s in body.all("sec") {
        walk_sec(s, 1, &mut out);
    }
    out
}

/// Paragraph-level content directly inside a `body` or `sec`: each `p` is a paragraph; blocks
/// made of paragraphs (lists, quotes, boxes) give their paragraphs; other blocks their text.
fn block_paragraphs(el: &El) -> Vec<String> {
    let mut out = Vec::new();
    collect_blocks(el, &mut out);
    out
}

fn collect_blocks(el: &El, out: &mut Vec<String>) {
    for e in el.elements() {
        match e.name.as_str() {
            "sec" | "title" | "label" | "sec-meta" => {}
            "p" => out.push(e.text()),
            _ if e
                .elements()
                .any(|c| matches!(c.name.as_str(), "p" | "list-item")) =>
            {
                collect_blocks(e, out)
            }
            _ => {
                let t = e.text();
                if !t.trim().is_empty() {
                    out.push(t);
                }
            }
        }
    }
}

fn walk_sec(s: &El, depth: usize, out: &mut Vec<Section>) {
    let tokens: Vec<&str> = s
        .attr("specific-use")
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let level = tokens
        .iter()
        .find_map(|t| t.strip_prefix("level-").and_then(|n| n.parse().ok()))
        .unwrap_or_else(|| u8::try_from(depth).unwrap_or(u8::MAX));
    out.push(Section {
        level,
        label: s.child_text("label"),
        title: s.child_text("title"),
        run_in: tokens.contains(&RUN_IN),
        paragraphs: block_paragraphs(s),
    });
    for child in s.all("sec") {
        walk_sec(child, depth + 1, out);
    }
}

/// GB/T 7714 code for a JATS `publication-type` from another producer.
fn gbt7714_code(ptype: &str) -> Option<String> {
    let code = match ptype {
        "book" => "M",
        "journal" => "J",
        "confproc" | "conference" | "conf-proc" => "C",
        "thesis" => "D",
        "report" => "R",
        "newspaper" => "N",
        "standard" => "S",
        "patent" => "P",
        "webpage" | "web" | "website" => "EB/OL",
        _ => return None,
    };
    Some(code.to_string())
}

fn citation_kind(c: &El) -> Option<String> {
    match c
        .attr("specific-use")
        .and_then(|s| s.strip_prefix(GBT7714_PREFIX))
    {
        Some(code) => Some(code.to_string()),
        None => c.attr("publication-type").and_then(gbt7714_code),
    }
}

fn reference(r: &El, cx: &mut Ctx) -> Reference {
    let holder = r.child("citation-alternatives").unwrap_or(r);
    let mixed = holder.child("mixed-citation");
    let element = holder.child("element-citation");
    let mut out = Reference {
        raw: mixed.or(element).map(El::text).unwrap_or_default(),
        number: r.child("label").and_then(|l| {
            l.text()
                .trim()
                .trim_matches(|c| matches!(c, '[' | ']' | '.'))
                .parse()
                .ok()
        }),
        kind: element.or(mixed).and_then(citation_kind),
        ..Reference::default()
    };
    let Some(e) = element else {
        return out;
    };
    out.authors = e
        .all("person-group")
        .filter(|g| g.attr("person-group-type").is_none_or(|t| t == "author"))
        .flat_map(|g| {
            g.elements().filter(|n| is_name(n)).map(|n| {
                if n.name == "name" && n.attr("name-style") != Some("eastern") {
                    // Reference lists print western names surname first.
                    let sur = n.child("surname").map(El::text).unwrap_or_default();
                    let given = n.child("given-names").map(El::text).unwrap_or_default();
                    [sur, given]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    name_text(n)
                }
            })
        })
        .collect();
    let titled = e
        .child_text("article-title")
        .or_else(|| e.child_text("chapter-title"));
    let source = e.child("source");
    let source_is_container = source.is_some_and(|s| s.attr("specific-use") == Some("container"));
    let source_text = e.child_text("source");
    if titled.is_some() || source_is_container {
        out.title = titled;
        out.container = source_text;
    } else {
        out.title = source_text;
    }
    out.title_note = e
        .all("comment")
        .find(|c| c.attr("content-type") == Some("title-note"))
        .map(El::text)
        .filter(|t| !t.is_empty());
    out.place = e.child_text("publisher-loc");
    out.publisher = e.child_text("publisher-name");
    out.year = e
        .child("year")
        .and_then(|y| cx.number(y, "references.year"));
    out.volume = e.child_text("volume");
    out.issue = e.child_text("issue");
    out.pages = match (
        e.child_text("page-range"),
        e.child_text("fpage"),
        e.child_text("lpage"),
    ) {
        (Some(range), _, _) => Some(range),
        (None, Some(f), Some(l)) => Some(format!("{f}-{l}")),
        (None, f, _) => f,
    };
    out.doi = e
        .all("pub-id")
        .find(|p| p.attr("pub-id-type") == Some("doi"))
        .map(El::text)
        .filter(|t| !t.is_empty());
    out.url = e
        .child("ext-link")
        .or_else(|| e.child("uri"))
        .map(|l| {
            let text = l.text();
            if text.is_empty() {
                l.attr("xlink:href").unwrap_or_default().to_string()
            } else {
                text
            }
        })
        .filter(|t| !t.is_empty());
    out
}

fn read_back(a: &mut Article, back: &El, cx: &mut Ctx) {
    for list in back.all("ref-list") {
        for r in list.all("ref") {
            a.references.push(reference(r, cx));
        }
    }
    for g in back.all("fn-group") {
        for f in g.all("fn") {
            if f.attr("fn-type") == Some("edited-by") && a.editor.is_none() {
                a.editor = Some(paragraphs(f)).filter(|t| !t.is_empty());
            } else {
                a.notes.push(paragraphs(f));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::LOST_CHARACTER;
    use super::*;

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("中\n文x", 7), (2, 2));
    }

    #[test]
    fn unwraps_lost_character() {
        let el = parse(&format!(
            "<p>a<named-content content-type=\"{LOST_CHARACTER}\">\u{FFFD}</named-content>b</p>"
        ))
        .expect("parses");
        assert_eq!(el.text(), "a\u{FFFD}b");
    }
}
