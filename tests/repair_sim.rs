//! A property test that the repair engine undoes what the corruption simulator
//! (tests/common/sim.rs, written from reference/corruption-model.md) does.

mod common;

use common::sim::{CORPUS, annotate, d1_counting, damage, sim};
use galley::audit::{Fate, Kind};
use galley::model::LOST_CHAR;
use galley::repair::gbk::{d2, pmap};
use galley::repair::{Options, shared};
use proptest::prelude::*;

struct Outcome {
    /// Edit distance to the clean text, where a lost-character mark stands for any one
    /// character (the one the decoder ate) and a mark that stands for nothing is an error.
    errors: usize,
    len: usize,
    lost_marked: usize,
    eaten: usize,
    unrepaired: usize,
    got: String,
    page: String,
}

fn run(idx: usize, seed: u64, key_share: f64, straddle_share: f64) -> Outcome {
    run_text(CORPUS[idx].1, seed, key_share, straddle_share)
}

fn run_text(clean: &str, seed: u64, key_share: f64, straddle_share: f64) -> Outcome {
    let d = damage(clean, seed, key_share, straddle_share);
    let n = shared().normalize("sim", d.page.as_bytes(), &Options::default());
    let got: Vec<char> = n.text.chars().collect();
    let want: Vec<char> = clean.chars().collect();
    // Accounting: every input line has a fate.
    assert_eq!(n.audit.lines.len(), d.page.lines().count());
    assert!(
        n.audit
            .lines
            .iter()
            .all(|l| (l.fate == Fate::Removed) == l.reason.is_some())
    );
    Outcome {
        errors: common::edit_distance(&got, &want, Some(LOST_CHAR)),
        len: want.len(),
        lost_marked: got.iter().filter(|&&c| c == LOST_CHAR).count(),
        eaten: d.eaten,
        unrepaired: n.audit.count(Kind::Unrepaired),
        got: n.text,
        page: d.page,
    }
}

#[test]
fn simulator_reproduces_the_documented_garble() {
    // The simulator is the model: 要创新 with keys 創 and 獎 gives the page's garble.
    let s = sim();
    let mut b = Vec::new();
    for c in "要創新".chars() {
        s.t.encode(c, &mut b);
    }
    let mut dict = vec![
        (
            s.t.code('創').unwrap(),
            galley::repair::gbk::annotation_bytes(&s.t, "chuàng").unwrap(),
        ),
        (
            s.t.code('獎').unwrap(),
            galley::repair::gbk::annotation_bytes(&s.t, "jiǎng").unwrap(),
        ),
    ];
    dict.sort();
    let (a, orig) = annotate(&b, &dict);
    let (x, eaten) = d1_counting(&a, &orig);
    assert_eq!(d2(&s.t, &pmap(&x)), "要?jiǎng)?chuàng)新");
    assert_eq!(eaten, 0);
}

#[test]
fn every_corpus_text_survives_heavy_damage() {
    let (mut errors, mut len) = (0, 0);
    for (idx, (name, _)) in CORPUS.iter().enumerate() {
        let o = run(idx, 0x9E37_79B9 + idx as u64, 0.4, 0.5);
        if o.errors > 0 {
            println!(
                "--- {} errors {}\n{}\n--- page\n{}",
                name, o.errors, o.got, o.page
            );
        }
        assert!(
            o.lost_marked + o.unrepaired >= o.eaten,
            "lost characters unmarked"
        );
        errors += o.errors;
        len += o.len;
    }
    let cer = errors as f64 / len as f64;
    println!("heavy-damage CER {:.3}% over {} chars", cer * 100.0, len);
    assert!(cer <= 0.005, "CER {cer}");
}

/// The sample's own article (5,259 characters, with its front matter and references) under
/// the simulator: a long page has long windows, where hypotheses multiply, and words the
/// damage hides at every occurrence.
#[test]
fn the_sample_article_survives_simulated_damage() {
    let clean = include_str!("fixtures/seed.clean.txt");
    let (mut errors, mut len) = (0, 0);
    for k in 0..20u64 {
        let (ks, ss) = (0.1 + 0.02 * k as f64, 0.03 * k as f64);
        let o = run_text(clean, 0x5EED_0000 + k * 0x9E37_79B9, ks, ss);
        assert!(
            o.lost_marked + o.unrepaired >= o.eaten,
            "lost characters unmarked\n{}",
            o.got
        );
        errors += o.errors;
        len += o.len;
    }
    let cer = errors as f64 / len as f64;
    println!("sample article CER {:.4}% over {} chars", cer * 100.0, len);
    assert!(cer <= 0.001, "CER {cer}");
}

static TOTALS: std::sync::Mutex<(usize, usize, usize)> = std::sync::Mutex::new((0, 0, 0));

proptest! {
    // A fixed seed keeps the suite reproducible for everyone who merges; change it to explore.
    #![proptest_config(ProptestConfig {
        cases: 240,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EED_0003),
        ..ProptestConfig::default()
    })]

    #[test]
    fn simulated_damage_is_undone(idx in 0..CORPUS.len(), seed in any::<u64>(), key_share in 0.1f64..0.5, straddle_share in 0.0f64..0.6) {
        let o = run(idx, seed, key_share, straddle_share);
        let errs = o.errors;
        let cer = errs as f64 / o.len as f64;
        {
            let mut t = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
            t.0 += errs;
            t.1 += o.len;
            t.2 += 1;
            if t.2.is_multiple_of(40) {
                println!("after {} cases: CER {:.4}%", t.2, t.0 as f64 * 100.0 / t.1 as f64);
            }
        }
        prop_assert!(o.lost_marked + o.unrepaired >= o.eaten, "unmarked loss\n{}", o.got);
        prop_assert!(cer <= 0.005, "CER {:.4} for text {}\n{}\n--- page\n{}", cer, CORPUS[idx].0, o.got, o.page);
    }
}

/// `SIM_CASE="idx seed key_share straddle_share" cargo test --test repair_sim replay -- --ignored --nocapture`
#[test]
#[ignore]
fn replay() {
    let Ok(spec) = std::env::var("SIM_CASE") else {
        return;
    };
    let v: Vec<&str> = spec.split_whitespace().collect();
    let (idx, seed, ks, ss) = (
        v[0].parse().unwrap_or(0),
        v[1].parse().unwrap_or(1),
        v[2].parse().unwrap_or(0.3),
        v[3].parse().unwrap_or(0.3),
    );
    let o = run(idx, seed, ks, ss);
    let n = shared().normalize("sim", o.page.as_bytes(), &Options::default());
    println!(
        "{}\n---\n{}\nerrors {} lost {} eaten {}",
        o.page, o.got, o.errors, o.lost_marked, o.eaten
    );
    for e in n
        .audit
        .entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Garble | Kind::Unrepaired))
    {
        println!(
            "{:?} {} -> {} {:?}",
            e.kind,
            e.before,
            e.after,
            e.candidates.iter().take(8).collect::<Vec<_>>()
        );
    }
}
