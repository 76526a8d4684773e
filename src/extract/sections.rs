//! Body text → sections. Headings are recognised by their numbering (`一、`, `（一）`, `1.`,
//! `1.1`, `（1）`) or a few unnumbered names (`引言`, `Introduction`); levels follow the order in
//! which the numbering styles first appear, which is how Chinese and English articles nest them.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Section;

static CN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<l>[一二三四五六七八九十]{1,3}[、．.])\s*").expect("cn heading")
});
static CN_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<l>[（(][一二三四五六七八九十]{1,3}[）)])\s*").expect("cn paren heading")
});
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<l>\d{1,2}(?:[.．]\d{1,2}){1,3}[.．]?)\s*").expect("decimal heading")
});
static ARABIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<l>\d{1,2}(?:[.．、]|\s))\s*").expect("arabic heading"));
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<l>[（(]\d{1,2}[）)])\s*").expect("arabic paren heading"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<l>(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.)\s+").expect("roman heading")
});
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<l>第[一二三四五六七八九十]{1,3}[章节部分])\s*").expect("chapter heading")
});
static UNNUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:引\s*言|前\s*言|结\s*语|结\s*论|结束语|余\s*论|致\s*谢|Introduction|INTRODUCTION|Background|Methods|Materials and [Mm]ethods|Results|Discussion|Conclusions?|CONCLUSIONS?|Acknowledge?ments)$",
    )
    .expect("unnumbered heading")
});

/// Numbering styles; a style's level is its rank of first appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Chapter,
    Roman,
    Cn,
    CnParen,
    Decimal(usize),
    ArabicParen,
    Unnumbered,
}

struct Heading {
    style: Style,
    label: Option<String>,
    title: String,
    /// Text after a run-in heading.
    rest: Option<String>,
}

const MAX_TITLE: usize = 60;

fn ends_like_sentence(t: &str) -> bool {
    t.ends_with(['。', '；', '，', '：', ';', ','])
        || (t.ends_with('.') && !t.ends_with("..") && t.split_whitespace().count() > 12)
}

fn short_title(t: &str) -> bool {
    t.chars().count() <= MAX_TITLE && !ends_like_sentence(t)
}

/// Splits `标题。正文……` at the first full stop; the heading part must be short.
fn run_in(t: &str) -> Option<(String, String)> {
    let i = t.find('。')?;
    let head = &t[..i];
    let rest = t[i + '。'.len_utf8()..].trim();
    (head.chars().count() <= MAX_TITLE && !head.is_empty())
        .then(|| (head.trim().to_string(), rest.to_string()))
}

/// The text after a matched label, if any (capturing it would cost a scan of a long line).
fn after<'a>(line: &'a str, c: &regex::Captures) -> Option<&'a str> {
    c.get(0)
        .map(|m| line[m.end()..].trim())
        .filter(|t| !t.is_empty())
}

fn heading(line: &str, seen: &[Style]) -> Option<Heading> {
    let has = |s: Style| seen.contains(&s);
    let mk = |style, label: &str, title: &str, rest| Heading {
        style,
        label: Some(label.trim().to_string()),
        title: title.trim().to_string(),
        rest,
    };
    if let Some(c) = CHAPTER.captures(line) {
        let t = after(line, &c)?;
        return short_title(t).then(|| mk(Style::Chapter, &c["l"], t, None));
    }
    if let Some(c) = ROMAN.captures(line) {
        let t = after(line, &c)?;
        let upper = t.chars().next().is_some_and(char::is_uppercase);
        return (upper && short_title(t)).then(|| mk(Style::Roman, &c["l"], t, None));
    }
    if let Some(c) = CN.captures(line) {
        let t = after(line, &c)?;
        if short_title(t) {
            return Some(mk(Style::Cn, &c["l"], t, None));
        }
        return None;
    }
    if let Some(c) = CN_PAREN.captures(line) {
        let t = after(line, &c)?;
        if short_title(t) {
            return Some(mk(Style::CnParen, &c["l"], t.trim_end_matches('。'), None));
        }
        if let Some((head, rest)) = run_in(t) {
            let rest = Some(rest).filter(|r| !r.is_empty());
            return Some(mk(Style::CnParen, &c["l"], &head, rest));
        }
        return None;
    }
    if let Some(c) = DECIMAL.captures(line) {
        let label = c["l"].trim_end_matches(['.', '．']);
        let depth = label.matches(['.', '．']).count() + 1;
        let t = after(line, &c)?;
        if short_title(t) && !t.starts_with(|ch: char| ch.is_ascii_digit()) {
            return Some(mk(Style::Decimal(depth), &c["l"], t, None));
        }
        return None;
    }
    if let Some(c) = ARABIC.captures(line) {
        let t = after(line, &c)?;
        let spaced = c["l"].ends_with(char::is_whitespace);
        let starts_ok = t
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || !ch.is_ascii());
        if !starts_ok {
            return None;
        }
        if short_title(t) && (!spaced || !t.contains(['。', '，'])) {
            return Some(mk(Style::Decimal(1), &c["l"], t, None));
        }
        // `1.加强领导。正文……` runs in only below a Chinese-numbered level.
        if !spaced
            && (has(Style::Cn) || has(Style::CnParen))
            && let Some((head, rest)) = run_in(t)
            && head.chars().count() <= 30
        {
            let rest = Some(rest).filter(|r| !r.is_empty());
            return Some(mk(Style::Decimal(1), &c["l"], &head, rest));
        }
        return None;
    }
    if let Some(c) = ARABIC_PAREN.captures(line) {
        let t = after(line, &c)?;
        if short_title(t) && t.chars().count() <= 30 {
            return Some(mk(Style::ArabicParen, &c["l"], t, None));
        }
        return None;
    }
    if UNNUMBERED.is_match(line) {
        return Some(Heading {
            style: Style::Unnumbered,
            label: None,
            title: line.to_string(),
            rest: None,
        });
    }
    None
}

