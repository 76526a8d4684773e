//! Front-matter pieces: journal header lines, mirror-site chrome, the byline, affiliations,
//! dates and the corresponding-author line.

use std::sync::LazyLock;

use regex::Regex;

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($pat).expect(stringify!($name)));
    };
}

re!(TIMESTAMP, r"^\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?");
re!(JUNK, r"^[?？\s·\-—_=*]+$");
// A mirror's related-article list: `刊名(2016年5期)2016-05-16 18:11:00`, and its tag clouds
// `临沧市| 新源县| …`.
re!(
    TRAILING_STAMP,
    r"(?:\(\d{4}年\d{1,3}期\))?\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?$"
);
re!(TAG_CLOUD, r"^(?:[^|｜]{1,12}[|｜]\s*){5,}");
re!(ZH_YEAR, r"(\d{4})\s*年");
re!(ZH_ISSUE, r"(?:^|[^总])第?\s*(\d{1,3})\s*期");
re!(ZH_VOLUME, r"第\s*(\d{1,4})\s*卷");
re!(
    ZH_STRIP,
    r"《|》|总第\s*\d+\s*期|第\s*\d+\s*卷|第?\s*\d{1,3}\s*期|\d{4}\s*年|\d{1,2}\s*月|Vol\.?\s*\d+|No\.?\s*\d+|[,，、|｜]"
);
re!(
    EN_JOURNAL,
    r"^(?P<j>[A-Z][^,;]+?),?\s+Vol(?:ume|\.)?\s*(?P<v>\d+),?\s*(?:No\.?|Issue)\s*(?P<i>\d+),?\s*(?:\(?(?:[A-Z][a-z]+\.?\s+)?(?P<y>\d{4})\)?)(?:,?\s*pp?\.\s*(?P<fp>\d+)\s*[-–]\s*(?P<lp>\d+))?\.?$"
);
re!(POSTAL, r"(?:^|\D)\d{6}(?:\D|$)");
re!(
    EN_JOURNAL_VANCOUVER,
    r"^(?P<j>[A-Z][A-Za-z .&]+?)\.?\s+(?P<y>\d{4})(?:\s+[A-Z][a-z]{2})?\s*;\s*(?P<v>\d+)\s*\((?P<i>\d+)\)\s*:\s*(?P<fp>\d+)\s*[-–]\s*(?P<lp>\d+)\.?$"
);
re!(EMAIL, r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+");
re!(
    INSTITUTION,
    r"大学|学院|研究院|研究所|研究中心|研究室|党校|委员会|科学院|医院|中心|局|厅|政府|办公室|协会|学会|公司|集团|Bureau|Ministry|Office|University|College|Institute|Department|School|Academy|Hospital|Centre|Center|Laboratory|Faculty"
);
re!(
    AFF_MARK,
    r"^(?P<m>\d{1,2}[.．、]?|[①-⑳]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[a-z]\s)\s*(?P<n>\S.*)$"
);
re!(NAME_MARKS, r"^(?P<n>.*?)(?P<m>[\d*∗#†‡①-⑳¹²³⁴⁵⁶⁷⁸⁹⁰,]*)$");
re!(
    EN_NAME,
    r"^(?:[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.)(?:\s+(?:[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.|van|de|der|von|da)){1,4}$"
);
re!(ZH_NAME, r"^\p{Han}[\p{Han}·•]{1,5}$");
re!(
    BYLINE_PREFIX,
    r"^(?:[●◎■□◆★·\s]+|文\s*[/／|｜]\s*|作者\s*[:：]\s*)+"
);
re!(
    EN_DATE,
    r"(?i)^(?:(?P<d1>\d{1,2})\s+(?P<m1>[a-z]{3,9})\.?,?\s+(?P<y1>\d{4})|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))$"
);
re!(
    NUM_DATE,
    r"^(?P<y>\d{4})\s*[-‐./／年]\s*(?P<m>\d{1,2})\s*(?:[-‐./／月]\s*(?:(?P<d>\d{1,2})\s*日?)?)?$"
);

/// Timestamps, lines of `?` and similar debris a mirror site leaves around an article.
pub fn is_chrome(line: &str) -> bool {
    TIMESTAMP.is_match(line) || JUNK.is_match(line)
}

/// The heading of a mirror's related-article list: everything from it on is site chrome.
pub fn is_related_heading(line: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:猜你喜欢|相关文章|相关阅读|相关推荐|推荐阅读|热门文章|你可能感兴趣的文章)[:：]?$",
        )
        .expect("related heading")
    });
    RE.is_match(line.trim())
}

