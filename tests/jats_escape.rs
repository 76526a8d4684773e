//! Nothing from the input can inject markup, and characters XML 1.0 cannot carry are stripped
//! (and reported) so the output always validates.

use galley::jats::{self, Adjustment, JatsError, Stripped};
use galley::model::{Affiliation, Article, Author, LOST_CHAR, Reference, Section};

fn validate(xml: &str) {
    if let Err(e) = jats::validate_str(xml, "edge.xml") {
        panic!("{e}\n{xml}");
    }
}

#[test]
fn markup_in_text_is_escaped_not_injected() {
    let evil = "</article-title><script>alert(1)</script>]]><![CDATA[x]]>&amp;&lt;\"'";
    let a = Article {
        lang: "zh".into(),
        title: Some(evil.into()),
        keywords: vec![evil.into()],
        sections: vec![Section {
            level: 1,
            title: Some(evil.into()),
            paragraphs: vec![evil.into(), format!("丢{LOST_CHAR}字")],
            ..Section::default()
        }],
        references: vec![Reference {
            raw: evil.into(),
            kind: Some("\"/><x a=\"".into()),
            url: Some("http://x.example/?a=1&b=\"2\"".into()),
            ..Reference::default()
        }],
        ..Article::default()
    };
    let xml = jats::write(&a).expect("writes");
    assert!(!xml.contains("<script>"));
    assert!(!xml.contains("]]>"));
    assert!(xml.contains(r#"<named-content content-type="lost-character">�</named-content>"#));
    validate(&xml);
    let back = jats::read(&xml).expect("reads");
    assert_eq!(back.title.as_deref(), Some(evil));
    assert_eq!(back.keywords, vec![evil.to_string()]);
    assert_eq!(back.sections[0].paragraphs[0], evil);
    assert_eq!(back.sections[0].paragraphs[1], format!("丢{LOST_CHAR}字"));
    assert_eq!(back.references[0].kind.as_deref(), Some("\"/><x a=\""));
    assert_eq!(
        back.references[0].url.as_deref(),
        Some("http://x.example/?a=1&b=\"2\"")
    );
}

#[test]
fn control_characters_are_stripped_and_reported() {
    let a = Article {
        lang: "zh\u{1}".into(),
        title: Some("标\u{0}题\u{B}".into()),
        abstract_: Some("摘\u{FFFE}要\u{FFFF}\t\n\r".into()),
        authors: vec![Author {
            name: "熊\u{7}玉清".into(),
            affiliations: vec!["aff1".into(), "missing".into()],
            ..Author::default()
        }],
        affiliations: vec![Affiliation {
            id: "1 bad id".into(),
            name: "党校\u{1F}".into(),
            ..Affiliation::default()
        }],
        references: vec![Reference {
            raw: "[1]\u{8}文献".into(),
            kind: Some("M\u{2}".into()),
            ..Reference::default()
        }],
        lpage: Some(47),
        ..Article::default()
    };
    let w = jats::write_with_report(&a).expect("writes");
    validate(&w.xml);
    let fields: Vec<&str> = w.stripped.iter().map(|s| s.field.as_str()).collect();
    for f in [
        "title",
        "abstract",
        "authors[0].name",
        "affiliations[0]",
        "references[0].raw",
    ] {
        assert!(fields.contains(&f), "{f} not reported in {fields:?}");
    }
    assert!(w.stripped.contains(&Stripped {
        field: "title".into(),
        chars: vec!['\u{0}', '\u{B}'],
    }));
    assert!(w.stripped.contains(&Stripped {
        field: "abstract".into(),
        chars: vec!['\u{FFFE}', '\u{FFFF}'],
    }));
    assert!(
        w.stripped
            .iter()
            .any(|s| s.field.ends_with("@specific-use") && s.chars == vec!['\u{2}'])
    );
    assert!(w.adjustments.contains(&Adjustment::Language {
        from: "zh\u{1}".into(),
        to: "zh".into()
    }));
    assert!(w.adjustments.contains(&Adjustment::AffiliationId {
        from: "1 bad id".into(),
        to: "aff1".into()
    }));
    assert!(w.adjustments.contains(&Adjustment::DanglingAffiliation {
        author: "熊\u{7}玉清".into(),
        id: "missing".into()
    }));
    assert!(
        w.adjustments
            .contains(&Adjustment::LastPageWithoutFirst(47))
    );

    let back = jats::read(&w.xml).expect("reads");
    assert_eq!(back.title.as_deref(), Some("标题"));
    assert_eq!(back.abstract_.as_deref(), Some("摘要\t\n\r"));
    assert_eq!(back.authors[0].name, "熊玉清");
    assert_eq!(back.references[0].kind.as_deref(), Some("M"));
}

#[test]
fn empty_article_is_valid() {
    let xml = jats::write(&Article::default()).expect("writes");
    validate(&xml);
    let back = jats::read(&xml).expect("reads");
    assert_eq!(back.lang, "zh");
    assert!(back.title.is_none() && back.sections.is_empty());
}

#[test]
fn validation_failures_name_line_and_element() {
    let xml = jats::write(&Article::default())
        .expect("writes")
        .replace("<front>", "<front><bogus/>");
    match jats::validate_str(&xml, "broken.xml") {
        Err(JatsError::Invalid { path, messages }) => {
            assert_eq!(path.to_str(), Some("broken.xml"));
            let m = messages
                .iter()
                .find(|m| m.element.as_deref() == Some("front"))
                .unwrap_or_else(|| panic!("no message about <front>: {messages:?}"));
            assert_eq!(m.file, "broken.xml");
            // xmllint reports content-model errors at the element's end tag.
            let end = xml
                .lines()
                .position(|l| l.contains("</front>"))
                .map(|i| i + 1);
            assert_eq!(m.line, end);
            assert!(m.message.contains("validity error"), "{m}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}
