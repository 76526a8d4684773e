//! Control characters: C0 (except tab) and C1 are invalid in JATS XML and never meant as text.

use crate::audit::{Audit, Entry, Kind};

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FEFF}'
}

/// Byte prefilter, for a line or a whole text: C0 and DEL are single bytes, C1 starts with
/// C2, U+FEFF with EF. Line ends pass (`lines` removes them); a CR merely sends each line
/// to the exact check.
pub fn suspect(text: &str) -> bool {
    // Branch-free over 64-byte chunks, so it vectorises.
    text.as_bytes().chunks(64).any(|ch| {
        ch.iter().fold(false, |acc, &b| {
            acc | (b < 0x20 && b != b'\t' && b != b'\n') | (b == 0x7F) | (b == 0xC2)
        })
    }) || text.contains('\u{FEFF}')
}

/// Removes control characters from one line; `None` when there are none.
pub fn fix_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    if !suspect(line) || !line.chars().any(is_control) {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        if is_control(c) {
            audit.push(Entry {
                kind: Kind::ControlCharacter,
                line: line_no,
                span: (i, i + c.len_utf8()),
                before: c.to_string(),
                after: String::new(),
                confidence: 1.0,
                note: Some(format!("U+{:04X}", c as u32)),
                ..Default::default()
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_c0_c1_keeps_tab() {
        let mut a = Audit::default();
        assert_eq!(
            fix_line("a\u{1}b\tc\u{85}d\u{7f}", 1, &mut a).as_deref(),
            Some("ab\tcd")
        );
        assert_eq!(a.count(Kind::ControlCharacter), 3);
        assert_eq!(fix_line("中文\t", 1, &mut a), None);
    }
}
