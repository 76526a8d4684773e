//! Consistency warnings, sidecar overrides, robustness and speed of `extract`.

use std::time::Instant;

use galley::extract::{OverrideError, apply_overrides, extract};
use proptest::prelude::*;

const SEED: &str = include_str!("fixtures/seed.clean.txt");

fn kinds(art: &galley::Article) -> Vec<(String, Option<String>)> {
    art.warnings
        .iter()
        .map(|w| (w.kind.clone(), w.field.clone()))
        .collect()
}

fn has(art: &galley::Article, kind: &str, field: &str) -> bool {
    art.warnings
        .iter()
        .any(|w| w.kind == kind && w.field.as_deref() == Some(field) && w.line.is_some())
}

/// The sample with its back-matter codes replaced.
fn seed_with(clc: &str, artno: &str) -> String {
    SEED.replace("\nD267\n", &format!("\n{clc}\n"))
        .replace("1009-928X(2010)04-0045-03", artno)
}

#[test]
fn bad_issn_check_digit_is_reported_not_fixed() {
    let art = extract(&seed_with("D267", "1009-9281(2010)04-0045-03"));
    assert_eq!(art.issn.as_deref(), Some("1009-9281"));
    assert!(has(&art, "issn-check-digit", "ISSN"), "{:?}", kinds(&art));
}

#[test]
fn article_number_inconsistent_with_issn_and_year() {
    let text = format!(
        "ISSN 1009-928X\n上海党史与党建 2011年第4期\n{}",
        seed_with("D267", "1009-9281(2010)04-0045-03")
    );
    let art = extract(&text);
    assert_eq!(art.issn.as_deref(), Some("1009-928X"));
    assert_eq!(art.year, Some(2011));
    let mismatches = art
        .warnings
        .iter()
        .filter(|w| w.kind == "article-number-mismatch")
        .count();
    assert_eq!(mismatches, 2, "{:?}", kinds(&art));
    assert!(has(&art, "issn-check-digit", "article_number"));
}

#[test]
fn bad_clc_syntax() {
    let art = extract(&SEED.replace("\nD267\n", "\n中图分类号：D2G7；D267\n"));
    assert_eq!(art.clc_number.as_deref(), Some("D2G7；D267"));
    let clc: Vec<_> = art
        .warnings
        .iter()
        .filter(|w| w.kind == "clc-syntax")
        .collect();
    assert_eq!(clc.len(), 1, "{:?}", kinds(&art));
    assert!(clc[0].message.contains("D2G7"));
}

#[test]
fn last_page_before_first_page() {
    let text = "Journal of Tests, Vol. 1, No. 2, 2020, pp. 30-12\nA Title\nAbstract: Short.\n1. Introduction\nText.";
    let art = extract(text);
    assert_eq!((art.fpage, art.lpage), (Some(30), Some(12)));
    assert!(has(&art, "page-range", "lpage"), "{:?}", kinds(&art));
    let clean = extract(SEED);
    assert!(clean.warnings.is_empty());
}

#[test]
fn article_type_banner_is_not_the_title() {
    let art = extract(
        "ORIGINAL ARTICLE\nA Study of Things\nJane Doe\nAbstract: Short.\n1. Introduction\nText.",
    );
    assert_eq!(art.article_type.as_deref(), Some("research-article"));
    assert_eq!(art.title.as_deref(), Some("A Study of Things"));
    assert_eq!(art.authors.len(), 1);
}

#[test]
fn english_running_header_of_a_chinese_article() {
    let text = format!(
        "上海党史与党建 2010年第4期\nShanghai Party History and Party Building, Vol. 22, No. 4, 2010\n{SEED}"
    );
    let art = extract(&text);
    assert_eq!(art.journal_title.as_deref(), Some("上海党史与党建"));
    assert_eq!(
        art.journal_title_en.as_deref(),
        Some("Shanghai Party History and Party Building")
    );
    assert_eq!(
        (art.year, art.issue, art.volume.as_deref()),
        (Some(2010), Some(4), Some("22"))
    );
    assert!(art.warnings.is_empty(), "{:?}", kinds(&art));
}

#[test]
fn byline_with_inline_affiliation() {
    let text = SEED
        .replace("●熊玉清 潘海英", "●熊玉清 潘海英（中共上海市浦东新区党校）")
        .replace("\n作者单位：中共上海市浦东新区党校", "");
    let art = extract(&text);
    assert_eq!(art.authors.len(), 2);
    assert_eq!(art.affiliation.as_deref(), Some("中共上海市浦东新区党校"));
    assert_eq!(art.abstract_, extract(SEED).abstract_);
}

