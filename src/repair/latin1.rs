//! UTF-8 read as Latin-1/cp1252 (`donâ€™t`, `æ–‡ç« `), fixed the way ftfy does: a run of
//! characters that re-encodes to cp1252 bytes forming valid multi-byte UTF-8 is decoded again.
//! Legitimate Latin text (`café`, `Zürich`, `naïve`) never forms valid UTF-8 sequences.

use crate::audit::{Audit, Entry, Kind};

/// cp1252 byte for `c`, including the C1 controls Latin-1 decoding leaves for 0x80–0x9F.
fn cp1252(c: char) -> Option<u8> {
    let u = c as u32;
    if (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

fn seq_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Prefilter, for a line or a whole text: a UTF-8 lead byte read as Latin-1 (U+00C2–U+00F4,
/// encoded C3 82–C3 B4) followed by a continuation byte read as cp1252, or a two-byte lead
/// followed by a space (a no-break space that was lost): every repair `fix_line` makes begins
/// so. Pinyin tone letters (à, é, ü) are in the lead range too, but letters follow them:
/// checking the next character keeps annotated pages off the slow path.
pub fn suspect(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(p) = b[from..].iter().position(|&x| x == 0xC3) {
        let i = from + p;
        from = i + 1;
        let Some(&lead @ 0x82..=0xB4) = b.get(i + 1) else {
            continue;
        };
        // `i + 2` ends the two-byte character at `i`, which stands for the byte 0x40 + `lead`.
        let two_byte = lead <= 0x9F;
        let next = text.get(i + 2..).and_then(|r| r.chars().next());
        let continues = |c: char| cp1252(c).is_some_and(|x| (0x80..=0xBF).contains(&x));
        if next.is_some_and(|c| continues(c) || (two_byte && c == ' ')) {
            return true;
        }
    }
    false
}

/// Fixes one line; `None` when nothing changes.
pub fn fix_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    if !suspect(line) {
        return None;
    }
    fix_unfiltered(line, line_no, audit)
}

fn fix_unfiltered(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    let v: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut byte = 0;
    let mut i = 0;
    while i < v.len() {
        let n = cp1252(v[i]).map_or(0, seq_len);
        if n > 0 && i + n <= v.len() + 1 {
            let mut bytes: Vec<u8> = Vec::with_capacity(n);
            for k in 0..n {
                match v.get(i + k).and_then(|&c| cp1252(c)) {
                    Some(b) => bytes.push(b),
                    // ftfy: a lost NBSP (0xA0) often became a plain space.
                    None if k == n - 1 && v.get(i + k) == Some(&' ') => bytes.push(0xA0),
                    None => break,
                }
            }
            if bytes.len() == n
                && let Ok(s) = std::str::from_utf8(&bytes)
            {
                let before: String = v[i..i + n].iter().collect();
                audit.push(Entry {
                    kind: Kind::Mojibake,
                    line: line_no,
                    span: (byte, byte + before.len()),
                    after: s.to_string(),
                    confidence: 0.95,
                    before: before.clone(),
                    ..Default::default()
                });
                out.push_str(s);
                byte += before.len();
                i += n;
                changed = true;
                continue;
            }
        }
        out.push(v[i]);
        byte += v[i].len_utf8();
        i += 1;
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fix_line(s, 1, &mut Audit::default()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn pinyin_tone_letters_are_not_suspects() {
        assert!(!suspect("鎮(zhèn)東南社區(qū)的(de)建(jiàn)設(shè)"));
        assert!(!suspect("café in Zürich, naïve façade"));
        assert!(suspect("donâ€™t"));
        assert!(suspect("æ–‡ç« "));
        assert!(suspect("Ã ")); // à, its no-break space lost
    }

    /// `suspect` only skips lines the repair would leave alone: mojibake of random UTF-8 text
    /// (its no-break spaces sometimes lost to spaces), mixed with pinyin and Latin text.
    #[test]
    fn suspect_never_skips_a_repair() {
        let pool = [
            "文章", "’", "é", "ü", "à", "€", "—", "“", "¢", "ǎ", "ñ", " ", "x", "(dù)",
        ];
        let mut next = crate::repair::test_rng(0x2545_F491_4F6C_DD1Du64);
        let mut repaired = 0;
        for _ in 0..5000 {
            let mut line = String::new();
            for _ in 0..1 + next(6) {
                let piece = pool[next(pool.len())];
                if next(2) == 0 {
                    line.push_str(piece);
                    continue;
                }
                // The piece's UTF-8 bytes read as cp1252, as the damage does: a byte's cp1252
                // character above U+00FF (`€`, `’`) where it has one, else its Latin-1 one.
                for &b in piece.as_bytes() {
                    let c = (0x100u32..=0x2122)
                        .chain(0x80..=0xFF)
                        .filter_map(char::from_u32)
                        .find(|&c| cp1252(c) == Some(b))
                        .unwrap_or(b as char);
                    line.push(if c == '\u{A0}' && next(2) == 0 {
                        ' '
                    } else {
                        c
                    });
                }
            }
            if fix_unfiltered(&line, 1, &mut Audit::default()).is_some() {
                repaired += 1;
                assert!(suspect(&line), "{line:?}");
            }
        }
        assert!(repaired > 1000, "{repaired}");
    }

    #[test]
    fn fixes_mojibake_only() {
        assert_eq!(f("donâ€™t"), "don’t");
        assert_eq!(f("æ–‡ç« "), "文章");
        assert_eq!(f("æ–‡ç«\u{A0}好"), "文章好");
        assert_eq!(
            f("café in Zürich, naïve façade"),
            "café in Zürich, naïve façade"
        );
        assert_eq!(f("Ã©tÃ©"), "été");
    }
}
