//! Printed field labels (`摘要：`, `【关键词】`, `〔中图分类号〕`, `Key words:` ...) and the
//! splitting of one line that carries several of them (`中图分类号：D267 文献标识码：A`).

use std::sync::LazyLock;

use regex::Regex;

/// What a printed label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Abstract,
    Keywords,
    AbstractEn,
    KeywordsEn,
    Clc,
    DocCode,
    ArticleNo,
    Doi,
    Editor,
    Affiliation,
    Received,
    Revised,
    Accepted,
    Published,
    Funding,
    Bio,
    Corresponding,
    Issn,
    EIssn,
    Cn,
    Publisher,
}

/// Label spellings, longest first within a family so that `中图分类号` beats `分类号`.
const TABLE: &[(&str, Key)] = &[
    (r"内容摘要|内容提要|摘\s*要|提\s*要", Key::Abstract),
    (r"关\s*键\s*词|关\s*键\s*字", Key::Keywords),
    (r"ABSTRACT|Abstract", Key::AbstractEn),
    (
        r"KEY\s*WORDS|Key\s*[Ww]ords|Keywords|KEYWORDS|Index\s+Terms",
        Key::KeywordsEn,
    ),
    (
        r"中国图书资料分类号|中国图书分类号|中图分类号|中图法分类号|分类号|CLC\s+(?:[Nn]umber|No\.?)|CLC",
        Key::Clc,
    ),
    (
        r"文献标识码|文献标志码|文献标识|Document\s+[Cc]ode",
        Key::DocCode,
    ),
    (r"文章编号|Article\s+(?:ID|No\.?)", Key::ArticleNo),
    (r"DOI|doi", Key::Doi),
    (r"责任编辑|责任校对|责编", Key::Editor),
    (r"作者单位", Key::Affiliation),
    (
        r"收稿日期|收稿时间|(?i:received)(?:\s+date)?",
        Key::Received,
    ),
    (r"修回日期|修订日期|(?i:revised)(?:\s+date)?", Key::Revised),
    (
        r"录用日期|接受日期|(?i:accepted)(?:\s+date)?",
        Key::Accepted,
    ),
    (r"主办单位|主\s*办|Publisher|Published\s+by", Key::Publisher),
    (
        r"网络出版日期|出版日期|Published(?:\s+online)?",
        Key::Published,
    ),
    (
        r"基金项目|资助项目|Foundation\s+[Ii]tems?|Funding",
        Key::Funding,
    ),
    (r"作者简介", Key::Bio),
    (
        r"通讯作者|通信作者|\*?\s*Corresponding\s+[Aa]uthor",
        Key::Corresponding,
    ),
    (r"eISSN|EISSN|e-ISSN", Key::EIssn),
    (r"ISSN", Key::Issn),
    (r"CN", Key::Cn),
];

impl Key {
    /// Labels whose value runs to the end of the line (prose), never split further.
    fn takes_rest(self) -> bool {
        matches!(
            self,
            Key::Abstract
                | Key::AbstractEn
                | Key::Funding
                | Key::Bio
                | Key::Affiliation
                | Key::Publisher
        )
    }

    /// English labels need a colon, bracket or a line of their own: `Received wisdom...`
    /// starts a sentence, not a date.
    fn needs_punct(self, label: &str) -> bool {
        label.is_ascii()
            && !label.ends_with(" by")
            && !matches!(
                self,
                Key::AbstractEn | Key::KeywordsEn | Key::Doi | Key::Issn | Key::EIssn | Key::Cn
            )
    }
}

/// One label found on a line with the text it introduces.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: Key,
    pub value: String,
    /// The label was followed by a colon or enclosed in brackets (stronger evidence).
    pub punct: bool,
}

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = TABLE
        .iter()
        .enumerate()
        .map(|(i, (re, _))| format!("(?P<k{i}>{re})"))
        .collect();
    Regex::new(&format!(
        r"(?:^|[\s　；;，,。.])(?P<open>[【\[〔(（]\s*)?(?:{})\s*(?P<close>[】\]〕)）])?\s*(?P<colon>[:：—])?\s*",
        alts.join("|")
    ))
    .expect("label regex")
});

