//! Consistency checks over an extracted (or overridden) article. They never change a field:
//! each inconsistency becomes a [`Warning`] for the editor.

use crate::extract::codes;
use crate::model::{Article, Warning};

/// Warning kinds produced here (recomputed from scratch after overrides).
pub const KINDS: &[&str] = &[
    "issn-check-digit",
    "article-number-mismatch",
    "clc-syntax",
    "document-code",
    "page-range",
    "date-order",
];

/// Checks ISSN check digits, the article number against ISSN/year/issue/pages, CLC syntax,
/// the document code, page ranges and date order.
pub fn validate(art: &Article) -> Vec<Warning> {
    let mut out = Vec::new();
    let line = |field: &str| {
        art.provenance
            .get(field)
            .map(|p| p.lines.0)
            .filter(|l| *l > 0)
    };
    let mut warn = |kind: &str, field: &str, message: String| {
        out.push(Warning {
            kind: kind.into(),
            message,
            field: Some(field.into()),
            line: line(field),
        });
    };
    for (field, value) in [("ISSN", &art.issn), ("eISSN", &art.eissn)] {
        if let Some(v) = value
            && !codes::issn_valid(v)
        {
            warn(
                "issn-check-digit",
                field,
                format!("{field} {v}: the check digit does not match"),
            );
        }
    }
    if let Some(p) = &art.article_number_parsed {
        if art.issn.as_deref() != Some(p.issn.as_str()) {
            if !codes::issn_valid(&p.issn) {
                warn(
                    "issn-check-digit",
                    "article_number",
                    format!(
                        "the ISSN {} in the article number has a wrong check digit",
                        p.issn
                    ),
                );
            }
            if let Some(issn) = &art.issn {
                warn(
                    "article-number-mismatch",
                    "article_number",
                    format!(
                        "article number ISSN {} differs from the journal's {issn}",
                        p.issn
                    ),
                );
            }
        }
        if let Some(y) = art.year
            && y != p.year
        {
            warn(
                "article-number-mismatch",
                "article_number",
                format!(
                    "article number year {} differs from the issue year {y}",
                    p.year
                ),
            );
        }
        if let (Some(i), Ok(pi)) = (art.issue, p.issue.parse::<u32>())
            && i != pi
        {
            warn(
                "article-number-mismatch",
                "article_number",
                format!("article number issue {pi} differs from the issue {i}"),
            );
        }
        if let (Some(f), Ok(pf)) = (art.fpage, p.first_page.parse::<u32>())
            && f != pf
        {
            warn(
                "article-number-mismatch",
                "article_number",
                format!("article number first page {pf} differs from fpage {f}"),
            );
        }
        if p.page_count.parse::<u32>().is_ok_and(|c| c == 0) {
            warn(
                "page-range",
                "article_number",
                "article number gives a page count of 0".into(),
            );
        } else if let (Some(l), Some(pl)) = (art.lpage, p.last_page())
            && l != pl
        {
            warn(
                "article-number-mismatch",
                "article_number",
                format!("article number implies last page {pl}, lpage is {l}"),
            );
        }
    }
    if let (Some(f), Some(l)) = (art.fpage, art.lpage)
        && l < f
    {
        warn(
            "page-range",
            "lpage",
            format!("last page {l} is before first page {f}"),
        );
    }
    if let Some(clc) = &art.clc_number {
        for part in codes::clc_parts(clc) {
            if !codes::clc_valid(part) {
                warn(
                    "clc-syntax",
                    "CLC_number",
                    format!("`{part}` is not a CLC number"),
                );
            }
        }
    }
    if let Some(code) = &art.document_code
        && !matches!(code.as_str(), "A" | "B" | "C" | "D" | "E")
    {
        warn(
            "document-code",
            "document_code",
            format!("document code `{code}` is not one of A–E"),
        );
    }
    for (k, r) in art.references.iter().enumerate() {
        if let Some(p) = &r.pages
            && reversed_range(p)
        {
            warn(
                "page-range",
                "references",
                format!(
                    "reference {}: page range {p} runs backwards",
                    r.number.unwrap_or(k as u32 + 1)
                ),
            );
        }
    }
    let d = &art.dates;
    let order = [
        ("received", &d.received),
        ("revised", &d.revised),
        ("accepted", &d.accepted),
        ("published", &d.published),
    ];
    let known: Vec<(&str, &String)> = order
        .iter()
        .filter_map(|(n, v)| v.as_ref().map(|v| (*n, v)))
        .collect();
    for w in known.windows(2) {
        // ISO strings compare in date order (a month-only date sorts before its days).
        if w[1].1 < w[0].1 && !w[0].1.starts_with(w[1].1.as_str()) {
            let field = format!("dates.{}", w[1].0);
            warn(
                "date-order",
                &field,
                format!("{} {} is before {} {}", w[1].0, w[1].1, w[0].0, w[0].1),
            );
        }
    }
    out
}

/// `45-40` runs backwards; `101-9` is an abbreviated `101-109` and does not.
fn reversed_range(p: &str) -> bool {
    let Some((a, b)) = p.split_once(['-', '–', '~']) else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    let (Ok(x), Ok(y)) = (a.parse::<u64>(), b.parse::<u64>()) else {
        return false;
    };
    if b.len() < a.len() {
        let full = format!("{}{}", &a[..a.len() - b.len()], b);
        return full.parse::<u64>().is_ok_and(|f| f < x);
    }
    y < x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert!(reversed_range("45-40"));
        assert!(!reversed_range("101-9"));
        assert!(!reversed_range("45-60"));
        assert!(reversed_range("105-3"));
    }
}
