//! Header and back-matter codes: ISSN (with its check digit), CN, CLC number (中图分类号),
//! document code (文献标识码), article number (文章编号) and DOI.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::ArticleNumber;

/// An ISSN as printed somewhere in a value.
pub static ISSN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})\s*[-‐–]\s*(\d{3}[\dXx])\b").expect("issn regex"));

/// 国内统一刊号 `CN 31-1564/D`.
pub static CN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2}-\d{4}/[A-Z0-9]{1,3})\b").expect("cn regex"));

/// 文章编号 `ISSN(YYYY)NN-PPPP-CC`, tolerant of full-width brackets and spaces.
static ARTNO_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<issn>\d{4}-\d{3}[\dXx])\s*[(（]\s*(?P<year>\d{4})\s*[)）]\s*(?P<issue>[A-Z]?\d{1,3})\s*[-‐–]\s*(?P<fp>\d{1,5})\s*[-‐–]\s*(?P<cnt>\d{1,3})$",
    )
    .expect("article number regex")
});

/// One CLC number: a class letter (two for the T subclasses), digits, dotted extensions and
/// the auxiliary tables' marks (`-`, `=`, `+`, `:`, `/`, `()`, `""`, `<>`).
static CLC_ONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^(?:[A-KNOPQRSUVXZ]|T[BDEFGHJKLMNPQSUV]?)\d{1,4}(?:\.\d{1,4})*(?:(?:[-=+:/]|\.0)\d{1,4}(?:\.\d{1,4})*|\([^()]{1,10}\)|"\d{1,4}"|<\d{1,4}>)*$"#,
    )
    .expect("clc regex")
});

/// A line that is only CLC numbers: the unlabelled back-matter style of the sample (`D267`).
static BARE_CLC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z]{1,2}\d{1,4}(?:\.\d{1,4})*(?:\s*[；;,，]\s*[A-Z]{1,2}\d{1,4}(?:\.\d{1,4})*)*$",
    )
    .expect("bare clc regex")
});

static DOI_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(10\.\d{4,9}/[^\s，；。]+)").expect("doi regex"));

/// The CLC numbers of a printed value, split on `；`/`;`/`,`/spaces.
pub fn clc_parts(value: &str) -> Vec<&str> {
    value
        .split(['；', ';', '，', ',', ' ', '　'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether one CLC number has the syntax of the classification.
pub fn clc_valid(one: &str) -> bool {
    CLC_ONE.is_match(one)
}

pub fn is_bare_clc(line: &str) -> bool {
    BARE_CLC.is_match(line.trim()) && clc_parts(line).iter().all(|p| clc_valid(p))
}

/// A document code (`A`–`E`, as printed; `A` also for `A类`).
pub fn doc_code(value: &str) -> Option<String> {
    let v = value.trim().trim_end_matches(['类', '.', '。']).trim();
    (v.len() == 1 && v.chars().all(|c| c.is_ascii_uppercase())).then(|| v.to_string())
}

pub fn is_bare_doc_code(line: &str) -> bool {
    matches!(line.trim(), "A" | "B" | "C" | "D" | "E")
}

/// Splits `1009-928X(2010)04-0045-03` into its parts.
pub fn parse_article_number(value: &str) -> Option<ArticleNumber> {
    let c = ARTNO_RE.captures(value.trim())?;
    Some(ArticleNumber {
        issn: c["issn"].to_ascii_uppercase(),
        year: c["year"].parse().ok()?,
        issue: c["issue"].to_string(),
        first_page: c["fp"].to_string(),
        page_count: c["cnt"].to_string(),
    })
}

pub fn is_article_number(line: &str) -> bool {
    ARTNO_RE.is_match(line.trim())
}

/// The first ISSN in a value, normalised to `NNNN-NNNC`.
pub fn find_issn(value: &str) -> Option<String> {
    ISSN_RE
        .captures(value)
        .map(|c| format!("{}-{}", &c[1], c[2].to_ascii_uppercase()))
}

/// ISSN check digit (ISO 3297: weights 8..2, mod 11, 10 → `X`).
pub fn issn_valid(issn: &str) -> bool {
    let digits: Vec<char> = issn.chars().filter(|c| *c != '-').collect();
    if digits.len() != 8 {
        return false;
    }
    let mut sum = 0u32;
    for (i, c) in digits[..7].iter().enumerate() {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        sum += d * (8 - i as u32);
    }
    let check = (11 - sum % 11) % 11;
    let printed = match digits[7] {
        'X' | 'x' => 10,
        c => match c.to_digit(10) {
            Some(d) => d,
            None => return false,
        },
    };
    check == printed
}

/// A DOI found in a value (`DOI:10.…`, `https://doi.org/10.…`), trailing dots removed.
pub fn find_doi(value: &str) -> Option<String> {
    DOI_RE
        .captures(value)
        .map(|c| c[1].trim_end_matches(['.', '。', ')', '）']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issn_check_digits() {
        assert!(issn_valid("1009-928X"));
        assert!(issn_valid("0317-8471"));
        assert!(issn_valid("2049-3630"));
        assert!(!issn_valid("1009-9281"));
        assert!(!issn_valid("1009-92"));
    }

    #[test]
    fn article_number_parts() {
        let a = parse_article_number("1009-928X(2010)04-0045-03").expect("parses");
        assert_eq!(a.issn, "1009-928X");
        assert_eq!(a.year, 2010);
        assert_eq!((a.issue.as_str(), a.first_page.as_str()), ("04", "0045"));
        assert_eq!(a.last_page(), Some(47));
        assert!(parse_article_number("1009-928X(2010)04-0045").is_none());
        let s = parse_article_number("1009-928X（2010）S1-0045-03").expect("supplement");
        assert_eq!(s.issue, "S1");
    }

    #[test]
    fn clc_syntax() {
        for ok in [
            "D267",
            "G642.0",
            "TP391.1",
            "F832.5",
            "I207.22",
            "D261.4-2",
            "K825.6=74",
        ] {
            assert!(clc_valid(ok), "{ok}");
        }
        for bad in ["267", "L123", "D2G7", "d267", "DD"] {
            assert!(!clc_valid(bad), "{bad}");
        }
        assert!(is_bare_clc("D267"));
        assert!(is_bare_clc("D267；D261.4"));
        assert!(!is_bare_clc("A"));
        assert!(!is_bare_clc("CO2"));
    }
}
