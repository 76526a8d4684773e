//! The reader never panics on damaged input, and whatever it accepts writes out as valid JATS.

use galley::Article;
use galley::jats;
use proptest::prelude::*;

fn sample_xml() -> String {
    let a: Article =
        serde_json::from_str(include_str!("fixtures/seed.json")).expect("seed.json is a model");
    jats::write(&a).expect("writes")
}

const TOKENS: &[&str] = &[
    "<",
    "&",
    "&amp;",
    "</p>",
    "<p>",
    "\u{1}",
    "]]>",
    "<sec>",
    "</sec>",
    "&#0;",
    "&#x1F600;",
    "<!ENTITY x 'y'>",
    "<?pi x?>",
    "<!-- c -->",
    "<![CDATA[<&]]>",
    "\"",
    "<title/>",
    "&lt;",
    "<named-content content-type=\"lost-character\">",
    "</named-content>",
    "\u{FFFD}",
    "<sec specific-use=\"level-9 run-in\"><title>x</title>",
    "<kwd-group xml:lang=\"en\"><kwd>k</kwd></kwd-group>",
];

/// Edits applied to the sample: insert a token at a position, or cut the text there.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Cut(usize),
    Delete(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        8 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        1 => any::<usize>().prop_map(Edit::Cut),
        3 => (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
    ];
    prop::collection::vec(edit, 1..5)
}

fn boundary(s: &str, at: usize) -> usize {
    let mut i = if s.is_empty() { 0 } else { at % (s.len() + 1) };
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match *e {
            Edit::Insert(at, t) => {
                let i = boundary(&s, at);
                s.insert_str(i, TOKENS[t]);
            }
            Edit::Cut(at) => {
                let i = boundary(&s, at);
                s.truncate(i);
            }
            Edit::Delete(at, n) => {
                let i = boundary(&s, at);
                let j = boundary(&s, i.saturating_add(n).min(s.len()));
                s.replace_range(i..j.max(i), "");
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn reader_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = jats::read(&s);
    }

    #[test]
    fn reader_never_panics_on_damaged_jats(edits in edits()) {
        let xml = apply(sample_xml(), &edits);
        if let Ok(a) = jats::read(&xml) {
            let again = jats::write(&a).expect("writes");
            let b = jats::read(&again).expect("reads its own output");
            prop_assert_eq!(jats::write(&b).expect("writes"), again);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn what_the_reader_accepts_writes_valid_jats(edits in edits()) {
        let xml = apply(sample_xml(), &edits);
        if let Ok(a) = jats::read(&xml) {
            let again = jats::write(&a).expect("writes");
            if let Err(e) = jats::validate_str(&again, "rewritten.xml") {
                panic!("{e}\nfrom edits {edits:?}\n{again}");
            }
        }
    }
}

#[test]
#[ignore = "debug: acceptance rate of damaged samples"]
fn acceptance_rate() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut ok, mut errs) = (0, std::collections::BTreeMap::<String, usize>::new());
    for _ in 0..1000 {
        let e = edits().new_tree(&mut runner).expect("tree").current();
        match jats::read(&apply(sample_xml(), &e)) {
            Ok(_) => ok += 1,
            Err(err) => {
                *errs
                    .entry(format!("{err:?}").chars().take(60).collect())
                    .or_default() += 1
            }
        }
    }
    println!("ok {ok}");
    for (k, v) in errs.iter().filter(|(_, v)| **v > 10) {
        println!("{v} {k}");
    }
}