/// Builds sections from body lines (line number, text); returns the sections and, for each,
/// the first and last line it covers.
pub fn build(lines: &[(usize, &str)]) -> Vec<(Section, (usize, usize))> {
    let mut out: Vec<(Section, (usize, usize))> = Vec::new();
    let mut order: Vec<Style> = Vec::new();
    for &(no, line) in lines {
        let h = heading(line, &order);
        let Some(h) = h else {
            match out.last_mut() {
                Some((s, span)) => {
                    s.paragraphs.push(line.to_string());
                    span.1 = no;
                }
                None => out.push((
                    Section {
                        level: 0,
                        paragraphs: vec![line.to_string()],
                        ..Default::default()
                    },
                    (no, no),
                )),
            }
            continue;
        };
        // Unnumbered headings (引言, Introduction) sit at the top level.
        let style = if h.style == Style::Unnumbered {
            order.first().copied().unwrap_or(Style::Unnumbered)
        } else {
            h.style
        };
        if !order.contains(&style) {
            order.push(style);
        }
        let level = order.iter().position(|s| *s == style).map_or(1, |p| p + 1);
        let level = u8::try_from(level).unwrap_or(u8::MAX);
        let run_in = h.rest.is_some();
        out.push((
            Section {
                level,
                label: h.label,
                title: Some(h.title),
                run_in,
                paragraphs: h.rest.into_iter().collect(),
            },
            (no, no),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Shape = (u8, Option<String>, Option<String>, bool, usize);

    fn shape(text: &str) -> Vec<Shape> {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        build(&lines)
            .into_iter()
            .map(|(s, _)| (s.level, s.label, s.title, s.run_in, s.paragraphs.len()))
            .collect()
    }

    #[test]
    fn chinese_levels_and_run_in() {
        let s =
            shape("导语。\n一、做法\n（一）打造亮点——工作室。为进一步创新。\n一是载体。\n二、成效");
        assert_eq!(s.len(), 4);
        assert_eq!(
            s[1],
            (1, Some("一、".into()), Some("做法".into()), false, 0)
        );
        assert_eq!(
            s[2],
            (
                2,
                Some("（一）".into()),
                Some("打造亮点——工作室".into()),
                true,
                2
            )
        );
        assert_eq!(s[3].0, 1);
    }

    #[test]
    fn roman_and_chapter_headings() {
        let s = shape(
            "I. INTRODUCTION\nText.\nII. RELATED WORK\nI. am not a heading, this is a sentence that goes on.",
        );
        assert_eq!(s.len(), 2);
        assert_eq!((s[1].0, s[1].1.as_deref()), (1, Some("II.")));
        let s = shape("第一章 绪论\n正文。\n一、背景\n正文。");
        assert_eq!((s[0].0, s[1].0), (1, 2));
    }

    #[test]
    fn decimal_and_english() {
        let s = shape("1 Introduction\nText.\n1.1 Data\nMore.\n2. Methods\n2.1.1 Sample");
        let levels: Vec<u8> = s.iter().map(|x| x.0).collect();
        assert_eq!(levels, [1, 2, 1, 3]);
        // A numbered sentence in the body is a paragraph, not a heading.
        let s =
            shape("Intro text.\n3 patients were excluded because of missing data, which left 40.");
        assert_eq!(s.len(), 1);
    }
}
