//! Clean text passes through unchanged, and normalize is idempotent.

use galley::audit::{Fate, Kind};
use galley::repair::{Options, Script, shared};

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
const TAIWAN: &str = include_str!("corpus/passthrough/taiwan_hant.txt");
const ENGLISH: &str = include_str!("corpus/passthrough/english.txt");
const MIXED: &str = include_str!("corpus/passthrough/mixed.txt");
const SIMPLIFIED: &[&str] = &[
    include_str!("corpus/clean/01_rural_economy.txt"),
    include_str!("corpus/clean/02_higher_education.txt"),
    include_str!("corpus/clean/03_environment.txt"),
    include_str!("corpus/clean/04_public_health.txt"),
    include_str!("corpus/clean/05_local_history.txt"),
    include_str!("corpus/clean/06_digital_economy.txt"),
    include_str!("corpus/clean/07_law.txt"),
    include_str!("corpus/clean/08_culture.txt"),
    include_str!("corpus/clean/09_urban_planning.txt"),
    include_str!("corpus/clean/10_sports.txt"),
    include_str!("corpus/clean/11_finance.txt"),
    include_str!("corpus/clean/12_party_building.txt"),
];

fn norm(s: &[u8]) -> galley::repair::Normalized {
    shared().normalize("t", s, &Options::default())
}

fn assert_unchanged(text: &str) {
    let n = norm(text.as_bytes());
    assert_eq!(n.text, text, "changes: {:#?}", n.audit.entries);
    assert!(n.audit.entries.is_empty(), "{:#?}", n.audit.entries);
    assert!(n.audit.lines.iter().all(|l| l.fate == Fate::Kept));
}

#[test]
fn simplified_passes_through() {
    for t in SIMPLIFIED {
        assert_unchanged(t);
    }
}

#[test]
fn genuine_traditional_is_not_converted_under_auto() {
    assert_unchanged(TAIWAN);
    let n = norm(TAIWAN.as_bytes());
    assert!(
        n.audit.script.starts_with("keep: auto"),
        "{}",
        n.audit.script
    );
    // Asked for explicitly, it is converted.
    let h = shared().normalize(
        "t",
        TAIWAN.as_bytes(),
        &Options {
            script: Script::Hans,
        },
    );
    assert!(
        h.text.contains("台湾地方创生政策的推动与挑战"),
        "{}",
        h.text
    );
    assert!(h.audit.count(Kind::Script) > 0);
}

#[test]
fn english_passes_through() {
    assert_unchanged(ENGLISH);
}

#[test]
fn mixed_passes_through() {
    assert_unchanged(MIXED);
}

#[test]
fn normalize_is_idempotent() {
    let once = norm(SAMPLE).text;
    let twice = norm(once.as_bytes()).text;
    assert_eq!(once, twice);
    for t in [TAIWAN, ENGLISH, MIXED].iter().chain(SIMPLIFIED) {
        let once = norm(t.as_bytes()).text;
        assert_eq!(norm(once.as_bytes()).text, once);
    }
}

#[test]
fn every_input_line_is_accounted_for() {
    let n = norm(SAMPLE);
    let input_lines = String::from_utf8_lossy(SAMPLE).lines().count();
    assert_eq!(n.audit.lines.len(), input_lines);
    let kept = n
        .audit
        .lines
        .iter()
        .filter(|l| l.fate == Fate::Kept)
        .count();
    let changed = n
        .audit
        .lines
        .iter()
        .filter(|l| l.fate == Fate::Changed)
        .count();
    let removed = n
        .audit
        .lines
        .iter()
        .filter(|l| l.fate == Fate::Removed)
        .count();
    assert_eq!(kept + changed + removed, input_lines);
    assert_eq!(kept + changed, n.text.lines().count());
    let outs: Vec<usize> = n.audit.lines.iter().filter_map(|l| l.output_line).collect();
    assert_eq!(outs, (1..=kept + changed).collect::<Vec<_>>());
    for l in &n.audit.lines {
        assert_eq!(l.fate == Fate::Removed, l.reason.is_some(), "{l:?}");
        if let Some(o) = l.output_line {
            assert!(n.text.lines().nth(o - 1).is_some());
        }
    }
    // The spam lines the model lists are removed for the right reasons.
    let reason = |i: usize| n.audit.lines[i - 1].reason.as_deref();
    assert_eq!(reason(1), Some("seo-keywords"));
    assert_eq!(reason(3), Some("lone-question-mark"));
    assert_eq!(reason(7), Some("site-meta"));
    assert_eq!(reason(9), Some("site-keywords"));
    assert_eq!(reason(13), Some("duplicate"));
    assert_eq!(reason(79), Some("related-articles"));
    assert_eq!(reason(96), Some("place-list"));
    assert!(!n.audit.input_sha256.is_empty());
}

#[test]
fn audit_summary_snapshot() {
    let n = norm(SAMPLE);
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for e in &n.audit.entries {
        *counts.entry(format!("{:?}", e.kind)).or_default() += 1;
    }
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    for l in &n.audit.lines {
        *reasons
            .entry(l.reason.clone().unwrap_or_else(|| format!("{:?}", l.fate)))
            .or_default() += 1;
    }
    let summary = format!(
        "encoding: {} ({})\nscript: {}\nentries: {:#?}\nlines: {:#?}",
        n.audit.encoding, n.audit.encoding_source, n.audit.script, counts, reasons
    );
    insta::assert_snapshot!(summary);
}
