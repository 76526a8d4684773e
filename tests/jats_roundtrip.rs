//! model → JATS → model is the identity on every field the writer emits, for generated
//! articles whose text mixes CJK, Latin, markup characters (`<`, `&`, `]]>`, quotes), line
//! breaks and the lost-character mark; and a sample of them validates against the DTD.

use galley::jats;
use galley::model::{Affiliation, Article, Author, Dates, LOST_CHAR, Reference, Section};
use proptest::prelude::*;

/// Text fragments chosen to break naive XML writers and readers.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[\u{4e00}-\u{9fa5}]{1,4}",
        3 => "[a-zA-Z0-9]{1,6}",
        1 => Just("<".to_string()),
        1 => Just("&".to_string()),
        1 => Just("]]>".to_string()),
        1 => Just("&amp;".to_string()),
        1 => Just("\"'".to_string()),
        1 => Just(">".to_string()),
        1 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just(LOST_CHAR.to_string()),
        1 => Just("𠀀😀".to_string()),
        1 => Just("，“”（）；".to_string()),
        1 => Just("<!-- x -->".to_string()),
        1 => Just("<p>".to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

fn some_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{4e00}-\u{9fa5}]{2,4}",
        Just("欧阳修".to_string()),
        "[A-Z][a-z]{1,6} [A-Z][a-z]{1,6}",
        text(),
    ]
}

fn section() -> impl Strategy<Value = Section> {
    (0u8..5, some_text(), some_text(), any::<bool>(), texts()).prop_map(
        |(level, label, title, run_in, paragraphs)| Section {
            level,
            label,
            title,
            run_in,
            paragraphs,
        },
    )
}

fn reference() -> impl Strategy<Value = Reference> {
    let kind = prop::option::of(prop_oneof![
        Just("M".to_string()),
        Just("J".to_string()),
        Just("EB/OL".to_string()),
        Just("J/OL".to_string()),
        Just("Z".to_string()),
        text(),
    ]);
    let pages = prop::option::of(prop_oneof![
        Just("45-47".to_string()),
        Just("12".to_string()),
        Just("12-".to_string()),
        text(),
    ]);
    (
        (
            text(),
            prop::option::of(any::<u32>()),
            texts(),
            some_text(),
            some_text(),
            kind,
        ),
        (
            some_text(),
            some_text(),
            some_text(),
            prop::option::of(any::<i32>()),
        ),
        (some_text(), some_text(), pages, some_text(), some_text()),
    )
        .prop_map(
            |(
                (raw, number, authors, title, title_note, kind),
                (container, place, publisher, year),
                (volume, issue, pages, doi, url),
            )| Reference {
                raw,
                number,
                authors,
                title,
                title_note,
                kind,
                container,
                place,
                publisher,
                year,
                volume,
                issue,
                pages,
                doi,
                url,
            },
        )
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        Just("2010-08-15".to_string()),
        Just("2010-08".to_string()),
        Just("2010".to_string()),
        text(),
    ])
}

prop_compose! {
    fn affiliations()(names in prop::collection::vec((some_text(), text(), some_text()), 0..3))
        -> Vec<Affiliation> {
        names
            .into_iter()
            .enumerate()
            .map(|(i, (label, name, name_en))| Affiliation {
                id: format!("aff{}", i + 1),
                label,
                name,
                name_en,
            })
            .collect()
    }
}

prop_compose! {
    fn authors(n_affs: usize)(raw in prop::collection::vec(
        (name(), prop::option::of(name()), prop::collection::vec(0..n_affs.max(1), 0..3), any::<bool>(), some_text()),
        0..4,
    )) -> Vec<Author> {
        raw.into_iter()
            .map(|(name, name_en, affs, corresponding, email)| Author {
                name,
                name_en,
                affiliations: if n_affs == 0 {
                    Vec::new()
                } else {
                    affs.into_iter().map(|i| format!("aff{}", i + 1)).collect()
                },
                corresponding,
                email,
            })
            .collect()
    }
}

