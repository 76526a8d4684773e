//! Pinyin reading annotations: `鎮(zhèn)` → `鎮`.
//!
//! The mirror inserted `(reading)` after dictionary characters. An annotation is removed only
//! where the parenthesised syllable is a reading of the character before it (any of its
//! heteronym readings, of the character as written or of its simplified form), so genuine
//! parenthesised pinyin or words survive.

use rustc_hash::FxHashSet as HashSet;

use pinyin::ToPinyinMulti;

use super::lm::is_han;
use crate::audit::{Audit, Entry, Kind};

/// Every toned syllable the pinyin data knows, for recognising annotation text. The pinyin
/// crate's syllables are static strings: the set borrows them rather than copying some 40,000
/// readings at every start-up.
pub struct Readings {
    syllables: HashSet<&'static str>,
}

impl Readings {
    pub fn new() -> Self {
        let mut syllables = HashSet::default();
        for cp in 0x3400u32..=0x9FFF {
            if let Some(m) = char::from_u32(cp).and_then(|c| c.to_pinyin_multi()) {
                syllables.extend(m.into_iter().map(|p| p.with_tone()));
            }
        }
        Readings { syllables }
    }

    /// The toned syllable `s`, as the pinyin crate's own string: callers keep it without
    /// copying.
    pub fn syllable(&self, s: &str) -> Option<&'static str> {
        self.syllables.get(s).copied()
    }
}

impl Default for Readings {
    fn default() -> Self {
        Self::new()
    }
}

/// True when `p` (normalised) is a reading of `c` or of `simplified`.
pub fn reads(c: char, simplified: char, p: &str) -> bool {
    [c, simplified].iter().any(|ch| {
        ch.to_pinyin_multi()
            .is_some_and(|m| m.into_iter().any(|r| r.with_tone() == p))
    })
}

/// Lower-cases and writes `v` as `ü`, as the pinyin data spells it.
pub fn normalize(p: &str) -> String {
    p.chars().map(spelled).collect()
}

/// One letter as the pinyin data spells it (see `normalize`).
fn spelled(c: char) -> char {
    match c {
        'v' => 'ü',
        // ASCII first: Unicode case tables were a hundredth of damaged-page time here.
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn is_py_letter(c: char) -> bool {
    c.is_ascii_lowercase()
        || matches!(
            c,
            'ā' | 'á'
                | 'ǎ'
                | 'à'
                | 'ē'
                | 'é'
                | 'ě'
                | 'è'
                | 'ī'
                | 'í'
                | 'ǐ'
                | 'ì'
                | 'ō'
                | 'ó'
                | 'ǒ'
                | 'ò'
                | 'ū'
                | 'ú'
                | 'ǔ'
                | 'ù'
                | 'ǖ'
                | 'ǘ'
                | 'ǚ'
                | 'ǜ'
                | 'ü'
                | 'ê'
                | 'ḿ'
                | 'ń'
                | 'ň'
                | 'ǹ'
        )
}

/// Longest syllable `syllable_at` reads, in characters.
const MAX_SYLLABLE: usize = 7;

/// A syllable starting at `chars[i]` and closed by `)`: returns (syllable, index after `)`).
/// It runs at every `(` and `?` of a page, so it allocates nothing.
pub fn syllable_at(chars: &[char], i: usize, r: &Readings) -> Option<(&'static str, usize)> {
    let mut j = i;
    while j < chars.len() && j - i < MAX_SYLLABLE && is_py_letter(chars[j]) {
        j += 1;
    }
    if j == i || chars.get(j) != Some(&')') {
        return None;
    }
    // `normalize` on a stack buffer.
    let mut buf = [0u8; 4 * MAX_SYLLABLE];
    let p = super::spell_on_stack(chars[i..j].iter().map(|&c| spelled(c)), &mut buf)?;
    r.syllable(p).map(|p| (p, j + 1))
}

/// An annotation `(syllable)` at `chars[i] == '('`: returns (syllable, index after `)`).
pub fn annotation_at(chars: &[char], i: usize, r: &Readings) -> Option<(&'static str, usize)> {
    if chars.get(i) != Some(&'(') {
        return None;
    }
    syllable_at(chars, i + 1, r)
}

/// Removes every `X(p)` annotation whose `p` reads `X`; records each removal.
pub fn strip_line(
    line: &str,
    line_no: usize,
    r: &Readings,
    t2s: &dyn Fn(char) -> char,
    audit: Option<&mut Audit>,
) -> Option<String> {
    if !line.contains('(') {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut entries = Vec::new();
    let mut byte = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '('
            && i > 0
            && is_han(chars[i - 1])
            && let Some((p, end)) = annotation_at(&chars, i, r)
            && reads(chars[i - 1], t2s(chars[i - 1]), p)
        {
            let before: String = chars[i..end].iter().collect();
            let len = before.len();
            entries.push(Entry {
                kind: Kind::PinyinAnnotation,
                line: line_no,
                span: (byte, byte + len),
                after: String::new(),
                confidence: 0.99,
                note: Some(format!("reading of {}", chars[i - 1])),
                before,
                ..Default::default()
            });
            byte += len;
            i = end;
            continue;
        }
        out.push(c);
        byte += c.len_utf8();
        i += 1;
    }
    if entries.is_empty() {
        return None;
    }
    if let Some(a) = audit {
        a.entries.extend(entries);
    }
    Some(out)
}

/// The line with every `(syllable)` removed, whatever precedes it (a view for matching only).
/// `found` hears of each one removed, with the character before it.
pub fn without_annotations<'a>(
    line: &'a str,
    r: &Readings,
    mut found: impl FnMut(Option<char>, &str),
) -> std::borrow::Cow<'a, str> {
    if !line.contains('(') {
        return line.into();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((p, e)) = annotation_at(&chars, i, r) {
            found(i.checked_sub(1).map(|j| chars[j]), p);
            i = e;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_only_true_readings() {
        let r = Readings::new();
        let id = |c: char| c;
        let t2s = |c: char| match c {
            '鎮' => '镇',
            '區' => '区',
            _ => c,
        };
        assert_eq!(
            strip_line("周浦鎮(zhèn)東南社區(qū)", 1, &r, &t2s, None).as_deref(),
            Some("周浦鎮東南社區")
        );
        // Not a reading of 江: kept.
        assert_eq!(strip_line("長江(hé)流域", 1, &r, &id, None), None);
        // Genuine parenthesised words are not single syllables.
        assert_eq!(strip_line("北京(Beijing)", 1, &r, &id, None), None);
    }

    #[test]
    fn syllables_close_with_a_paren() {
        let r = Readings::new();
        let at = |s: &str, i: usize| syllable_at(&s.chars().collect::<Vec<_>>(), i, &r);
        assert_eq!(at("鎮(zhèn)東", 2), Some(("zhèn", 7)));
        assert_eq!(at("lvè)", 0), Some(("lüè", 4)));
        assert_eq!(at("zhèn東", 0), None, "no `)`");
        assert_eq!(at("zhuàngg)", 0), None, "not a syllable");
        assert_eq!(at("Zhèn)", 0), None, "upper case is not annotation text");
    }

    #[test]
    fn heteronyms_count() {
        assert!(reads('當', '当', "dāng"));
        assert!(reads('當', '当', "dàng"));
        assert!(!reads('當', '当', "shù"));
        assert_eq!(normalize("lv"), "lü");
    }
}