#[test]
fn affiliations_prefixed_by_author_names_are_linked() {
    let text = SEED.replace(
        "作者单位：中共上海市浦东新区党校",
        "作者单位：熊玉清，中共上海市浦东新区党校；潘海英，周浦镇东南社区党总支",
    );
    let art = extract(&text);
    assert_eq!(art.affiliation, None);
    let names: Vec<&str> = art.affiliations.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["中共上海市浦东新区党校", "周浦镇东南社区党总支"]);
    assert_eq!(art.authors[0].affiliations, ["aff1"]);
    assert_eq!(art.authors[1].affiliations, ["aff2"]);
}

#[test]
fn bad_document_code_and_backwards_reference_pages() {
    let text = SEED.replace("\nA\n", "\n文献标识码：F\n").replace(
        "[3]基层党组织服务功能研究[M].上海：上海三联出版社，2009.",
        "[3]王小明.基层党组织服务功能研究[J].党建研究，2009(3):60-45.",
    );
    let art = extract(&text);
    assert_eq!(art.document_code.as_deref(), Some("F"));
    assert!(
        has(&art, "document-code", "document_code"),
        "{:?}",
        kinds(&art)
    );
    assert_eq!(art.references[2].pages.as_deref(), Some("60-45"));
    assert!(has(&art, "page-range", "references"), "{:?}", kinds(&art));
}

#[test]
fn sidecar_override_wins_and_is_recorded() {
    let mut art = extract(SEED);
    let sidecar = r#"
# corrections by the desk editor
title = "周浦镇东南社区创新社区党建工作"
editor = "袁志平 王敏"
keywords = ["社区党建", "流动党员"]

[dates]
published = "2010-04-15"
"#;
    apply_overrides(&mut art, sidecar, "000.meta.toml").expect("applies");
    assert_eq!(art.title.as_deref(), Some("周浦镇东南社区创新社区党建工作"));
    assert_eq!(art.editor.as_deref(), Some("袁志平 王敏"));
    assert_eq!(art.keywords, ["社区党建", "流动党员"]);
    assert_eq!(art.dates.published.as_deref(), Some("2010-04-15"));
    // Untouched fields keep their extracted values and provenance.
    assert_eq!(art.clc_number.as_deref(), Some("D267"));
    assert_eq!(art.provenance["CLC_number"].origin, "text");
    let p = &art.provenance["title"];
    assert_eq!((p.origin.as_str(), p.lines), ("override", (3, 3)));
    assert_eq!(art.provenance["dates.published"].origin, "override");
    assert_eq!(art.provenance["keywords"].lines, (5, 5));
    apply_overrides(
        &mut art,
        "[[references]]\nraw = \"[1]Only one.\"\n",
        "r.meta.toml",
    )
    .expect("applies");
    assert_eq!(art.references.len(), 1);
    assert!(!art.provenance.contains_key("references[1]"));
    assert_eq!(art.provenance["references"].origin, "override");
}

#[test]
fn override_fixing_a_code_clears_its_warning() {
    let mut art = extract(&seed_with("D267", "1009-9281(2010)04-0045-03"));
    assert!(has(&art, "issn-check-digit", "ISSN"));
    apply_overrides(
        &mut art,
        "ISSN = \"1009-928X\"\narticle_number = \"1009-928X(2010)04-0045-03\"\n",
        "x.meta.toml",
    )
    .expect("applies");
    assert!(art.warnings.is_empty(), "{:?}", kinds(&art));
    let parsed = art.article_number_parsed.as_ref().expect("re-parsed");
    assert_eq!(parsed.issn, "1009-928X");
}

#[test]
fn override_errors_name_file_and_line() {
    let mut art = extract(SEED);
    let before = art.clone();
    let err = apply_overrides(&mut art, "title = \"ok\"\nyear = = 2010\n", "a.meta.toml")
        .expect_err("syntax error");
    match &err {
        OverrideError::Syntax { file, line, .. } => {
            assert_eq!((file.as_str(), *line), ("a.meta.toml", 2))
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("a.meta.toml: line 2"));
    let err = apply_overrides(&mut art, "title = \"ok\"\nyeer = 2010\n", "a.meta.toml")
        .expect_err("unknown field");
    assert!(
        matches!(err, OverrideError::UnknownField { line: 2, .. }),
        "{err:?}"
    );
    let err = apply_overrides(&mut art, "\n\nyear = \"twenty ten\"\n", "a.meta.toml")
        .expect_err("wrong type");
    assert!(
        matches!(err, OverrideError::BadValue { line: 3, .. }),
        "{err:?}"
    );
    assert_eq!(
        art, before,
        "a failed override leaves the article unchanged"
    );
}

#[test]
fn extraction_is_fast() {
    let corpus: Vec<String> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/articles"
    ))
    .expect("corpus")
    .filter_map(|e| e.ok())
    .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
    .chain([SEED.to_string()])
    .collect();
    extract(SEED); // regexes compiled once
    // The best of several rounds: other tests share the machine.
    let per = (0..10)
        .map(|_| {
            let start = Instant::now();
            for t in &corpus {
                std::hint::black_box(extract(t));
            }
            start.elapsed() / corpus.len() as u32
        })
        .min()
        .unwrap_or_default();
    println!("extract: {per:?} per article");
    assert!(per.as_micros() < 1_000, "{per:?} per article");
}

