//! Bytes → text, with the encoding that was used.
//!
//! Order of evidence: a byte-order mark, then the NUL pattern of BOM-less UTF-16, then strict
//! UTF-8 validity, then chardetng's statistical guess (GBK is decoded as GB18030, its superset).

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded input.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Encoding name as encoding_rs spells it (`UTF-8`, `gb18030`, `Big5`, `UTF-16LE`).
    pub encoding: &'static str,
    /// `bom`, `nul-pattern`, `valid-utf8`, `utf8-with-errors`, `detected` or `forced`.
    pub source: &'static str,
    /// Some bytes were invalid in that encoding and became U+FFFD.
    pub had_errors: bool,
    /// Every invalid byte sequence, in input order.
    pub errors: Vec<DecodeError>,
}

/// One malformed byte sequence and the U+FFFD that replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the malformed bytes in the input.
    pub input_offset: usize,
    /// The malformed bytes.
    pub bytes: Vec<u8>,
    /// Byte offset of the U+FFFD in the decoded text.
    pub text_offset: usize,
}

/// Decodes `bytes`, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, &bytes[bom_len..], bom_len, "bom");
    }
    if let Some(enc) = utf16_by_nuls(bytes) {
        return run(enc, bytes, 0, "nul-pattern");
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            source: "valid-utf8",
            had_errors: false,
            errors: Vec::new(),
        };
    }
    // Text in a legacy CJK encoding almost never forms valid UTF-8 sequences, so UTF-8 with a
    // few broken sequences is still UTF-8; record the breaks rather than guess another encoding.
    let as_utf8 = run(UTF_8, bytes, 0, "utf8-with-errors");
    if as_utf8.errors.len() * 200 < bytes.len() {
        return as_utf8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let mut enc = det.guess(None, chardetng::Utf8Detection::Allow);
    if enc == GBK {
        enc = GB18030;
    }
    // chardetng rules an encoding out on one invalid sequence; a CJK file with a few broken
    // bytes is still that encoding.
    if ![GB18030, BIG5].contains(&enc) {
        for alt in [GB18030, BIG5] {
            let d = run(alt, bytes, 0, "detected");
            // Chinese text is mostly non-ASCII; a Latin text's few accents (é + letter is a
            // valid GBK pair) are not.
            let non_ascii = d.text.chars().filter(|c| !c.is_ascii()).count();
            if d.errors.len() * 200 < bytes.len()
                && non_ascii * 3 >= d.text.chars().count()
                && cjk_share(&d.text) >= 0.9
            {
                return d;
            }
        }
    }
    // chardetng knows nothing of UTF-16; a BOM-less, NUL-free UTF-16 text of CJK characters
    // decodes cleanly as UTF-16 while the guess leaves errors.
    let guess = run(enc, bytes, 0, "detected");
    if guess.had_errors && bytes.len().is_multiple_of(2) {
        for e16 in [UTF_16LE, UTF_16BE] {
            let d = run(e16, bytes, 0, "detected");
            if !d.had_errors && mostly_cjk(&d.text) {
                return d;
            }
        }
    }
    guess
}

/// Decodes with a given encoding (no detection), e.g. for a `--encoding` override.
pub fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    run(enc, bytes, 0, "forced")
}

/// Share of the non-ASCII characters that are common CJK characters or punctuation.
fn cjk_share(s: &str) -> f64 {
    let (mut n, mut cjk) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        n += 1;
        if ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        {
            cjk += 1;
        }
    }
    if n == 0 { 0.0 } else { cjk as f64 / n as f64 }
}

/// Real Chinese text in UTF-16 is almost all common CJK, CJK punctuation and ASCII; bytes of
/// a legacy encoding read as UTF-16 scatter over Hangul, Yi, private use and the rest.
fn mostly_cjk(s: &str) -> bool {
    let n = s.chars().count().max(1);
    let common = s
        .chars()
        .filter(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(c)
                || ('\u{3000}'..='\u{303F}').contains(c)
                || ('\u{FF00}'..='\u{FFEF}').contains(c)
                || ('\u{2000}'..='\u{206F}').contains(c)
                || c.is_ascii_graphic()
                || c.is_whitespace()
        })
        .count();
    common * 100 >= n * 95
}

/// UTF-16 without a BOM: Latin text in UTF-16 has a NUL in every other byte.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Text in any 8-bit encoding has no NULs at all; UTF-16 of ASCII has them on one side.
    if odd * 5 >= pairs && even * 50 <= pairs {
        Some(UTF_16LE)
    } else if even * 5 >= pairs && odd * 50 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn run(enc: &'static Encoding, bytes: &[u8], base: usize, source: &'static str) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut errors = Vec::new();
    let mut pos = 0;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len() - pos)
            .unwrap_or(bytes.len() * 3 + 16);
        text.reserve(need);
        let (res, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match res {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => continue,
            DecoderResult::Malformed(bad, extra) => {
                let end = pos.saturating_sub(extra as usize);
                let start = end.saturating_sub(bad as usize);
                errors.push(DecodeError {
                    input_offset: base + start,
                    bytes: bytes[start..end].to_vec(),
                    text_offset: text.len(),
                });
                text.push('\u{FFFD}');
            }
        }
    }
    let name = if enc == BIG5 { "Big5" } else { enc.name() };
    Decoded {
        had_errors: !errors.is_empty(),
        text,
        encoding: name,
        source,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_plain() {
        let d = decode("\u{FEFF}中文".as_bytes());
        assert_eq!(
            (d.text.as_str(), d.encoding, d.source),
            ("中文", "UTF-8", "bom")
        );
        let d = decode("中文".as_bytes());
        assert_eq!((d.text.as_str(), d.source), ("中文", "valid-utf8"));
    }

    #[test]
    fn latin_text_stays_latin() {
        let (b, _, _) =
            encoding_rs::WINDOWS_1252.encode("Le café était très agréable à Zürich, naïve idée.");
        assert_eq!(decode(&b).encoding, "windows-1252");
    }

    #[test]
    fn utf16_without_bom() {
        let le: Vec<u8> = "hello, 世界 and more"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&le);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("hello, 世界 and more", "UTF-16LE")
        );
        let be: Vec<u8> = "hello, 世界 and more"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be).encoding, "UTF-16BE");
    }

    #[test]
    fn gbk_and_errors_are_reported() {
        let text = "社区党组织在建设文明和谐社区中应该起到领导核心的作用。".repeat(8);
        let (b, _, _) = GB18030.encode(&text);
        let d = decode(&b);
        assert_eq!(d.encoding, "gb18030");
        assert!(!d.had_errors);
        let mut bad = b.to_vec();
        bad.extend_from_slice(&[0x81, 0x20]);
        let d = decode(&bad);
        assert!(d.had_errors, "{} {} {:?}", d.encoding, d.source, d.text);
        assert_eq!(d.errors[0].input_offset, b.len());
    }
}