/// A line of a mirror's related-article list or tag cloud (after the article).
pub fn is_trailing_chrome(line: &str) -> bool {
    TRAILING_STAMP.is_match(line) || TAG_CLOUD.is_match(line)
}

/// Journal, volume, issue and pages printed in a running header line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JournalLine {
    pub title: String,
    pub year: Option<i32>,
    pub volume: Option<String>,
    pub issue: Option<u32>,
    pub fpage: Option<u32>,
    pub lpage: Option<u32>,
}

/// `上海党史与党建 2010年第4期`, `《江南论坛》2016年第3期`, `第35卷第3期 XX学报 2016年5月`,
/// `Journal of X, Vol. 12, No. 3, 2019, pp. 45-58`.
pub fn journal_line(line: &str) -> Option<JournalLine> {
    if line.chars().count() > 80 {
        return None;
    }
    if let Some(c) = EN_JOURNAL
        .captures(line)
        .or_else(|| EN_JOURNAL_VANCOUVER.captures(line))
    {
        return Some(JournalLine {
            title: c["j"].trim().to_string(),
            year: c.name("y").and_then(|m| m.as_str().parse().ok()),
            volume: c.name("v").map(|m| m.as_str().to_string()),
            issue: c.name("i").and_then(|m| m.as_str().parse().ok()),
            fpage: c.name("fp").and_then(|m| m.as_str().parse().ok()),
            lpage: c.name("lp").and_then(|m| m.as_str().parse().ok()),
        });
    }
    if line.starts_with([
        '（', '(', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
    ]) {
        return None;
    }
    let year = ZH_YEAR.captures(line)?;
    let issue = ZH_ISSUE.captures(line)?;
    let title = ZH_STRIP.replace_all(line, " ");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let han = title.chars().filter(|c| is_han(*c)).count();
    if han < 2
        || title.chars().count() > 30
        || title.contains(['。', '：', ':'])
        || title.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(JournalLine {
        title,
        year: year[1].parse().ok(),
        volume: ZH_VOLUME.captures(line).map(|c| c[1].to_string()),
        issue: issue[1].parse().ok(),
        ..Default::default()
    })
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// An author as printed in the byline, with the marks that link it to affiliations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Byname {
    pub name: String,
    /// Affiliation labels, normalised to ASCII digits.
    pub marks: Vec<String>,
    pub star: bool,
}

fn circled(c: char) -> Option<u32> {
    ('①'..='⑳').contains(&c).then(|| c as u32 - '①' as u32 + 1)
}

fn superscript(c: char) -> Option<u32> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹"
        .chars()
        .position(|s| s == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Normalises a printed mark string (`1,2`, `①②`, `¹²`, `*`) into labels and a star.
fn marks(m: &str) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut star = false;
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut Vec<String>| {
        if !digits.is_empty() {
            out.push(std::mem::take(digits));
        }
    };
    for c in m.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            if let Some(n) = circled(c).or_else(|| superscript(c)) {
                out.push(n.to_string());
            } else if matches!(c, '*' | '∗' | '#' | '†' | '‡') {
                star = true;
            }
        }
    }
    flush(&mut digits, &mut out);
    (out, star)
}

