//! The sample article (seed.json) as JATS: valid against the 1.3 DTD, carrying every field, and
//! read back to the same model.

use galley::Article;
use galley::jats;

fn seed() -> Article {
    serde_json::from_str(include_str!("fixtures/seed.json")).expect("seed.json is a model")
}

fn sample_xml() -> String {
    jats::write(&seed()).expect("writes")
}

#[test]
fn sample_validates_against_the_dtd() {
    let xml = sample_xml();
    if let Err(e) = jats::validate_str(&xml, "seed.xml") {
        panic!("{e}");
    }
    // The file-based entry point too.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("seed.xml");
    std::fs::write(&path, &xml).expect("write");
    jats::validate(&path).expect("valid file");
}

#[test]
fn sample_snapshot() {
    insta::assert_snapshot!("seed_jats", sample_xml());
}

/// Plain substring checks on the XML, so the assertions do not depend on our own reader.
#[test]
fn sample_carries_every_seed_field() {
    let xml = sample_xml();
    let must = [
        r#"dtd-version="1.3""#,
        r#"article-type="research-article""#,
        r#"xml:lang="zh""#,
        "<article-title>周浦镇东南社区以“三个一”为抓手创新社区党建工作</article-title>",
        r#"<name name-style="eastern">"#,
        "<surname>熊</surname>",
        "<given-names>玉清</given-names>",
        "<surname>潘</surname>",
        "<given-names>海英</given-names>",
        r#"<xref ref-type="aff" rid="aff-all"/>"#,
        r#"<aff id="aff-all" specific-use="all-authors">中共上海市浦东新区党校</aff>"#,
        "<journal-title>上海党史与党建</journal-title>",
        r#"<issn pub-type="ppub" publication-format="print">1009-928X</issn>"#,
        r#"<pub-date publication-format="print" date-type="collection">"#,
        "<year>2010</year>",
        "<issue>4</issue>",
        "<fpage>45</fpage>",
        "<lpage>47</lpage>",
        r#"<subj-group subj-group-type="clc" vocab="Chinese Library Classification">"#,
        "<subject>D267</subject>",
        "<meta-name>document-code</meta-name>",
        "<meta-value>A</meta-value>",
        r#"<article-id pub-id-type="other">1009-928X(2010)04-0045-03</article-id>"#,
        "<p>浦东新区周浦镇东南社区在社区党建中开展了以“三个一”为抓手的活动",
        r#"<kwd-group kwd-group-type="author" xml:lang="zh">"#,
        "<kwd>浦东周浦东南社区</kwd>",
        "<kwd>创新</kwd>",
        "<kwd>社区党建</kwd>",
        "<label>一、</label>",
        "<title>东南社区的“三个一”做法</title>",
        r#"<sec specific-use="run-in">"#,
        "<label>（五）</label>",
        r#"<fn fn-type="edited-by">"#,
        "<p>袁志平</p>",
        r#"<mixed-citation publication-type="book" specific-use="gbt7714:M">[3]基层党组织服务功能研究[M].上海：上海三联出版社，2009.</mixed-citation>"#,
        "<source>基层党组织服务功能研究</source>",
        "<publisher-loc>上海</publisher-loc>",
        "<publisher-name>上海三联出版社</publisher-name>",
        r#"<comment content-type="title-note">辅导读本</comment>"#,
    ];
    for m in must {
        assert!(xml.contains(m), "missing {m}");
    }
    assert_eq!(xml.matches("<contrib contrib-type=\"author\">").count(), 2);
    assert_eq!(xml.matches("<ref id=").count(), 3);
    assert_eq!(xml.matches("<element-citation").count(), 3);
    // 15 sections: the lead as body/p, 14 headed sections.
    assert_eq!(xml.matches("<sec").count(), 14);
    let body = &xml[xml.find("<body>").expect("body")..];
    assert!(
        body.trim_start_matches("<body>")
            .trim_start()
            .starts_with("<p>周浦镇地处浦东新区中部")
    );
}

#[test]
fn sample_reads_back_to_the_same_model() {
    let mut expected = seed();
    let back = jats::read(&sample_xml()).expect("reads");
    // Written defaults: language and article type are always tagged.
    expected.lang = "zh".into();
    expected.article_type = Some("research-article".into());
    assert_eq!(back, expected);
    assert_eq!(back.sections.len(), 15);
    assert_eq!(back.references.len(), 3);
    assert_eq!(back.references[1].kind.as_deref(), Some("M"));
    assert_eq!(back.references[0].kind, None);
}