#[test]
fn deeply_nested_brackets_do_not_recurse() {
    let line = format!("{}作者单位：甲{}", "（".repeat(50_000), "）".repeat(50_000));
    let art = extract(&line);
    assert!(art.affiliation.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,400}") {
        let _ = extract(&s);
    }

    #[test]
    fn never_panics_on_label_soup(parts in proptest::collection::vec(prop_oneof![
        Just("摘要："), Just("【关键词】"), Just("中图分类号："), Just("文章编号："),
        Just("1009-928X(2010)04-0045-03"), Just("[1]"), Just("[J]."), Just("（一）"), Just("一、"),
        Just("1.1 "), Just("Abstract:"), Just("ISSN "), Just("CN "), Just("\n"), Just("D267"),
        Just("作者单位："), Just("①"), Just("¹"), Just("*"), Just("，"), Just("。"), Just("("),
        Just("//"), Just("."), Just("2010"), Just("Received: "), Just("References\n"),
        Just("\u{FFFD}"), Just("　"), Just("张三"), Just("Smith, J."),
    ], 0..60)) {
        let text: String = parts.concat();
        let art = extract(&text);
        let mut art2 = art.clone();
        let _ = apply_overrides(&mut art2, &text, "soup.toml");
    }
}

#[test]
fn known_journals_come_from_options() {
    use galley::extract::{ExtractOptions, KnownJournal, extract_with};
    let text = SEED.replace("1009-928X(2010)04-0045-03", "1672-1152(2018)03-0001-06");
    assert_eq!(
        extract(&text).journal_title,
        None,
        "unknown ISSN: no journal invented"
    );
    let opts = ExtractOptions {
        journals: vec![KnownJournal {
            issn: "1672-1152".into(),
            title: "城市治理评论".into(),
        }],
    };
    let art = extract_with(&text, &opts);
    assert_eq!(art.journal_title.as_deref(), Some("城市治理评论"));
    assert_eq!(art.provenance["journal_title"].origin, "known-journal");
}

#[test]
fn ascii_punctuation_in_references_parses_the_same() {
    let text = SEED.replace(
        "[2]中共中央关于加强和改进新形势下党的建设若干重大问题的决定（辅导读本）[M].北京：人民出版社，2009.",
        "[2]中共中央关于加强和改进新形势下党的建设若干重大问题的决定(辅导读本)[M]. 北京: 人民出版社, 2009.",
    );
    let (a, b) = (extract(SEED), extract(&text));
    let (ra, rb) = (&a.references[1], &b.references[1]);
    assert_ne!(ra.raw, rb.raw);
    assert_eq!(
        (&ra.title, &ra.title_note, &ra.place, &ra.publisher, ra.year),
        (&rb.title, &rb.title_note, &rb.place, &rb.publisher, rb.year)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Real lines in odd orders, cut at arbitrary characters.
    #[test]
    fn never_panics_on_cut_and_shuffled_articles(
        picks in proptest::collection::vec((0usize..200, 0usize..400), 0..40)
    ) {
        let corpus = concat!(
            include_str!("fixtures/seed.clean.txt"),
            include_str!("corpus/articles/en-apa-gardens.txt"),
            include_str!("corpus/articles/cgr-2018-03-04-grid-management.txt"),
            include_str!("corpus/articles/zh-synopsis-eissn-standards.txt"),
        );
        let lines: Vec<&str> = corpus.lines().collect();
        let text: String = picks
            .iter()
            .map(|&(l, cut)| {
                let line = lines[l % lines.len()];
                let cut = line.char_indices().nth(cut).map_or(line.len(), |(i, _)| i);
                format!("{}\n", &line[..cut])
            })
            .collect();
        let art = extract(&text);
        for w in &art.warnings {
            prop_assert!(!w.kind.is_empty());
        }
    }
}

#[test]
fn documented_sidecar_example_applies() {
    let mut art = extract(SEED);
    let doc = include_str!("../src/extract/overrides.rs");
    let toml: String = doc
        .lines()
        .skip_while(|l| !l.starts_with("//! ```toml"))
        .skip(1)
        .take_while(|l| !l.starts_with("//! ```"))
        .map(|l| format!("{}\n", l.trim_start_matches("//!").trim_start()))
        .collect();
    assert!(toml.contains("[dates]"));
    apply_overrides(&mut art, &toml, "doc.meta.toml").expect("the documented example applies");
    assert!(art.authors[1].corresponding);
    assert_eq!(art.authors[0].name, "熊玉清");
}
