//! Contributors as PMC expects them: structured names, affiliations and the corresponding
//! author cross-referenced by id, and multi-paragraph notes and abstracts.

use galley::jats;
use galley::model::{Affiliation, Article, Author};

fn article() -> Article {
    Article {
        lang: "zh".into(),
        title: Some("标题".into()),
        authors: vec![
            Author {
                name: "熊玉清".into(),
                name_en: Some("XIONG Yuqing".into()),
                affiliations: vec!["aff1".into(), "aff2".into()],
                corresponding: true,
                email: Some("xiong@example.org".into()),
            },
            Author {
                name: "欧阳修".into(),
                affiliations: vec!["aff2".into()],
                ..Author::default()
            },
        ],
        affiliations: vec![
            Affiliation {
                id: "aff1".into(),
                label: Some("1".into()),
                name: "中共上海市浦东新区党校，上海 201203".into(),
                name_en: Some("Party School of Pudong, Shanghai 201203, China".into()),
            },
            Affiliation {
                id: "aff2".into(),
                label: Some("2".into()),
                name: "复旦大学".into(),
                name_en: None,
            },
        ],
        corresponding_author: Some("通讯作者：熊玉清，xiong@example.org".into()),
        notes: vec![
            "基金项目：上海市社科规划课题（2009BZZ001）".into(),
            "作者简介：熊玉清，讲师。\n潘海英，副教授。".into(),
        ],
        abstract_: Some("第一段。\n第二段。".into()),
        ..Article::default()
    }
}

#[test]
fn contributors_are_structured_and_linked() {
    let a = article();
    let xml = jats::write(&a).expect("writes");
    for m in [
        r#"<contrib contrib-type="author" corresp="yes">"#,
        "<name-alternatives>",
        r#"<name name-style="eastern" xml:lang="zh">"#,
        r#"<name name-style="eastern" xml:lang="en">"#,
        "<surname>XIONG</surname>",
        "<given-names>Yuqing</given-names>",
        "<surname>欧阳</surname>",
        r#"<xref ref-type="aff" rid="aff1">1</xref>"#,
        r#"<xref ref-type="aff" rid="aff2">2</xref>"#,
        r#"<xref ref-type="corresp" rid="cor1"/>"#,
        r#"<corresp id="cor1">通讯作者：熊玉清，xiong@example.org</corresp>"#,
        "<email>xiong@example.org</email>",
        r#"<aff-alternatives id="aff1">"#,
        r#"<aff xml:lang="zh"><label>1</label>中共上海市浦东新区党校，上海 201203</aff>"#,
        r#"<aff xml:lang="en"><label>1</label>Party School of Pudong, Shanghai 201203, China</aff>"#,
        r#"<aff id="aff2"><label>2</label>复旦大学</aff>"#,
        r#"<fn fn-type="supported-by">"#,
        "<p>第一段。</p>",
        "<p>第二段。</p>",
        "<p>潘海英，副教授。</p>",
    ] {
        assert!(xml.contains(m), "missing {m}\n{xml}");
    }
    jats::validate_str(&xml, "authors.xml").expect("valid");
    let back = jats::read(&xml).expect("reads");
    assert_eq!(back.authors, a.authors);
    assert_eq!(back.affiliations, a.affiliations);
    assert_eq!(back.notes, a.notes);
    assert_eq!(back.abstract_, a.abstract_);
    assert_eq!(back.corresponding_author, a.corresponding_author);
}