/// Cheap anchored pre-check so body lines never pay for the capturing scan.
static LABEL_START: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<&str> = TABLE.iter().map(|(re, _)| *re).collect();
    Regex::new(&format!(r"^[【\[〔(（]?\s*(?:{})", alts.join("|"))).expect("label start regex")
});

static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,4}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
        .expect("date start regex")
});

/// Leading ornaments printed before a label (`■责任编辑`, `*Corresponding author`).
static ORNAMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[■□●◆◇★☆▲△※*∗\s]+").expect("ornament regex"));

struct Hit {
    key: Key,
    start: usize,
    end: usize,
    punct: bool,
}

fn hits(line: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    for c in LABEL.captures_iter(line) {
        let Some(m) = c.get(0) else { continue };
        let Some((key, label)) = TABLE
            .iter()
            .enumerate()
            .find_map(|(i, (_, k))| c.name(&format!("k{i}")).map(|g| (*k, g.as_str())))
        else {
            continue;
        };
        let open = c.name("open").is_some();
        let close = c.name("close").is_some();
        // A bracket must be closed (`【摘要】`), or the label is prose.
        if open && !close {
            continue;
        }
        let colon = c.name("colon").is_some();
        let punct = colon || close;
        let rest = &line[m.end()..];
        // `Received 12 March 2019; accepted 3 May 2019`: a date label may go without a colon
        // when a date follows at once.
        let date_follows = matches!(
            key,
            Key::Received | Key::Revised | Key::Accepted | Key::Published
        ) && DATE_START.is_match(rest);
        if key.needs_punct(label) && !punct && !rest.is_empty() && !date_follows {
            continue;
        }
        // An unpunctuated CJK label must stand apart from the value (`摘 要 本文…` is fine,
        // `摘要本文…` reads as prose) unless it is alone on its line.
        if !punct && !rest.is_empty() && !m.as_str().ends_with(char::is_whitespace) {
            continue;
        }
        let lead =
            m.as_str().chars().next().filter(|ch| {
                !matches!(ch, '【' | '[' | '〔' | '(' | '（') && !label.starts_with(*ch)
            });
        let start = m.start() + lead.map_or(0, char::len_utf8);
        out.push(Hit {
            key,
            start,
            end: m.end(),
            punct,
        });
    }
    out
}

/// The fields of a line that starts with a label; `None` for any other line.
pub fn parse_line(line: &str) -> Option<Vec<Field>> {
    // `（作者单位：中共上海市委党校）`: a labelled line wrapped in brackets.
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']')] {
        if let Some(inner) = line
            .trim()
            .strip_prefix(open)
            .and_then(|l| l.strip_suffix(close))
            && let Some(fields) = parse_plain(inner)
            && fields.first().is_some_and(|f| f.punct)
        {
            return Some(fields);
        }
    }
    parse_plain(line)
}

/// [`parse_line`] without the bracket unwrapping (one level only: no recursion on input).
fn parse_plain(line: &str) -> Option<Vec<Field>> {
    let trimmed = ORNAMENT.replace(line, "");
    let line = trimmed.as_ref();
    if !LABEL_START.is_match(line) {
        return None;
    }
    let hs = hits(line);
    let first = hs.first()?;
    if first.start != 0 {
        return None;
    }
    // `ISSN 1009-928X` and `CN 31-1564/D` must be followed by their code, not by prose.
    let mut fields = Vec::new();
    let mut i = 0;
    while i < hs.len() {
        let h = &hs[i];
        if h.key.takes_rest() {
            fields.push(Field {
                key: h.key,
                value: clean_value(&line[h.end..]),
                punct: h.punct,
            });
            break;
        }
        let end = hs.get(i + 1).map_or(line.len(), |n| n.start);
        fields.push(Field {
            key: h.key,
            value: clean_value(&line[h.end..end]),
            punct: h.punct,
        });
        i += 1;
    }
    let f0 = &fields[0];
    match f0.key {
        Key::Issn | Key::EIssn if !crate::extract::codes::ISSN_RE.is_match(&f0.value) => None,
        Key::Cn if !crate::extract::codes::CN_RE.is_match(&f0.value) => None,
        _ => Some(fields),
    }
}

