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

/// Prefilter, for a line or a whole text: every UTF-8 lead byte read as Latin-1
/// (U+00C2–U+00F4) is encoded C3 xx.
pub fn suspect(text: &str) -> bool {
    text.as_bytes().contains(&0xC3)
}

/// Fixes one line; `None` when nothing changes.
pub fn fix_line(line: &str, line_no: usize, audit: &mut Audit) -> Option<String> {
    if !suspect(line) {
        return None;
    }
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
