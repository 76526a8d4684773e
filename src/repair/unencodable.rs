//! Characters the mirror's GBK encoding could not represent (step E0 of the corruption model)
//! became `?`. Where a `?` (or the garble solver's `？` for one) cannot be a question mark, it
//! is such a loss, and it is marked as one rather than left a question mark: superscript note
//! numbers after an author's name (`杨晨?　林可欣??*`), after an opening bracket (`（?上海`),
//! before a comma (`Chen?, LIN`). Run only on pages that show the GBK damage, after the garble
//! windows are solved.

use crate::audit::{Audit, Entry, Kind};
use crate::model::LOST_CHAR;

/// A question mark does not follow these: it ends a clause, and they open one.
const OPENS: &str = "（([［【〔「『，,；;、：:";
/// Nor come these after it (a full-width space, a footnote star, a clause mark).
const NOT_AFTER: &str = "\u{3000}*，,；;、";

/// Marks the `?` of `line` that stand for a lost character; `None` if there is none.
pub fn mark_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    if !line.contains(['?', '？']) {
        return None;
    }
    let v: Vec<char> = line.chars().collect();
    let mut lost = vec![false; v.len()];
    // Right to left, so that a run of them (`??*`) is decided from its end.
    for i in (0..v.len()).rev() {
        if !matches!(v[i], '?' | '？') {
            continue;
        }
        let prev = i.checked_sub(1).map(|k| v[k]);
        let next = v.get(i + 1).copied();
        // `(?)` is an editor's query.
        if matches!(next, Some(')' | '）')) {
            continue;
        }
        lost[i] = prev.is_some_and(|c| OPENS.contains(c))
            || next.is_some_and(|c| NOT_AFTER.contains(c))
            || (matches!(next, Some('?' | '？')) && lost[i + 1]);
    }
    if !lost.contains(&true) {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for (i, &c) in v.iter().enumerate() {
        if lost[i] {
            audit.push(Entry {
                kind: Kind::LostCharacter,
                line: line_no,
                span: (at, at + c.len_utf8()),
                before: c.to_string(),
                after: LOST_CHAR.to_string(),
                confidence: 0.9,
                note: Some(
                    "a character the mirror's GBK encoding could not represent became `?`".into(),
                ),
                ..Default::default()
            });
            out.push(LOST_CHAR);
        } else {
            out.push(c);
        }
        at += c.len_utf8();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(s: &str) -> String {
        mark_line(s, 1, &mut Audit::default()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn note_numbers_and_bracketed_losses_are_marked() {
        assert_eq!(
            mark("杨晨?\u{3000}林可欣??*"),
            "杨晨\u{FFFD}\u{3000}林可欣\u{FFFD}\u{FFFD}*"
        );
        assert_eq!(mark("（?上海交通大学"), "（\u{FFFD}上海交通大学");
        assert_eq!(mark("杨晨？\u{3000}林可欣"), "杨晨\u{FFFD}\u{3000}林可欣");
        let mut audit = Audit::default();
        mark_line("晨？\u{3000}", 1, &mut audit);
        assert_eq!(
            audit.entries[0].span,
            (3, 6),
            "the span covers the whole `？`"
        );
        assert_eq!(
            mark("YANG Chen?, LIN Kexin"),
            "YANG Chen\u{FFFD}, LIN Kexin"
        );
    }

    #[test]
    fn question_marks_are_kept() {
        for s in [
            "你睡得香吗?",
            "为什么?我们这样做",
            "Why? Because",
            "存疑(?)",
        ] {
            assert_eq!(mark(s), s);
        }
    }
}
