//! Model → JATS (see the mapping table in the module above).
//!
//! Structural elements are indented one per line; elements holding text are written on one
//! line with nothing added inside them, so the reader can keep their text verbatim (leading and
//! trailing spaces, newlines) and ignore the indentation between structural elements.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use super::{
    Adjustment, DOCTYPE, GBT7714_PREFIX, JatsError, LOST_CHARACTER, RUN_IN, Stripped, Written,
    is_xml_char, lang,
};
use crate::model::{Affiliation, Article, Author, LOST_CHAR, Reference, Section};

const XLINK: &str = "http://www.w3.org/1999/xlink";

type Attrs<'a> = [(&'a str, &'a str)];

/// Empty optional strings count as absent (see the module docs).
fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// The XML writer plus what it stripped and changed on the way.
struct Out {
    w: Writer<Vec<u8>>,
    depth: usize,
    stripped: Vec<Stripped>,
    adjustments: Vec<Adjustment>,
}

impl Out {
    /// Last line of defence: drops what XML 1.0 cannot carry and records it.
    fn clean<'s>(&mut self, s: &'s str, field: &str) -> Cow<'s, str> {
        if s.chars().all(is_xml_char) {
            return Cow::Borrowed(s);
        }
        let (kept, dropped): (String, Vec<char>) = (
            s.chars().filter(|&c| is_xml_char(c)).collect(),
            s.chars().filter(|&c| !is_xml_char(c)).collect(),
        );
        self.stripped.push(Stripped {
            field: field.to_string(),
            chars: dropped,
        });
        Cow::Owned(kept)
    }

    fn newline(&mut self) -> Result<(), JatsError> {
        let pad = format!("\n{}", "  ".repeat(self.depth));
        self.w
            .write_event(Event::Text(BytesText::from_escaped(pad)))?;
        Ok(())
    }

    fn tag<'n>(&mut self, name: &'n str, attrs: &Attrs, field: &str) -> BytesStart<'n> {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            let v = self.clean(v, &format!("{field}/@{k}"));
            start.push_attribute((*k, v.as_ref()));
        }
        start
    }

    fn start_inline(&mut self, name: &str, attrs: &Attrs, field: &str) -> Result<(), JatsError> {
        let t = self.tag(name, attrs, field);
        self.w.write_event(Event::Start(t))?;
        Ok(())
    }

    fn end_inline(&mut self, name: &str) -> Result<(), JatsError> {
        self.w.write_event(Event::End(BytesEnd::new(name)))?;
        Ok(())
    }

    /// Opens a structural element on its own line.
    fn open(&mut self, name: &str, attrs: &Attrs) -> Result<(), JatsError> {
        self.newline()?;
        self.start_inline(name, attrs, name)?;
        self.depth += 1;
        Ok(())
    }

    fn close(&mut self, name: &str) -> Result<(), JatsError> {
        self.depth = self.depth.saturating_sub(1);
        self.newline()?;
        self.end_inline(name)
    }

    /// An element holding only text, on one line.
    fn leaf(
        &mut self,
        name: &str,
        attrs: &Attrs,
        text: &str,
        field: &str,
    ) -> Result<(), JatsError> {
        self.newline()?;
        if text.is_empty() {
            let t = self.tag(name, attrs, field);
            self.w.write_event(Event::Empty(t))?;
            return Ok(());
        }
        self.start_inline(name, attrs, field)?;
        self.text(text, field)?;
        self.end_inline(name)
    }

    /// Like [`Out::leaf`], with lost-character marks wrapped in `named-content`.
    fn rich(
        &mut self,
        name: &str,
        attrs: &Attrs,
        text: &str,
        field: &str,
    ) -> Result<(), JatsError> {
        self.newline()?;
        self.start_inline(name, attrs, field)?;
        self.rich_text(text, field)?;
        self.end_inline(name)
    }

    fn text(&mut self, text: &str, field: &str) -> Result<(), JatsError> {
        let t = self.clean(text, field);
        if !t.is_empty() {
            let escaped = partial_escape(t.as_ref()).into_owned();
            self.w
                .write_event(Event::Text(BytesText::from_escaped(escaped)))?;
        }
        Ok(())
    }

    fn rich_text(&mut self, text: &str, field: &str) -> Result<(), JatsError> {
        let t = self.clean(text, field).into_owned();
        let mut parts = t.split(LOST_CHAR);
        if let Some(first) = parts.next() {
            self.text(first, field)?;
        }
        for part in parts {
            self.start_inline("named-content", &[("content-type", LOST_CHARACTER)], field)?;
            self.text(&LOST_CHAR.to_string(), field)?;
            self.end_inline("named-content")?;
            self.text(part, field)?;
        }
        Ok(())
    }
}

