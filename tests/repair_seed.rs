//! The sample page repairs to the reference text, apart from the truly lost digits.

mod common;

use galley::audit::Kind;
use galley::model::LOST_CHAR;
use galley::repair::{Options, shared};

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
const CLEAN: &str = include_str!("fixtures/seed.clean.txt");

#[test]
fn sample_matches_reference_except_lost_characters() {
    let n = shared().normalize("sample", SAMPLE, &Options::default());
    let got: Vec<char> = n.text.chars().collect();
    let want: Vec<char> = CLEAN.chars().collect();
    let lost = got.iter().filter(|&&c| c == LOST_CHAR).count();
    // A lost mark stands for a character of the reference; it counts as right only there
    // (a mark that stands for nothing is an edit).
    let d = common::edit_distance(&got, &want, Some(LOST_CHAR));
    let acc = 1.0 - d as f64 / want.len() as f64;
    println!(
        "character accuracy {:.4}% ({} edits, {} lost marks)",
        acc * 100.0,
        d,
        lost
    );
    for (i, (g, w)) in n.text.lines().zip(CLEAN.lines()).enumerate() {
        if g != w {
            println!("line {}:\n got  {g}\n want {w}", i + 1);
        }
    }
    for e in n
        .audit
        .entries
        .iter()
        .filter(|e| matches!(e.kind, Kind::Garble | Kind::Unrepaired))
    {
        println!(
            "{:?} l{} {} -> {} ({:.2}) {:?}",
            e.kind, e.line, e.before, e.after, e.confidence, e.candidates
        );
    }
    assert_eq!(
        n.audit.count(Kind::LostCharacter),
        lost,
        "every lost mark is in the audit"
    );
    assert_eq!(lost, 2, "the two eaten digits are marked");
    assert!(acc >= 0.999, "accuracy {acc}");
    // Exact apart from the marks: replace each mark by the reference's best guess.
    let fixed = n
        .text
        .replacen(LOST_CHAR, "3", 1)
        .replacen(LOST_CHAR, "4", 1);
    assert_eq!(fixed, CLEAN);
}
