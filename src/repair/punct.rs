//! Punctuation: the mirror mapped full-width `，；？：（）` to ASCII everywhere, so their width is
//! lost. Restore full width in CJK context; keep ASCII in Latin and numeric contexts and in the
//! reference style (`2009(276).`, `[M].北京`, `1009-928X(2010)04-0045-03`).

use super::lm::{is_cjk_punct, is_han};
use crate::audit::{Audit, Entry, Kind};

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_punct(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c))
}

/// Converts one line; `None` when nothing changes.
pub fn fix_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    // A byte scan: a char-set `contains` was a tenth of clean-text normalize time.
    if !line
        .bytes()
        .any(|b| matches!(b, b',' | b';' | b':' | b'?' | b'!' | b'(' | b')'))
    {
        return None;
    }
    let v: Vec<char> = line.chars().collect();
    let mut out = v.clone();
    // Parentheses: a pair whose content has Han characters.
    let mut stack = Vec::new();
    for (i, &c) in v.iter().enumerate() {
        match c {
            '(' => stack.push(i),
            ')' => {
                if let Some(open) = stack.pop()
                    && v[open + 1..i].iter().any(|&c| is_han(c))
                {
                    out[open] = '（';
                    out[i] = '）';
                }
            }
            _ => {}
        }
    }
    for i in 0..v.len() {
        let full = match v[i] {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            _ => continue,
        };
        let prev = if i > 0 { Some(out[i - 1]) } else { None };
        let next = v.get(i + 1).copied();
        let digit_around =
            prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit());
        if !digit_around
            && (cjk(prev) || (cjk(next) && !prev.is_some_and(|c| c.is_ascii_alphabetic())))
        {
            out[i] = full;
        }
    }
    if out == v {
        return None;
    }
    let mut byte = 0;
    for (a, b) in v.iter().zip(&out) {
        if a != b {
            audit.push(Entry {
                kind: Kind::Punctuation,
                line: line_no,
                span: (byte, byte + a.len_utf8()),
                before: a.to_string(),
                after: b.to_string(),
                confidence: 0.9,
                ..Default::default()
            });
        }
        byte += a.len_utf8();
    }
    Some(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fix_line(s, 1, &mut Audit::default()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn cjk_context_only() {
        assert_eq!(f("(一)打造,聊聊;好:是?"), "（一）打造，聊聊；好：是？");
        assert_eq!(
            f("简报(内部刊物),2009(276)."),
            "简报（内部刊物），2009(276)."
        );
        assert_eq!(
            f("[M].北京:人民出版社,2009."),
            "[M].北京：人民出版社，2009."
        );
        assert_eq!(f("1009-928X(2010)04-0045-03"), "1009-928X(2010)04-0045-03");
        assert_eq!(
            f("Hello, world (really): yes?"),
            "Hello, world (really): yes?"
        );
        assert_eq!(f("1,000 人"), "1,000 人");
    }
}