/// Hands out document-unique ids.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// Conservative XML `Name` check (ASCII only) for ids taken from the model.
fn is_xml_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `xml:lang` for a text, only where its language differs from the article's.
fn lang_attr(article: &str, text: &str) -> Option<&'static str> {
    lang::detect(text).filter(|l| !lang::same(l, article))
}

fn with_lang<'a>(
    mut attrs: Vec<(&'a str, &'a str)>,
    l: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    if let Some(l) = l {
        attrs.push(("xml:lang", l));
    }
    attrs
}

pub(super) fn write(a: &Article) -> Result<Written, JatsError> {
    let mut buf = Vec::new();
    buf.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    buf.extend_from_slice(DOCTYPE.as_bytes());
    buf.push(b'\n');
    let mut o = Out {
        w: Writer::new(buf),
        depth: 0,
        stripped: Vec::new(),
        adjustments: Vec::new(),
    };
    let lang = article_lang(a, &mut o);
    let article_type = opt(&a.article_type).unwrap_or("research-article");
    let root = o.tag(
        "article",
        &[
            ("xmlns:xlink", XLINK),
            ("article-type", article_type),
            ("dtd-version", "1.3"),
            ("xml:lang", &lang),
        ],
        "article",
    );
    o.w.write_event(Event::Start(root))?;
    o.depth = 1;

    let mut ids = Ids::default();
    let affs = affiliation_ids(a, &mut ids, &mut o);
    front(&mut o, a, &lang, &affs)?;
    body(&mut o, a, &lang)?;
    back(&mut o, a, &lang, &mut ids)?;
    o.close("article")?;

    let mut bytes = o.w.into_inner();
    bytes.push(b'\n');
    let xml = String::from_utf8(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(Written {
        xml,
        stripped: o.stripped,
        adjustments: o.adjustments,
    })
}

/// The article's `xml:lang`: the model's when usable, else a guess from its text.
fn article_lang(a: &Article, o: &mut Out) -> String {
    if lang::is_nmtoken(&a.lang) {
        return a.lang.clone();
    }
    let sample = [opt(&a.title), opt(&a.abstract_)]
        .into_iter()
        .flatten()
        .chain(
            a.sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().map(String::as_str)),
        )
        .find_map(lang::detect)
        .unwrap_or("zh")
        .to_string();
    o.adjustments.push(Adjustment::Language {
        from: a.lang.clone(),
        to: sample.clone(),
    });
    sample
}

/// Written ids of the affiliations, keyed by model id, plus the id of the shared affiliation.
struct AffIds {
    written: Vec<String>,
    by_model: HashMap<String, String>,
    shared: Option<String>,
}

fn affiliation_ids(a: &Article, ids: &mut Ids, o: &mut Out) -> AffIds {
    let mut written = Vec::new();
    let mut by_model = HashMap::new();
    for (i, aff) in a.affiliations.iter().enumerate() {
        let id = if is_xml_id(&aff.id) && !ids.0.contains(&aff.id) {
            ids.fresh(&aff.id)
        } else {
            let to = ids.fresh(&format!("aff{}", i + 1));
            o.adjustments.push(Adjustment::AffiliationId {
                from: aff.id.clone(),
                to: to.clone(),
            });
            to
        };
        by_model.entry(aff.id.clone()).or_insert_with(|| id.clone());
        written.push(id);
    }
    let shared = opt(&a.affiliation).map(|_| ids.fresh("aff-all"));
    AffIds {
        written,
        by_model,
        shared,
    }
}

fn front(o: &mut Out, a: &Article, lang: &str, affs: &AffIds) -> Result<(), JatsError> {
    o.open("front", &[])?;
    journal_meta(o, a)?;
    article_meta(o, a, lang, affs)?;
    o.close("front")
}

