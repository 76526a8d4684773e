//! Reference entries: GB/T 7714-2015 (`[1]作者.题名[J].刊名,年,卷(期):页码.`), with a
//! fallback for untyped Chinese entries, and the common English styles (APA, Vancouver).
//! The printed entry is always kept in `raw`; only what parses cleanly is filled in.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::extract::codes::find_doi;
use crate::model::Reference;

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new($pat).expect(stringify!($name)));
    };
}

re!(
    NUMBER,
    r"^\s*(?:[\[［](\d{1,4})[\]］]|(\d{1,4})\s*[.．、]\s)\s*"
);
re!(NUMBER_TIGHT, r"^\s*(\d{1,4})[.．、]\s*");
re!(TYPE_CODE, r"\[([A-Z]{1,2}(?:/OL)?)\]");
re!(
    JOURNAL,
    r"^(?P<c>[^,，]+?)\s*[,，]\s*(?P<y>\d{4})[a-z]?\s*(?:[,，]\s*(?P<v>[^(（:：,，]+?))?\s*(?:[(（]\s*(?P<i>[^)）]+?)\s*[)）])?\s*(?:[:：]\s*(?P<p>[^.．。]+?))?\s*$"
);
re!(
    MONOGRAPH,
    r"^(?:(?P<head>.+)[.．]\s*)?(?P<place>[^.．:：,，]+?)\s*[:：]\s*(?P<pub>[^,，:：]+?)\s*[,，]\s*(?P<y>\d{4})[a-z]?\s*(?:[:：]\s*(?P<p>.+?))?\s*$"
);
re!(
    NEWSPAPER,
    r"^(?P<c>[^,，]+?)\s*[,，]\s*(?P<y>\d{4})[-‐–]\d{1,2}[-‐–]\d{1,2}\s*(?:[(（](?P<p>[^)）]+)[)）])?\s*$"
);
re!(YEAR, r"(?:^|[^\d])(\d{4})(?:[^\d]|$)");
re!(URL, r"https?://[^\s，；]+");
re!(
    UNTYPED,
    r"^(?P<pre>.+?)\s*[,，]\s*(?P<y>\d{4})\s*(?:[(（](?P<i>[^)）]+)[)）])?\s*(?:[:：]\s*(?P<p>[\d\-–~]+))?\s*$"
);
re!(
    APA,
    r"^(?P<a>.+?)\s*\((?P<y>\d{4})[a-z]?(?:,[^)]*)?\)\.\s*(?P<rest>.+)$"
);
re!(
    APA_JOURNAL,
    r"^(?P<c>[^,]+?),\s*(?P<v>\d+)(?:\s*\((?P<i>[^)]+)\))?(?:,\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?\.?(?:\s|$)"
);
re!(
    VANCOUVER,
    r"^(?P<a>[^.]+?)\.\s+(?P<t>.+?[.?!])\s+(?P<c>[^.;]+?)\.?\s+(?P<y>\d{4})(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?\s*;\s*(?P<v>[^(:;.\s]+)?\s*(?:\((?P<i>[^)]+)\))?\s*(?::\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?"
);
re!(
    VANCOUVER_BOOK,
    r"^(?P<a>[^.]+?)\.\s+(?P<t>.+?)\.\s+(?P<pl>[^:.;]+?):\s*(?P<pub>[^;]+?);\s*(?P<y>\d{4})\.?$"
);

fn opt(c: &Captures, name: &str) -> Option<String> {
    c.name(name)
        .map(|m| m.as_str().trim().to_string())
        .filter(|s| !s.is_empty())
}

fn year(c: &Captures, name: &str) -> Option<i32> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Parses one printed entry. `numbered_list` allows a bare `1.` prefix (Vancouver lists).
pub fn parse(raw: &str) -> Reference {
    let raw = raw.trim();
    let mut r = Reference {
        raw: raw.to_string(),
        ..Default::default()
    };
    let mut body = raw;
    if let Some(c) = NUMBER.captures(raw).or_else(|| NUMBER_TIGHT.captures(raw)) {
        r.number = c
            .get(1)
            .or_else(|| c.get(2))
            .and_then(|m| m.as_str().parse().ok());
        body = &raw[c.get(0).map_or(0, |m| m.end())..];
    }
    r.doi = find_doi(body);
    r.url = URL
        .find(body)
        .map(|m| m.as_str().trim_end_matches(['.', '。']).to_string())
        .filter(|u| !u.contains("doi.org/"));
    if let Some(tc) = TYPE_CODE.captures(body) {
        gbt(&mut r, body, &tc);
    } else if let Some(c) = APA.captures(body) {
        apa(&mut r, &c);
    } else if let Some(c) = VANCOUVER.captures(body) {
        r.authors = split_authors(&c["a"]);
        r.title = Some(c["t"].trim_end_matches('.').trim().to_string());
        r.container = opt(&c, "c");
        r.year = year(&c, "y");
        r.volume = opt(&c, "v");
        r.issue = opt(&c, "i");
        r.pages = opt(&c, "p");
    } else if let Some(c) = VANCOUVER_BOOK.captures(body) {
        r.authors = split_authors(&c["a"]);
        r.title = opt(&c, "t");
        r.place = opt(&c, "pl");
        r.publisher = opt(&c, "pub");
        r.year = year(&c, "y");
    } else if let Some(c) = UNTYPED.captures(strip_end(body)) {
        set_authors_title(&mut r, &c["pre"]);
        r.year = year(&c, "y");
        r.issue = opt(&c, "i");
        r.pages = opt(&c, "p");
    } else {
        set_authors_title(&mut r, strip_end(body));
    }
    r
}

