//! Control characters: C0 (except tab) and C1 are invalid in JATS XML and never meant as text.

use crate::audit::{Audit, Entry, Kind};

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FEFF}'
}

/// Removes control characters from one line; `None` when there are none.
pub fn fix_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    // Byte prefilter: C0 and DEL are single bytes, C1 starts with C2, U+FEFF with EF.
    let maybe = line
        .bytes()
        .any(|b| (b < 0x20 && b != b'\t') || b == 0x7F || b == 0xC2)
        || line.contains('\u{FEFF}');
    if !maybe || !line.chars().any(is_control) {
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