fn clean_value(v: &str) -> String {
    v.trim()
        .trim_end_matches(['；', ';', '，', ','])
        .trim()
        .to_string()
}

/// A heading that opens the reference list.
pub fn is_reference_heading(line: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[【\[〔]?\s*(?:参\s*考\s*文\s*献|主要参考文献|References|REFERENCES|Bibliography|Literature\s+Cited)\s*[】\]〕]?\s*[:：]?$",
        )
        .expect("ref heading regex")
    });
    RE.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(line: &str) -> Vec<(Key, String)> {
        parse_line(line)
            .unwrap_or_default()
            .into_iter()
            .map(|f| (f.key, f.value))
            .collect()
    }

    #[test]
    fn label_styles() {
        assert_eq!(
            keys("摘要：本文讨论")[0],
            (Key::Abstract, "本文讨论".into())
        );
        assert_eq!(
            keys("[摘要]本文讨论")[0],
            (Key::Abstract, "本文讨论".into())
        );
        assert_eq!(
            keys("【摘要】本文讨论")[0],
            (Key::Abstract, "本文讨论".into())
        );
        assert_eq!(
            keys("摘 要：本文讨论")[0],
            (Key::Abstract, "本文讨论".into())
        );
        assert_eq!(keys("■责任编辑：袁志平")[0], (Key::Editor, "袁志平".into()));
        assert_eq!(keys("Key words: a; b")[0], (Key::KeywordsEn, "a; b".into()));
        assert_eq!(
            keys("主办：中共上海市委党史研究室")[0],
            (Key::Publisher, "中共上海市委党史研究室".into())
        );
        assert_eq!(keys("Published by Example Press")[0].0, Key::Publisher);
        assert_eq!(keys("Published online: 5 June 2020")[0].0, Key::Published);
        assert_eq!(keys("CN 31-1564/D")[0], (Key::Cn, "31-1564/D".into()));
        assert!(parse_line("CN is short for China").is_none());
        assert_eq!(
            keys("Abstract—We study x.")[0],
            (Key::AbstractEn, "We study x.".into())
        );
        assert_eq!(
            keys("Index Terms—a, b")[0],
            (Key::KeywordsEn, "a, b".into())
        );
        assert_eq!(
            keys("Received 12 March 2019; accepted 3 May 2019"),
            vec![
                (Key::Received, "12 March 2019".into()),
                (Key::Accepted, "3 May 2019".into())
            ]
        );
        assert!(parse_line("Received wisdom holds that 12 is enough").is_none());
        assert_eq!(
            keys("*通讯作者：李四，E-mail：lisi@example.cn")[0].0,
            Key::Corresponding
        );
        assert_eq!(
            keys("（作者单位：中共上海市委党校）")[0],
            (Key::Affiliation, "中共上海市委党校".into())
        );
        assert!(parse_line("摘要本文讨论了").is_none());
        assert!(parse_line("Received wisdom says").is_none());
        assert!(parse_line("本文摘要：略").is_none());
    }

    #[test]
    fn several_codes_on_one_line() {
        assert_eq!(
            keys("中图分类号：D267；D261 文献标志码：A 文章编号：1009-928X(2010)04-0045-03"),
            vec![
                (Key::Clc, "D267；D261".into()),
                (Key::DocCode, "A".into()),
                (Key::ArticleNo, "1009-928X(2010)04-0045-03".into()),
            ]
        );
        assert_eq!(
            keys("〔中国图书分类号〕G642 〔文献标识码〕B"),
            vec![(Key::Clc, "G642".into()), (Key::DocCode, "B".into())]
        );
        assert_eq!(
            keys("收稿日期：2015-03-12；修回日期：2015-05-20"),
            vec![
                (Key::Received, "2015-03-12".into()),
                (Key::Revised, "2015-05-20".into()),
            ]
        );
    }
}