/// Drops the final full stop and a trailing DOI/URL so the positional patterns see the core.
fn strip_end(s: &str) -> &str {
    let mut s = s.trim();
    for cut in ["DOI:", "DOI：", "doi:", "doi：", "http://", "https://"] {
        if let Some(i) = s.find(cut) {
            s = s[..i].trim();
        }
    }
    s.trim_end_matches(['.', '．', '。']).trim()
}

fn gbt(r: &mut Reference, body: &str, tc: &Captures) {
    let (Some(all), Some(code)) = (tc.get(0), tc.get(1)) else {
        return;
    };
    r.kind = Some(code.as_str().to_string());
    set_authors_title(r, &body[..all.start()]);
    let post = strip_end(&body[all.end()..]);
    let post = post.trim_start_matches(['.', '．', '。']).trim();
    let code = code.as_str();
    match code {
        "J" => {
            if let Some(c) = JOURNAL.captures(post) {
                r.container = opt(&c, "c");
                r.year = year(&c, "y");
                r.volume = opt(&c, "v");
                r.issue = opt(&c, "i");
                r.pages = opt(&c, "p");
            }
        }
        "N" => {
            if let Some(c) = NEWSPAPER.captures(post) {
                r.container = opt(&c, "c");
                r.year = year(&c, "y");
                r.pages = opt(&c, "p");
            }
        }
        "C" | "A" | "M" | "D" | "R" | "S" | "G" | "Z" | "K" => {
            let post = post.trim_start_matches("//").trim();
            if let Some(c) = MONOGRAPH.captures(post) {
                if let Some(head) = opt(&c, "head") {
                    // `//主编.论文集名` or `//论文集名`: the container is the last segment.
                    let last = head.rsplit(['.', '．']).next().unwrap_or(&head);
                    r.container = Some(last.trim().to_string());
                }
                r.place = opt(&c, "place");
                r.publisher = opt(&c, "pub");
                r.year = year(&c, "y");
                r.pages = opt(&c, "p");
            } else if let Some(c) = YEAR.captures(post) {
                r.year = c.get(1).and_then(|m| m.as_str().parse().ok());
            }
        }
        _ => {
            // Electronic resources, patents, ...: the year of the first date printed.
            let before_url = URL.find(post).map_or(post, |m| &post[..m.start()]);
            if let Some(c) = YEAR.captures(before_url) {
                r.year = c.get(1).and_then(|m| m.as_str().parse().ok());
            }
            let head = before_url
                .split(['(', '（', '['])
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches([',', '，', '.', '．'])
                .trim();
            if let Some((publisher, _)) = head.rsplit_once([',', '，']) {
                r.publisher = Some(publisher.trim().to_string()).filter(|p| !p.is_empty());
            } else if head.chars().any(char::is_alphabetic) {
                r.publisher = Some(head.to_string());
            }
        }
    }
}

/// `作者.题名（注）` → authors, title and note; without a separator it is all title.
fn set_authors_title(r: &mut Reference, pre: &str) {
    let pre = pre.trim().trim_end_matches(['.', '．', '。']).trim();
    let split = pre.char_indices().find(|&(i, ch)| {
        matches!(ch, '．' | '。')
            || (ch == '.'
                && pre[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| !n.is_ascii_digit()))
    });
    let (authors, title) = match split {
        Some((i, ch)) if i > 0 => (&pre[..i], pre[i + ch.len_utf8()..].trim()),
        _ => ("", pre),
    };
    r.authors = split_authors(authors);
    let (title, note) = split_note(title);
    r.title = Some(title).filter(|t| !t.is_empty());
    r.title_note = note;
}

fn split_note(title: &str) -> (String, Option<String>) {
    let t = title.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if t.ends_with(close)
            && let Some(i) = t.rfind(open)
            && i > 0
        {
            let note = t[i + open.len_utf8()..t.len() - close.len_utf8()].trim();
            return (t[..i].trim().to_string(), Some(note.to_string()));
        }
    }
    (t.to_string(), None)
}

