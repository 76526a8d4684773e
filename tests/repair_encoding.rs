//! Encodings: the sample re-encoded decodes to the same clean text, and the audit names the
//! encoding.

use galley::repair::{Options, shared};

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
const TAIWAN: &str = include_str!("corpus/passthrough/taiwan_hant.txt");

fn sample() -> &'static str {
    std::str::from_utf8(SAMPLE).expect("sample is UTF-8")
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut v = Vec::new();
    let units = std::iter::once(0xFEFFu16)
        .filter(|_| bom)
        .chain(s.encode_utf16());
    for u in units {
        v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    v
}

fn check(bytes: &[u8], reference: &[u8], encoding: &str, source: &str) {
    let r = shared().normalize("ref", reference, &Options::default());
    let n = shared().normalize("enc", bytes, &Options::default());
    assert_eq!(n.audit.encoding, encoding);
    assert_eq!(n.audit.encoding_source, source);
    assert_eq!(n.text, r.text);
}

#[test]
fn gb18030() {
    let (b, _, bad) = encoding_rs::GB18030.encode(sample());
    assert!(!bad);
    check(&b, SAMPLE, "gb18030", "detected");
}

#[test]
fn big5_traditional() {
    let (b, _, bad) = encoding_rs::BIG5.encode(TAIWAN);
    assert!(!bad);
    check(&b, TAIWAN.as_bytes(), "Big5", "detected");
}

#[test]
fn utf16_with_and_without_bom() {
    check(&utf16(sample(), true, true), SAMPLE, "UTF-16LE", "bom");
    check(&utf16(sample(), false, true), SAMPLE, "UTF-16BE", "bom");
    check(
        &utf16(sample(), true, false),
        SAMPLE,
        "UTF-16LE",
        "nul-pattern",
    );
    check(
        &utf16(sample(), false, false),
        SAMPLE,
        "UTF-16BE",
        "nul-pattern",
    );
}

#[test]
fn utf8_with_bom() {
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(SAMPLE);
    check(&b, SAMPLE, "UTF-8", "bom");
}

#[test]
fn invalid_bytes_are_recorded() {
    let mut b = SAMPLE.to_vec();
    b.extend_from_slice(b"\n\xE4\xB8 broken\n");
    let n = shared().normalize("bad", &b, &Options::default());
    assert_eq!(n.audit.count(galley::audit::Kind::Decode), 1);
}