/// The byline's authors, or `None` when the line does not read as a list of names.
pub fn byline(line: &str) -> Option<Vec<Byname>> {
    if line.chars().count() > 160 || line.ends_with(['。', '.', '：', ':']) {
        return None;
    }
    let body = BYLINE_PREFIX.replace(line, "");
    let cjk = body.chars().any(is_han);
    let tokens: Vec<String> = if cjk {
        let raw: Vec<&str> = body
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
            .filter(|t| !t.is_empty())
            .collect();
        // `张 三` (a two-character name padded with a space) is one name.
        let mut merged: Vec<String> = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let single = |t: &str| t.chars().count() == 1 && t.chars().all(is_han);
            if single(raw[i]) && i + 1 < raw.len() && raw[i + 1].chars().next().is_some_and(is_han)
            {
                merged.push(format!("{}{}", raw[i], raw[i + 1]));
                i += 2;
            } else {
                merged.push(raw[i].to_string());
                i += 1;
            }
        }
        merged
    } else {
        body.replace(" and ", ",")
            .replace(" & ", ",")
            .split([',', '，', ';'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    let mut out: Vec<Byname> = Vec::new();
    for t in tokens {
        let c = NAME_MARKS.captures(&t)?;
        let name = c["n"].trim();
        let (labels, star) = marks(&c["m"]);
        if name.is_empty() {
            let last = out.last_mut()?;
            last.marks.extend(labels);
            last.star |= star;
            continue;
        }
        let ok = if cjk {
            ZH_NAME.is_match(name)
        } else {
            EN_NAME.is_match(name)
        };
        if !ok {
            return None;
        }
        out.push(Byname {
            name: name.to_string(),
            marks: labels,
            star,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// `张三 李四（北京大学 历史学系，北京 100871）` → the names and the shared affiliation.
pub fn byline_with_affiliation(line: &str) -> Option<(Vec<Byname>, String)> {
    let l = line.trim();
    let body = l.strip_suffix('）').or_else(|| l.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let (names, aff) = (&body[..open], &body[open..]);
    let aff = aff.trim_start_matches(['（', '(']).trim();
    if aff.is_empty() || !(INSTITUTION.is_match(aff) || POSTAL.is_match(aff)) {
        return None;
    }
    Some((byline(names)?, aff.to_string()))
}

/// Whether a front-matter line reads as an affiliation (not a sentence of the abstract).
pub fn looks_like_affiliation(line: &str) -> bool {
    let l = line.trim();
    let paren =
        (l.starts_with('（') && l.ends_with('）')) || (l.starts_with('(') && l.ends_with(')'));
    let marked = AFF_MARK.is_match(l);
    let postal = POSTAL.is_match(l);
    (paren || marked || l.chars().count() <= 80)
        && (INSTITUTION.is_match(l) || ((paren || marked) && postal))
        && !l.ends_with('。')
        && l.chars().count() <= 300
}

/// Affiliations printed on one line: `（1.甲大学，北京 100871；2.乙学院，上海 200433）`,
/// `①甲大学…`, `1 Department of…`. Returns (label, name) pairs.
pub fn affiliations(line: &str) -> Vec<(Option<String>, String)> {
    let mut l = line.trim();
    if (l.starts_with('（') && l.ends_with('）')) || (l.starts_with('(') && l.ends_with(')')) {
        let open = l.chars().next().map_or(0, char::len_utf8);
        let close = l.chars().last().map_or(0, char::len_utf8);
        l = l[open..l.len() - close].trim();
    }
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for part in l.split(['；', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match AFF_MARK.captures(part) {
            Some(c) => {
                let (labels, _) = marks(c["m"].trim_end_matches(['.', '．', '、']));
                let label = labels.into_iter().next().or_else(|| {
                    let m = c["m"].trim();
                    m.chars()
                        .next()
                        .filter(char::is_ascii_lowercase)
                        .map(|ch| ch.to_string())
                });
                out.push((label, c["n"].trim().to_string()));
            }
            // Unmarked parts are separate affiliations (`张三，甲大学；李四，乙大学`).
            None => out.push((None, part.to_string())),
        }
    }
    out
}

/// A printed date as ISO 8601 (`2015-03-12`, `2015-03` without a day).
pub fn date(value: &str) -> Option<String> {
    let v = value.trim().trim_end_matches(['.', '。', '；', ';']).trim();
    if let Some(c) = NUM_DATE.captures(v) {
        let y: u32 = c["y"].parse().ok()?;
        let m: u32 = c["m"].parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        return match c.name("d").and_then(|d| d.as_str().parse::<u32>().ok()) {
            Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
            Some(_) => None,
            None => Some(format!("{y:04}-{m:02}")),
        };
    }
    let c = EN_DATE.captures(v)?;
    let (d, m, y) = match (c.name("d1"), c.name("d2")) {
        (Some(d), _) => (d.as_str(), &c["m1"], &c["y1"]),
        (None, Some(d)) => (d.as_str(), &c["m2"], &c["y2"]),
        _ => return None,
    };
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = m.to_ascii_lowercase();
    let mi = months.iter().position(|p| lower.starts_with(p))? + 1;
    let d: u32 = d.parse().ok()?;
    (1..=31).contains(&d).then(|| format!("{y}-{mi:02}-{d:02}"))
}

/// `李四，E-mail：lisi@example.cn` → (name, email).
pub fn corresponding(value: &str) -> (Option<String>, Option<String>) {
    let email = EMAIL.find(value).map(|m| m.as_str().to_string());
    let name = value
        .split(['，', ',', '(', '（', ';', '；', ':', '：'])
        .next()
        .map(str::trim)
        .filter(|n| {
            !n.is_empty() && !n.contains('@') && !n.starts_with("E-mail") && !n.starts_with("Email")
        })
        .map(str::to_string);
    (name, email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_lines() {
        let j = journal_line("上海党史与党建 2010年4期").expect("site line");
        assert_eq!(
            (j.title.as_str(), j.year, j.issue),
            ("上海党史与党建", Some(2010), Some(4))
        );
        let j = journal_line("《江南论坛》2016年第3期").expect("zh");
        assert_eq!(j.title, "江南论坛");
        let j = journal_line("第35卷第3期 华东政法学报 2016年5月").expect("zh vol");
        assert_eq!(
            (j.title.as_str(), j.volume.as_deref()),
            ("华东政法学报", Some("35"))
        );
        let j =
            journal_line("Journal of Urban Ecology, Vol. 12, No. 3, 2019, pp. 45-58").expect("en");
        assert_eq!((j.fpage, j.lpage, j.issue), (Some(45), Some(58), Some(3)));
        assert!(journal_line("截至2009年4月，社区总人口3079人，来沪党员26期").is_none());
        assert!(journal_line("（一）2009年第2期简报").is_none());
    }

    #[test]
    fn bylines() {
        let a = byline("●熊玉清 潘海英").expect("seed");
        assert_eq!(a.len(), 2);
        let a = byline("张三1,2*，李四2").expect("marks");
        assert_eq!(a[0].marks, ["1", "2"]);
        assert!(a[0].star);
        assert_eq!(a[1].marks, ["2"]);
        let a = byline("王晓明①　陈 静②").expect("circled");
        assert_eq!(a[1].name, "陈静");
        assert_eq!(a[1].marks, ["2"]);
        let a = byline("John A. Smith1, Mei Li2,*, and Peter Brown1").expect("en");
        assert_eq!(a.len(), 3);
        assert!(a[1].star);
        assert!(byline("浦东周浦东南社区；创新；社区党建").is_none());
        assert_eq!(byline("文/张三 李四").map(|a| a.len()), Some(2));
        assert_eq!(
            byline("作者：欧阳明月")
                .map(|a| a[0].name.clone())
                .as_deref(),
            Some("欧阳明月")
        );
        assert!(byline("本文讨论社区党建。").is_none());
        let (a, aff) =
            byline_with_affiliation("张三 李四（北京大学 历史学系，北京 100871）").expect("inline");
        assert_eq!(
            (a.len(), aff.as_str()),
            (2, "北京大学 历史学系，北京 100871")
        );
        assert!(byline_with_affiliation("张三（1975—）").is_none());
    }

    #[test]
    fn dates_and_affiliations() {
        assert_eq!(date("2015年3月2日").as_deref(), Some("2015-03-02"));
        assert_eq!(date("2015-03-12").as_deref(), Some("2015-03-12"));
        assert_eq!(date("12 March 2019").as_deref(), Some("2019-03-12"));
        assert_eq!(date("2019-13-01"), None);
        let a = affiliations(
            "（1.华东师范大学 社会发展学院，上海 200241；2.上海大学 社会学院，上海 200444）",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].0.as_deref(), Some("2"));
        assert_eq!(a[1].1, "上海大学 社会学院，上海 200444");
    }
}