fn split_authors(s: &str) -> Vec<String> {
    s.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|a| !a.is_empty() && !matches!(*a, "等" | "et al" | "et al." | "等."))
        .map(|a| a.trim_end_matches(" et al").to_string())
        .collect()
}

fn apa(r: &mut Reference, c: &Captures) {
    r.year = year(c, "y");
    // `Smith, J. A., Lee, K., & Brown, P.`: surname–initials pairs separated by `., `.
    let authors = c["a"].replace("& ", "").replace(", and ", ", ");
    let mut names = Vec::new();
    for part in authors.split("., ") {
        let part = part.trim().trim_end_matches(',').trim();
        if part.is_empty() {
            continue;
        }
        let name = if part.ends_with('.') || !part.contains(',') {
            part.to_string()
        } else {
            format!("{part}.")
        };
        names.push(name);
    }
    r.authors = names;
    let rest = c["rest"].trim();
    // The title ends at the first `. ` (or `? `/`! `, which stay part of it).
    let cut = rest
        .char_indices()
        .find(|&(i, ch)| matches!(ch, '.' | '?' | '!') && rest[i + 1..].starts_with(' '));
    let (title, tail) = match cut {
        Some((i, ch)) => {
            let keep = if ch == '.' { i } else { i + 1 };
            (&rest[..keep], rest[i + 1..].trim())
        }
        None => (rest.trim_end_matches('.'), ""),
    };
    r.title = Some(title.trim().to_string());
    if let Some(j) = APA_JOURNAL.captures(tail) {
        r.container = opt(&j, "c");
        r.volume = opt(&j, "v");
        r.issue = opt(&j, "i");
        r.pages = opt(&j, "p");
    } else {
        let publisher = strip_end(tail);
        if let Some((place, publ)) = publisher.split_once(": ") {
            r.place = Some(place.trim().to_string());
            r.publisher = Some(publ.trim().to_string());
        } else if !publisher.is_empty() {
            r.publisher = Some(publisher.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbt_journal_and_book() {
        let r = parse("[4]王小明,李红.社区治理的三种模式[J].社会学研究,2008,23(4):45-60.");
        assert_eq!(r.number, Some(4));
        assert_eq!(r.authors, ["王小明", "李红"]);
        assert_eq!(r.title.as_deref(), Some("社区治理的三种模式"));
        assert_eq!(r.kind.as_deref(), Some("J"));
        assert_eq!(r.container.as_deref(), Some("社会学研究"));
        assert_eq!(r.year, Some(2008));
        assert_eq!(
            (r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()),
            (Some("23"), Some("4"), Some("45-60"))
        );
        let r = parse(
            "[2]中共中央关于加强和改进新形势下党的建设若干重大问题的决定（辅导读本）[M].北京：人民出版社，2009.",
        );
        assert!(r.authors.is_empty());
        assert_eq!(r.title_note.as_deref(), Some("辅导读本"));
        assert_eq!(r.place.as_deref(), Some("北京"));
        assert_eq!(r.publisher.as_deref(), Some("人民出版社"));
    }

    #[test]
    fn untyped_bulletin() {
        let r = parse("[1]浦东新区深入学习实践科学发展观活动简报（内部刊物），2009(276).");
        assert_eq!(
            r.title.as_deref(),
            Some("浦东新区深入学习实践科学发展观活动简报")
        );
        assert_eq!(r.title_note.as_deref(), Some("内部刊物"));
        assert_eq!((r.year, r.issue.as_deref()), (Some(2009), Some("276")));
        assert_eq!(r.kind, None);
    }

    #[test]
    fn apa_and_vancouver() {
        let r = parse(
            "Smith, J. A., & Lee, K. (2019). Urban gardens and civic life. Journal of Community Studies, 12(3), 45–67. https://doi.org/10.1234/jcs.2019.003",
        );
        assert_eq!(r.authors, ["Smith, J. A.", "Lee, K."]);
        assert_eq!(r.title.as_deref(), Some("Urban gardens and civic life"));
        assert_eq!(r.container.as_deref(), Some("Journal of Community Studies"));
        assert_eq!(r.pages.as_deref(), Some("45–67"));
        assert_eq!(r.doi.as_deref(), Some("10.1234/jcs.2019.003"));
        assert_eq!(r.url, None);
        let r = parse(
            "3. Chen L, Park S, Ortiz R. Sleep and memory in adolescents. Sleep Med. 2018;44(2):101-9.",
        );
        assert_eq!(r.number, Some(3));
        assert_eq!(r.authors, ["Chen L", "Park S", "Ortiz R"]);
        assert_eq!(r.container.as_deref(), Some("Sleep Med"));
        assert_eq!(r.pages.as_deref(), Some("101-9"));
    }
}