fn article() -> impl Strategy<Value = Article> {
    affiliations().prop_flat_map(|affs| {
        let n = affs.len();
        let head = (
            prop_oneof![
                Just("zh".to_string()),
                Just("en".to_string()),
                Just("zh-Hans".to_string())
            ],
            prop::option::of(prop_oneof![
                Just("research-article".to_string()),
                Just("review-article".to_string())
            ]),
            some_text(),
            some_text(),
            authors(n),
            some_text(),
            some_text(),
            Just(affs),
        );
        let journal = (
            some_text(),
            some_text(),
            some_text(),
            some_text(),
            some_text(),
            some_text(),
            some_text(),
            prop::option::of(any::<i32>()),
            some_text(),
            prop::option::of(any::<u32>()),
            prop::option::of(any::<u32>()),
            prop::option::of(any::<u32>()),
        );
        let codes = (
            some_text(),
            (date(), date(), date(), date()),
            some_text(),
            some_text(),
            prop::option::of(prop_oneof![
                Just("1009-928X(2010)04-0045-03".to_string()),
                text()
            ]),
            some_text(),
            some_text(),
            texts(),
        );
        let text_parts = (
            some_text(),
            some_text(),
            texts(),
            texts(),
            prop::collection::vec(section(), 0..6),
            prop::collection::vec(reference(), 0..4),
        );
        (head, journal, codes, text_parts).prop_map(
            |(
                (
                    lang,
                    article_type,
                    title,
                    trans_title,
                    authors,
                    author_line_raw,
                    affiliation,
                    affiliations,
                ),
                (
                    journal_title,
                    journal_title_en,
                    journal_id,
                    publisher,
                    issn,
                    eissn,
                    cn,
                    year,
                    volume,
                    issue,
                    fpage,
                    lpage,
                ),
                (
                    doi,
                    (received, revised, accepted, published),
                    clc_number,
                    document_code,
                    article_number,
                    editor,
                    corresponding_author,
                    notes,
                ),
                (abstract_, trans_abstract, keywords, trans_keywords, sections, references),
            )| Article {
                lang,
                article_type,
                title,
                trans_title,
                authors,
                author_line_raw,
                affiliation,
                affiliations,
                journal_title,
                journal_title_en,
                journal_id,
                publisher,
                issn,
                eissn,
                cn,
                year,
                volume,
                issue,
                fpage,
                lpage,
                doi,
                dates: Dates {
                    received,
                    revised,
                    accepted,
                    published,
                },
                clc_number,
                document_code,
                article_number_parsed: None,
                article_number,
                editor,
                corresponding_author,
                notes,
                abstract_,
                trans_abstract,
                keywords,
                trans_keywords,
                sections,
                references,
                ..Article::default()
            },
        )
    })
}

fn none_if_empty(s: &mut Option<String>) {
    if s.as_deref() == Some("") {
        *s = None;
    }
}

/// What the writer documents it emits: empty optional strings are absent, the article type
/// defaults to `research-article`, `lpage` needs `fpage`, and `article_number_parsed` is
/// re-derived from the article number.
fn emitted(mut a: Article) -> Article {
    for s in [
        &mut a.title,
        &mut a.trans_title,
        &mut a.author_line_raw,
        &mut a.affiliation,
        &mut a.journal_title,
        &mut a.journal_title_en,
        &mut a.journal_id,
        &mut a.publisher,
        &mut a.issn,
        &mut a.eissn,
        &mut a.cn,
        &mut a.volume,
        &mut a.doi,
        &mut a.dates.received,
        &mut a.dates.revised,
        &mut a.dates.accepted,
        &mut a.dates.published,
        &mut a.clc_number,
        &mut a.document_code,
        &mut a.article_number,
        &mut a.editor,
        &mut a.corresponding_author,
        &mut a.abstract_,
        &mut a.trans_abstract,
    ] {
        none_if_empty(s);
    }
    a.article_type
        .get_or_insert_with(|| "research-article".into());
    if a.fpage.is_none() {
        a.lpage = None;
    }
    a.article_number_parsed = a
        .article_number
        .as_deref()
        .and_then(jats::parse_article_number);
    for au in &mut a.authors {
        none_if_empty(&mut au.name_en);
        none_if_empty(&mut au.email);
    }
    for f in &mut a.affiliations {
        none_if_empty(&mut f.label);
        none_if_empty(&mut f.name_en);
    }
    for s in &mut a.sections {
        none_if_empty(&mut s.label);
        none_if_empty(&mut s.title);
    }
    for r in &mut a.references {
        for f in [
            &mut r.title,
            &mut r.title_note,
            &mut r.kind,
            &mut r.container,
            &mut r.place,
            &mut r.publisher,
            &mut r.volume,
            &mut r.issue,
            &mut r.pages,
            &mut r.doi,
            &mut r.url,
        ] {
            none_if_empty(f);
        }
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn model_jats_model_is_identity(a in article()) {
        let written = jats::write_with_report(&a).expect("writes");
        prop_assert!(written.stripped.is_empty(), "nothing to strip: {:?}", written.stripped);
        let back = jats::read(&written.xml)
            .unwrap_or_else(|e| panic!("reads back: {e}\n{}", written.xml));
        prop_assert_eq!(back, emitted(a), "{}", written.xml);
    }
}

proptest! {
    // xmllint takes ~0.06 s per file: a sample of the same generator is enough.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_articles_validate(a in article()) {
        let xml = jats::write(&a).expect("writes");
        if let Err(e) = jats::validate_str(&xml, "generated.xml") {
            panic!("{e}\n{xml}");
        }
    }
}

#[test]
#[ignore = "debug: prints one generated article"]
fn print_one() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..3 {
        let a = article().new_tree(&mut runner).expect("tree").current();
        println!("{}", jats::write(&a).expect("writes"));
    }
}