fn journal_meta(o: &mut Out, a: &Article) -> Result<(), JatsError> {
    o.open("journal-meta", &[])?;
    // journal-id+ is required: fall back to the ISSN, or an empty publisher id.
    let mut any_id = false;
    if let Some(id) = opt(&a.journal_id) {
        o.leaf(
            "journal-id",
            &[("journal-id-type", "publisher-id")],
            id,
            "journal_id",
        )?;
        any_id = true;
    }
    if let Some(cn) = opt(&a.cn) {
        o.leaf("journal-id", &[("journal-id-type", "cn")], cn, "CN")?;
        any_id = true;
    }
    if !any_id {
        match opt(&a.issn).or(opt(&a.eissn)) {
            Some(issn) => o.leaf("journal-id", &[("journal-id-type", "issn")], issn, "ISSN")?,
            None => o.leaf(
                "journal-id",
                &[("journal-id-type", "publisher-id")],
                "",
                "journal_id",
            )?,
        }
    }
    if opt(&a.journal_title).is_some() || opt(&a.journal_title_en).is_some() {
        o.open("journal-title-group", &[])?;
        if let Some(t) = opt(&a.journal_title) {
            o.leaf("journal-title", &[], t, "journal_title")?;
        }
        if let Some(t) = opt(&a.journal_title_en) {
            o.open("trans-title-group", &[("xml:lang", "en")])?;
            o.leaf("trans-title", &[], t, "journal_title_en")?;
            o.close("trans-title-group")?;
        }
        o.close("journal-title-group")?;
    }
    // issn+ is required too: an empty print ISSN reads back as absent.
    let print = [("pub-type", "ppub"), ("publication-format", "print")];
    match (opt(&a.issn), opt(&a.eissn)) {
        (None, None) => o.leaf("issn", &print, "", "ISSN")?,
        (p, e) => {
            if let Some(p) = p {
                o.leaf("issn", &print, p, "ISSN")?;
            }
            if let Some(e) = e {
                let online = [("pub-type", "epub"), ("publication-format", "electronic")];
                o.leaf("issn", &online, e, "eISSN")?;
            }
        }
    }
    if let Some(p) = opt(&a.publisher) {
        o.open("publisher", &[])?;
        o.leaf("publisher-name", &[], p, "publisher")?;
        o.close("publisher")?;
    }
    o.close("journal-meta")
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` → (year, month, day); anything else goes to custom-meta.
fn iso_date(s: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = s.split('-');
    let y = parts.next().filter(|p| digits(p, 4))?;
    let m = match parts.next() {
        Some(m) if digits(m, 2) => Some(m),
        Some(_) => return None,
        None => None,
    };
    let d = match parts.next() {
        Some(d) if digits(d, 2) => Some(d),
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((y, m, d))
}

fn date(o: &mut Out, name: &str, attrs: &Attrs, iso: &str, field: &str) -> Result<(), JatsError> {
    let Some((y, m, d)) = iso_date(iso) else {
        return Ok(());
    };
    let mut attrs = attrs.to_vec();
    attrs.push(("iso-8601-date", iso));
    o.open(name, &attrs)?;
    if let Some(d) = d {
        o.leaf("day", &[], d, field)?;
    }
    if let Some(m) = m {
        o.leaf("month", &[], m, field)?;
    }
    o.leaf("year", &[], y, field)?;
    o.close(name)
}

fn article_meta(o: &mut Out, a: &Article, lang: &str, affs: &AffIds) -> Result<(), JatsError> {
    o.open("article-meta", &[])?;
    if let Some(n) = opt(&a.article_number) {
        o.leaf(
            "article-id",
            &[("pub-id-type", "other")],
            n,
            "article_number",
        )?;
    }
    if let Some(doi) = opt(&a.doi) {
        o.leaf("article-id", &[("pub-id-type", "doi")], doi, "doi")?;
    }
    if let Some(clc) = opt(&a.clc_number) {
        o.open("article-categories", &[])?;
        o.open(
            "subj-group",
            &[
                ("subj-group-type", "clc"),
                ("vocab", "Chinese Library Classification"),
            ],
        )?;
        for part in clc.split('；') {
            o.leaf("subject", &[], part, "CLC_number")?;
        }
        o.close("subj-group")?;
        o.close("article-categories")?;
    }

    o.open("title-group", &[])?;
    let title = opt(&a.title).unwrap_or("");
    o.rich(
        "article-title",
        &with_lang(vec![], lang_attr(lang, title)),
        title,
        "title",
    )?;
    if let Some(t) = opt(&a.trans_title) {
        let tl = lang::translation(lang, t);
        o.open("trans-title-group", &[("xml:lang", &tl)])?;
        o.rich("trans-title", &[], t, "trans_title")?;
        o.close("trans-title-group")?;
    }
    o.close("title-group")?;

    contributors(o, a, lang, affs)?;

    if opt(&a.corresponding_author).is_some() || !a.notes.is_empty() {
        o.open("author-notes", &[])?;
        if let Some(c) = opt(&a.corresponding_author) {
            o.leaf("corresp", &[], c, "corresponding_author")?;
        }
        for (i, note) in a.notes.iter().enumerate() {
            o.open("fn", &[("fn-type", note_type(note))])?;
            o.rich(
                "p",
                &with_lang(vec![], lang_attr(lang, note)),
                note,
                &format!("notes[{i}]"),
            )?;
            o.close("fn")?;
        }
        o.close("author-notes")?;
    }

    let mut custom: Vec<(&str, &str)> = Vec::new();
    if let Some(y) = a.year {
        o.open(
            "pub-date",
            &[("publication-format", "print"), ("date-type", "collection")],
        )?;
        o.leaf("year", &[], &y.to_string(), "year")?;
        o.close("pub-date")?;
    }
    if let Some(p) = opt(&a.dates.published) {
        let attrs = [("publication-format", "electronic"), ("date-type", "pub")];
        date(o, "pub-date", &attrs, p, "dates.published")?;
        if iso_date(p).is_none() {
            custom.push(("date-published", p));
        }
    }
    if let Some(v) = opt(&a.volume) {
        o.leaf("volume", &[], v, "volume")?;
    }
    if let Some(i) = a.issue {
        o.leaf("issue", &[], &i.to_string(), "issue")?;
    }
    match (a.fpage, a.lpage) {
        (Some(f), l) => {
            o.leaf("fpage", &[], &f.to_string(), "fpage")?;
            if let Some(l) = l {
                o.leaf("lpage", &[], &l.to_string(), "lpage")?;
            }
        }
        (None, Some(l)) => o.adjustments.push(Adjustment::LastPageWithoutFirst(l)),
        (None, None) => {}
    }
    let history = [
        ("received", "received", &a.dates.received),
        ("rev-recd", "revised", &a.dates.revised),
        ("accepted", "accepted", &a.dates.accepted),
    ];
    let mut dates = Vec::new();
    for (jats, model, value) in history {
        if let Some(v) = opt(value) {
            if iso_date(v).is_some() {
                dates.push((jats, model, v));
            } else {
                custom.push((
                    match model {
                        "received" => "date-received",
                        "revised" => "date-revised",
                        _ => "date-accepted",
                    },
                    v,
                ));
            }
        }
    }
    if !dates.is_empty() {
        o.open("history", &[])?;
        for (jats, model, v) in dates {
            date(
                o,
                "date",
                &[("date-type", jats)],
                v,
                &format!("dates.{model}"),
            )?;
        }
        o.close("history")?;
    }

    if let Some(ab) = opt(&a.abstract_) {
        o.open("abstract", &with_lang(vec![], lang_attr(lang, ab)))?;
        o.rich("p", &[], ab, "abstract")?;
        o.close("abstract")?;
    }
    if let Some(ab) = opt(&a.trans_abstract) {
        let tl = lang::translation(lang, ab);
        o.open("trans-abstract", &[("xml:lang", &tl)])?;
        o.rich("p", &[], ab, "trans_abstract")?;
        o.close("trans-abstract")?;
    }
    keywords(o, &a.keywords, lang, "keywords")?;
    if !a.trans_keywords.is_empty() {
        let tl = lang::translation(lang, &a.trans_keywords.join(" "));
        keywords(o, &a.trans_keywords, &tl, "trans_keywords")?;
    }

    if let Some(code) = opt(&a.document_code) {
        custom.insert(0, ("document-code", code));
    }
    if let Some(line) = opt(&a.author_line_raw) {
        custom.push(("author-line-raw", line));
    }
    if !custom.is_empty() {
        o.open("custom-meta-group", &[])?;
        for (name, value) in custom {
            o.open("custom-meta", &[])?;
            o.leaf("meta-name", &[], name, name)?;
            o.leaf("meta-value", &[], value, name)?;
            o.close("custom-meta")?;
        }
        o.close("custom-meta-group")?;
    }
    o.close("article-meta")
}

fn keywords(o: &mut Out, kwds: &[String], lang: &str, field: &str) -> Result<(), JatsError> {
    if kwds.is_empty() {
        return Ok(());
    }
    o.open(
        "kwd-group",
        &[("kwd-group-type", "author"), ("xml:lang", lang)],
    )?;
    for (i, k) in kwds.iter().enumerate() {
        o.leaf("kwd", &[], k, &format!("{field}[{i}]"))?;
    }
    o.close("kwd-group")
}

/// `fn-type` for a first-page note: funding notes are `supported-by`, the rest `other`.
fn note_type(note: &str) -> &'static str {
    let lower = note.trim_start().to_lowercase();
    let funding = ["基金", "资助", "项目", "fund", "supported by", "grant"];
    if funding.iter().any(|p| lower.starts_with(p)) || lower.contains("基金项目") {
        "supported-by"
    } else {
        "other"
    }
}

/// Compound (two-character) Chinese surnames, so `欧阳修` splits as 欧阳 + 修.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "太史", "端木", "上官", "司马", "东方", "独孤", "南宫", "万俟", "闻人", "夏侯", "诸葛",
    "尉迟", "公羊", "赫连", "澹台", "皇甫", "宗政", "濮阳", "公冶", "太叔", "申屠", "公孙", "慕容",
    "仲孙", "钟离", "长孙", "宇文", "司徒", "鲜于", "司空", "闾丘", "子车", "亓官", "司寇", "巫马",
    "公西", "颛孙", "壤驷", "公良", "漆雕", "乐正", "宰父", "谷梁", "拓跋", "夹谷", "轩辕", "令狐",
    "段干", "百里", "呼延", "东郭", "南门", "羊舌", "微生", "左丘", "西门", "第五", "东里", "呼衍",
];

/// Surname and given name of a Chinese name (two to four Han characters), for `name-style="eastern"`.
pub(crate) fn split_chinese_name(name: &str) -> Option<(&str, &str)> {
    let n = name.chars().count();
    if !(2..=4).contains(&n) || !name.chars().all(lang::is_han) {
        return None;
    }
    let cut = COMPOUND_SURNAMES
        .iter()
        .find(|s| n >= 3 && name.starts_with(*s))
        .map(|s| s.len())
        .unwrap_or_else(|| name.chars().next().map(char::len_utf8).unwrap_or(0));
    Some(name.split_at(cut))
}

fn person_name(
    o: &mut Out,
    name: &str,
    lang: &str,
    force_lang: bool,
    field: &str,
) -> Result<(), JatsError> {
    match split_chinese_name(name) {
        Some((surname, given)) => {
            let mut attrs = vec![("name-style", "eastern")];
            if force_lang || !lang::same("zh", lang) {
                attrs.push(("xml:lang", "zh"));
            }
            o.open("name", &attrs)?;
            o.leaf("surname", &[], surname, field)?;
            if !given.is_empty() {
                o.leaf("given-names", &[], given, field)?;
            }
            o.close("name")
        }
        None => {
            let l = if force_lang {
                lang::detect(name)
            } else {
                lang_attr(lang, name)
            };
            o.leaf("string-name", &with_lang(vec![], l), name, field)
        }
    }
}

fn author(
    o: &mut Out,
    i: usize,
    au: &Author,
    lang: &str,
    affs: &AffIds,
    a: &Article,
) -> Result<(), JatsError> {
    let mut attrs = vec![("contrib-type", "author")];
    if au.corresponding {
        attrs.push(("corresp", "yes"));
    }
    o.open("contrib", &attrs)?;
    let field = format!("authors[{i}].name");
    match opt(&au.name_en) {
        Some(en) => {
            o.open("name-alternatives", &[])?;
            person_name(o, &au.name, lang, true, &field)?;
            o.leaf(
                "string-name",
                &[("xml:lang", "en")],
                en,
                &format!("authors[{i}].name_en"),
            )?;
            o.close("name-alternatives")?;
        }
        None => person_name(o, &au.name, lang, false, &field)?,
    }
    for id in &au.affiliations {
        match affs.by_model.get(id) {
            Some(rid) => {
                let label = a
                    .affiliations
                    .iter()
                    .find(|f| &f.id == id)
                    .and_then(|f| opt(&f.label))
                    .unwrap_or("");
                o.leaf(
                    "xref",
                    &[("ref-type", "aff"), ("rid", rid)],
                    label,
                    "affiliations",
                )?;
            }
            None => o.adjustments.push(Adjustment::DanglingAffiliation {
                author: au.name.clone(),
                id: id.clone(),
            }),
        }
    }
    if let Some(shared) = &affs.shared {
        o.leaf(
            "xref",
            &[("ref-type", "aff"), ("rid", shared)],
            "",
            "affiliation",
        )?;
    }
    if let Some(email) = opt(&au.email) {
        o.leaf("email", &[], email, &format!("authors[{i}].email"))?;
    }
    o.close("contrib")
}

/// `aff` on one line: optional label, then the affiliation as printed.
fn aff(
    o: &mut Out,
    attrs: &Attrs,
    label: Option<&str>,
    text: &str,
    field: &str,
) -> Result<(), JatsError> {
    o.newline()?;
    o.start_inline("aff", attrs, field)?;
    if let Some(l) = label {
        o.start_inline("label", &[], field)?;
        o.text(l, field)?;
        o.end_inline("label")?;
    }
    o.text(text, field)?;
    o.end_inline("aff")
}

fn affiliation(
    o: &mut Out,
    id: &str,
    f: &Affiliation,
    lang: &str,
    i: usize,
) -> Result<(), JatsError> {
    let field = format!("affiliations[{i}]");
    match opt(&f.name_en) {
        None => {
            let attrs = with_lang(vec![("id", id)], lang_attr(lang, &f.name));
            aff(o, &attrs, opt(&f.label), &f.name, &field)
        }
        Some(en) => {
            o.open("aff-alternatives", &[("id", id)])?;
            let l = lang::detect(&f.name).unwrap_or(lang).to_string();
            aff(o, &[("xml:lang", &l)], opt(&f.label), &f.name, &field)?;
            aff(
                o,
                &[("xml:lang", "en")],
                opt(&f.label),
                en,
                &format!("{field}.name_en"),
            )?;
            o.close("aff-alternatives")
        }
    }
}

fn contributors(o: &mut Out, a: &Article, lang: &str, affs: &AffIds) -> Result<(), JatsError> {
    let shared = opt(&a.affiliation).zip(affs.shared.as_deref());
    let shared_attrs = |id, text| {
        with_lang(
            vec![("id", id), ("specific-use", "all-authors")],
            lang_attr(lang, text),
        )
    };
    if !a.authors.is_empty() {
        o.open("contrib-group", &[])?;
        for (i, au) in a.authors.iter().enumerate() {
            author(o, i, au, lang, affs, a)?;
        }
        // An aff inside contrib-group applies to every contributor of the group.
        if let Some((text, id)) = shared {
            aff(o, &shared_attrs(id, text), None, text, "affiliation")?;
        }
        o.close("contrib-group")?;
    } else if let Some((text, id)) = shared {
        aff(o, &shared_attrs(id, text), None, text, "affiliation")?;
    }
    for (i, (f, id)) in a.affiliations.iter().zip(&affs.written).enumerate() {
        affiliation(o, id, f, lang, i)?;
    }
    Ok(())
}

/// The first section becomes bare `body/p` when it is the untitled lead text.
fn is_lead(s: &Section) -> bool {
    s.level == 0
        && opt(&s.title).is_none()
        && opt(&s.label).is_none()
        && !s.run_in
        && !s.paragraphs.is_empty()
}

fn body(o: &mut Out, a: &Article, lang: &str) -> Result<(), JatsError> {
    if a.sections.is_empty() {
        return Ok(());
    }
    o.open("body", &[])?;
    let skip = usize::from(a.sections.first().is_some_and(is_lead));
    if skip == 1 {
        for (j, p) in a.sections[0].paragraphs.iter().enumerate() {
            o.rich(
                "p",
                &with_lang(vec![], lang_attr(lang, p)),
                p,
                &format!("sections[0].paragraphs[{j}]"),
            )?;
        }
    }
    // Levels of the open `sec`s; a section nests in the nearest open one of lower level.
    let mut open: Vec<u8> = Vec::new();
    for (i, s) in a.sections.iter().enumerate().skip(skip) {
        while open.last().is_some_and(|&l| l >= s.level) {
            open.pop();
            o.close("sec")?;
        }
        let depth = open.len() + 1;
        let mut uses = Vec::new();
        if s.run_in {
            uses.push(RUN_IN.to_string());
        }
        if usize::from(s.level) != depth {
            uses.push(format!("level-{}", s.level));
        }
        let uses = uses.join(" ");
        let title = opt(&s.title);
        let mut attrs = Vec::new();
        if !uses.is_empty() {
            attrs.push(("specific-use", uses.as_str()));
        }
        let attrs = with_lang(attrs, title.and_then(|t| lang_attr(lang, t)));
        o.open("sec", &attrs)?;
        let label = opt(&s.label);
        if let Some(l) = label {
            o.leaf("label", &[], l, &format!("sections[{i}].label"))?;
        }
        // The DTD wants a label or a title; an untitled, unlabelled section gets `<title/>`.
        match title {
            Some(t) => o.rich("title", &[], t, &format!("sections[{i}].title"))?,
            None if label.is_none() => o.leaf("title", &[], "", "")?,
            None => {}
        }
        for (j, p) in s.paragraphs.iter().enumerate() {
            o.rich(
                "p",
                &with_lang(vec![], lang_attr(lang, p)),
                p,
                &format!("sections[{i}].paragraphs[{j}]"),
            )?;
        }
        open.push(s.level);
    }
    for _ in open {
        o.close("sec")?;
    }
    o.close("body")
}

/// JATS `publication-type` for a GB/T 7714 type code (`J/OL` is an online journal, and so on).
pub(crate) fn publication_type(code: Option<&str>) -> &'static str {
    let code = code.map(str::trim).unwrap_or("");
    let base = if code == "EB/OL" {
        code
    } else {
        code.strip_suffix("/OL").unwrap_or(code)
    };
    match base {
        "M" => "book",
        "J" => "journal",
        "C" => "confproc",
        "D" => "thesis",
        "R" => "report",
        "N" => "newspaper",
        "S" => "standard",
        "P" => "patent",
        "EB/OL" => "webpage",
        _ => "other",
    }
}

fn has_elements(r: &Reference) -> bool {
    !r.authors.is_empty()
        || r.year.is_some()
        || [
            &r.title,
            &r.title_note,
            &r.container,
            &r.place,
            &r.publisher,
            &r.volume,
            &r.issue,
            &r.pages,
            &r.doi,
            &r.url,
        ]
        .into_iter()
        .any(|f| opt(f).is_some())
}

fn reference(
    o: &mut Out,
    r: &Reference,
    i: usize,
    lang: &str,
    ids: &mut Ids,
) -> Result<(), JatsError> {
    let field = |name: &str| format!("references[{i}].{name}");
    let id = ids.fresh(&format!("ref-{}", i + 1));
    o.open("ref", &[("id", &id)])?;
    if let Some(n) = r.number {
        o.leaf("label", &[], &n.to_string(), &field("number"))?;
    }
    let kind = opt(&r.kind);
    let ptype = publication_type(kind);
    let marker = kind.map(|k| format!("{GBT7714_PREFIX}{k}"));
    let mut cattrs = vec![("publication-type", ptype)];
    if let Some(m) = &marker {
        cattrs.push(("specific-use", m.as_str()));
    }
    let elements = has_elements(r);
    if elements {
        o.open("citation-alternatives", &[])?;
    }
    o.rich(
        "mixed-citation",
        &with_lang(cattrs.clone(), lang_attr(lang, &r.raw)),
        &r.raw,
        &field("raw"),
    )?;
    if elements {
        o.open("element-citation", &cattrs)?;
        if !r.authors.is_empty() {
            o.open("person-group", &[("person-group-type", "author")])?;
            for (j, au) in r.authors.iter().enumerate() {
                o.leaf("string-name", &[], au, &field(&format!("authors[{j}]")))?;
            }
            o.close("person-group")?;
        }
        let bookish = !matches!(ptype, "journal" | "newspaper" | "confproc");
        match (opt(&r.title), opt(&r.container)) {
            (Some(t), Some(c)) => {
                let el = if ptype == "book" {
                    "chapter-title"
                } else {
                    "article-title"
                };
                o.leaf(el, &[], t, &field("title"))?;
                o.leaf("source", &[], c, &field("container"))?;
            }
            (Some(t), None) if bookish => o.leaf("source", &[], t, &field("title"))?,
            (Some(t), None) => o.leaf("article-title", &[], t, &field("title"))?,
            (None, Some(c)) => o.leaf(
                "source",
                &[("specific-use", "container")],
                c,
                &field("container"),
            )?,
            (None, None) => {}
        }
        if let Some(n) = opt(&r.title_note) {
            o.leaf(
                "comment",
                &[("content-type", "title-note")],
                n,
                &field("title_note"),
            )?;
        }
        if let Some(p) = opt(&r.place) {
            o.leaf("publisher-loc", &[], p, &field("place"))?;
        }
        if let Some(p) = opt(&r.publisher) {
            o.leaf("publisher-name", &[], p, &field("publisher"))?;
        }
        if let Some(y) = r.year {
            o.leaf("year", &[], &y.to_string(), &field("year"))?;
        }
        if let Some(v) = opt(&r.volume) {
            o.leaf("volume", &[], v, &field("volume"))?;
        }
        if let Some(v) = opt(&r.issue) {
            o.leaf("issue", &[], v, &field("issue"))?;
        }
        if let Some(p) = opt(&r.pages) {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            match p.split_once('-') {
                Some((f, l)) if digits(f) && digits(l) => {
                    o.leaf("fpage", &[], f, &field("pages"))?;
                    o.leaf("lpage", &[], l, &field("pages"))?;
                }
                None if digits(p) => o.leaf("fpage", &[], p, &field("pages"))?,
                _ => o.leaf("page-range", &[], p, &field("pages"))?,
            }
        }
        if let Some(d) = opt(&r.doi) {
            o.leaf("pub-id", &[("pub-id-type", "doi")], d, &field("doi"))?;
        }
        if let Some(u) = opt(&r.url) {
            o.leaf(
                "ext-link",
                &[("ext-link-type", "uri"), ("xlink:href", u)],
                u,
                &field("url"),
            )?;
        }
        o.close("element-citation")?;
        o.close("citation-alternatives")?;
    }
    o.close("ref")
}

fn back(o: &mut Out, a: &Article, lang: &str, ids: &mut Ids) -> Result<(), JatsError> {
    let editor = opt(&a.editor);
    if a.references.is_empty() && editor.is_none() {
        return Ok(());
    }
    o.open("back", &[])?;
    if !a.references.is_empty() {
        o.open("ref-list", &[])?;
        for (i, r) in a.references.iter().enumerate() {
            reference(o, r, i, lang, ids)?;
        }
        o.close("ref-list")?;
    }
    if let Some(ed) = editor {
        o.open("fn-group", &[])?;
        o.open("fn", &[("fn-type", "edited-by")])?;
        let label = if lang::same(lang, "zh") {
            "责任编辑"
        } else {
            "Editor"
        };
        o.leaf("label", &[], label, "editor")?;
        o.leaf("p", &[], ed, "editor")?;
        o.close("fn")?;
        o.close("fn-group")?;
    }
    o.close("back")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chinese_names() {
        assert_eq!(split_chinese_name("熊玉清"), Some(("熊", "玉清")));
        assert_eq!(split_chinese_name("欧阳修"), Some(("欧阳", "修")));
        assert_eq!(split_chinese_name("司马"), Some(("司", "马")));
        assert_eq!(split_chinese_name("John Smith"), None);
        assert_eq!(split_chinese_name("熊\u{FFFD}清"), None);
    }

    #[test]
    fn maps_gbt7714_codes() {
        assert_eq!(publication_type(Some("M")), "book");
        assert_eq!(publication_type(Some("J/OL")), "journal");
        assert_eq!(publication_type(Some("EB/OL")), "webpage");
        assert_eq!(publication_type(None), "other");
        assert_eq!(publication_type(Some("Z")), "other");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            iso_date("2010-08-15"),
            Some(("2010", Some("08"), Some("15")))
        );
        assert_eq!(iso_date("2010"), Some(("2010", None, None)));
        assert_eq!(iso_date("2010年8月"), None);
    }
}
