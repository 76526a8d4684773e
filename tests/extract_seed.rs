//! `extract` on the sample article reproduces seed.json field by field, with and without the
//! two digits the repair stage marks as lost, and ignores mirror-site chrome.

mod common;

use common::prune;
use galley::extract::extract;
use serde_json::Value;

const CLEAN: &str = include_str!("fixtures/seed.clean.txt");

fn expected() -> Value {
    prune(&serde_json::from_str(include_str!("fixtures/seed.json")).expect("seed.json"))
}

/// The article as JSON without the fields seed.json does not carry (checked separately).
fn actual(text: &str) -> (Value, galley::Article) {
    let art = extract(text);
    let mut v = prune(&serde_json::to_value(&art).expect("serialises"));
    if let Value::Object(m) = &mut v {
        for k in ["provenance", "warnings", "lang"] {
            m.remove(k);
        }
    }
    (v, art)
}

fn assert_fields(got: &Value, want: &Value) {
    let (g, w) = (
        got.as_object().expect("object"),
        want.as_object().expect("object"),
    );
    for (k, wv) in w {
        if let (Some(Value::Array(ga)), Value::Array(wa)) = (g.get(k), wv) {
            for (i, (gi, wi)) in ga.iter().zip(wa).enumerate() {
                assert_eq!(gi, wi, "{k}[{i}]");
            }
            assert_eq!(ga.len(), wa.len(), "{k}: length");
        }
        assert_eq!(g.get(k), Some(wv), "field {k}");
    }
    for k in g.keys() {
        assert!(w.contains_key(k), "unexpected field {k} = {}", g[k]);
    }
}

#[test]
fn seed_extracts_to_seed_json() {
    let (got, art) = actual(CLEAN);
    assert_fields(&got, &expected());
    assert_eq!(art.lang, "zh");
    assert!(art.warnings.is_empty(), "{:?}", art.warnings);
    // Every extracted field says where it came from.
    for f in [
        "title",
        "authors",
        "abstract",
        "keywords",
        "CLC_number",
        "document_code",
        "article_number",
        "editor",
        "affiliation",
        "ISSN",
        "year",
        "issue",
        "fpage",
        "lpage",
        "journal_title",
        "sections",
        "references",
    ] {
        let p = art
            .provenance
            .get(f)
            .unwrap_or_else(|| panic!("no provenance for {f}"));
        assert!(
            p.lines.0 >= 1 && p.lines.0 <= p.lines.1,
            "{f}: {:?}",
            p.lines
        );
        assert!(p.confidence > 0.0 && p.confidence <= 1.0);
    }
    assert_eq!(art.provenance["title"].lines, (1, 1));
    assert_eq!(art.provenance["CLC_number"].lines, (29, 29));
    assert_eq!(art.provenance["editor"].lines, (33, 33));
    assert_eq!(art.provenance["fpage"].lines, (31, 31));
    assert_eq!(art.provenance["journal_title"].origin, "known-journal");
    // Each section and reference has its own span: 一、 heading alone, （一） with its paragraph.
    assert_eq!(art.provenance["sections[1]"].lines, (6, 6));
    assert_eq!(art.provenance["sections[3]"].lines, (8, 9));
    assert_eq!(art.provenance["references[2]"].lines, (28, 28));
}

#[test]
fn seed_with_lost_digits_differs_only_at_the_marks() {
    let damaged = CLEAN
        .replacen("社区总人口3079人", "社区总人口\u{FFFD}079人", 1)
        .replacen("社区总人口的49%", "社区总人口的\u{FFFD}9%", 1);
    assert_ne!(damaged, CLEAN);
    let (got, art) = actual(&damaged);
    let mut want = expected();
    let para = &mut want["sections"][0]["paragraphs"][0];
    let fixed = para
        .as_str()
        .expect("paragraph")
        .replacen("3079", "\u{FFFD}079", 1)
        .replacen("的49%", "的\u{FFFD}9%", 1);
    *para = Value::String(fixed);
    assert_fields(&got, &want);
    let lost: Vec<_> = art
        .warnings
        .iter()
        .filter(|w| w.kind == "lost-character")
        .collect();
    assert_eq!(lost.len(), 1, "{:?}", art.warnings);
    assert_eq!(lost[0].line, Some(5));
    assert_eq!(lost[0].field.as_deref(), Some("sections[0]"));
}

#[test]
fn mirror_chrome_is_not_article_data() {
    let chrome = "周浦镇东南社区以“三个一”为抓手创新社区党建工作\n?\n2010-12-26 22:26:39熊玉清潘海英\n上海党史与党建 2010年4期\n关键词:三个一东南居民\n●熊玉清 潘海英\n";
    let text = format!("{chrome}{CLEAN}");
    let (got, art) = actual(&text);
    assert_fields(&got, &expected());
    assert!(art.dates.is_empty(), "{:?}", art.dates);
    assert!(!art.keywords.iter().any(|k| k.contains("三个一东南")));
    assert!(art.warnings.is_empty(), "{:?}", art.warnings);
}

#[test]
fn site_keywords_right_under_the_title_are_not_the_articles() {
    let text = CLEAN.replacen("\n●熊玉清", "\n关键词:三个一东南居民\n●熊玉清", 1);
    assert_ne!(text, CLEAN);
    let (got, art) = actual(&text);
    assert_fields(&got, &expected());
    assert!(art.warnings.is_empty(), "{:?}", art.warnings);
}

#[test]
fn mirror_related_articles_after_the_article_are_ignored() {
    let tail = "考试周刊(2016年79期)2016-10-13 23:17:27\n引领导向 靠制度建设做到“三个一”\n记者摇篮(2016年5期)2016-05-16 18:11:00\n大运河管理的“三个一”\n火花(2015年8期)2015-02-27 07:44:57\n临沧市| 新源县| 江华| 友谊县| 凌海市| 阿克|\n";
    let text = format!("{CLEAN}{tail}");
    let (got, art) = actual(&text);
    assert_fields(&got, &expected());
    assert!(art.warnings.is_empty(), "{:?}", art.warnings);
}

#[test]
fn mirror_guess_you_like_list_is_ignored() {
    let tail = "猜你喜欢\n三个一东南居民\n石器时代的居民\n生本课堂的“三个一”\n考试周刊(2016年79期)2016-10-13 23:17:27\n";
    let text = format!("{CLEAN}{tail}");
    let (got, art) = actual(&text);
    assert_fields(&got, &expected());
    assert!(art.warnings.is_empty(), "{:?}", art.warnings);
}
