//! JATS from other producers reads into the model too, and the writer tags text whose language
//! differs from the article's.

use galley::jats;
use galley::model::{Article, Reference, Section};

/// The valid example shipped with the vendored DTD (`shared/jats/sample-article.xml`): MathML,
/// a western and an eastern name, a footnote without a type.
const FOREIGN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "https://jats.nlm.nih.gov/publishing/1.3/JATS-journalpublishing1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML"
         article-type="research-article" dtd-version="1.3" xml:lang="zh">
  <front>
    <journal-meta>
      <journal-id journal-id-type="publisher-id">demo</journal-id>
      <journal-title-group>
        <journal-title>示例期刊</journal-title>
        <trans-title-group xml:lang="en"><trans-title>Demo Journal</trans-title></trans-title-group>
      </journal-title-group>
      <issn publication-format="electronic">1234-5678</issn>
      <publisher><publisher-name>示例出版社</publisher-name></publisher>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.1234/demo.2026.001</article-id>
      <title-group>
        <article-title>数字出版流水线测试</article-title>
        <trans-title-group xml:lang="en"><trans-title>A test of the publishing pipeline</trans-title></trans-title-group>
      </title-group>
      <contrib-group>
        <contrib contrib-type="author">
          <name name-style="eastern" xml:lang="zh"><surname>张</surname><given-names>三</given-names></name>
        </contrib>
        <contrib contrib-type="author">
          <name name-style="western"><surname>Li</surname><given-names>Si</given-names></name>
        </contrib>
      </contrib-group>
      <pub-date publication-format="electronic" date-type="pub" iso-8601-date="2026-01-01">
        <day>01</day><month>01</month><year>2026</year>
      </pub-date>
      <volume>1</volume>
      <issue>1</issue>
      <fpage>1</fpage>
      <lpage>4</lpage>
      <permissions>
        <copyright-statement>© 2026 示例出版社</copyright-statement>
        <copyright-year>2026</copyright-year>
      </permissions>
      <abstract><p>本文测试 JATS 1.3 校验。</p></abstract>
      <kwd-group kwd-group-type="author" xml:lang="zh">
        <kwd>排版</kwd><kwd>Typst</kwd>
      </kwd-group>
    </article-meta>
  </front>
  <body>
    <sec id="s1">
      <title>引言</title>
      <p>数字出版流水线将原始文本清洗后排版<xref ref-type="fn" rid="fn1">1</xref>，公式 <inline-formula><mml:math><mml:mi>E</mml:mi><mml:mo>=</mml:mo><mml:mi>m</mml:mi><mml:msup><mml:mi>c</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math></inline-formula>。</p>
    </sec>
  </body>
  <back>
    <fn-group>
      <fn id="fn1"><p>这是一个脚注。</p></fn>
    </fn-group>
  </back>
</article>
"#;

#[test]
fn reads_jats_from_other_producers() {
    let a = jats::read(FOREIGN).expect("reads");
    assert_eq!(a.lang, "zh");
    assert_eq!(a.journal_id.as_deref(), Some("demo"));
    assert_eq!(a.journal_title.as_deref(), Some("示例期刊"));
    assert_eq!(a.journal_title_en.as_deref(), Some("Demo Journal"));
    assert_eq!(a.eissn.as_deref(), Some("1234-5678"));
    assert_eq!(a.issn, None);
    assert_eq!(a.publisher.as_deref(), Some("示例出版社"));
    assert_eq!(a.doi.as_deref(), Some("10.1234/demo.2026.001"));
    assert_eq!(a.title.as_deref(), Some("数字出版流水线测试"));
    assert_eq!(
        a.trans_title.as_deref(),
        Some("A test of the publishing pipeline")
    );
    let names: Vec<&str> = a.authors.iter().map(|au| au.name.as_str()).collect();
    assert_eq!(names, ["张三", "Si Li"]);
    assert_eq!(a.dates.published.as_deref(), Some("2026-01-01"));
    assert_eq!((a.issue, a.fpage, a.lpage), (Some(1), Some(1), Some(4)));
    assert_eq!(a.volume.as_deref(), Some("1"));
    assert_eq!(a.abstract_.as_deref(), Some("本文测试 JATS 1.3 校验。"));
    assert_eq!(a.keywords, ["排版", "Typst"]);
    assert_eq!(
        a.sections,
        [Section {
            level: 1,
            title: Some("引言".into()),
            paragraphs: vec!["数字出版流水线将原始文本清洗后排版1，公式 E=mc2。".into()],
            ..Section::default()
        }]
    );
    assert_eq!(a.notes, ["这是一个脚注。"]);
    assert!(a.warnings.is_empty());

    // What was read writes out as valid JATS again.
    let xml = jats::write(&a).expect("writes");
    jats::validate_str(&xml, "rewritten.xml").expect("valid");
}

#[test]
fn unparsable_numbers_become_warnings() {
    let xml = "<article><front><article-meta><title-group><article-title>t</article-title></title-group><issue>4-5</issue></article-meta></front></article>";
    let a = jats::read(xml).expect("reads");
    assert_eq!(a.issue, None);
    assert_eq!(a.warnings.len(), 1);
    assert_eq!(a.warnings[0].kind, "jats-unparsed");
    assert_eq!(a.warnings[0].field.as_deref(), Some("issue"));
    assert!(
        a.warnings[0].message.starts_with("JATS line 1, column 90:"),
        "{}",
        a.warnings[0].message
    );
}

#[test]
fn elements_in_another_language_are_tagged() {
    let a = Article {
        lang: "zh".into(),
        title: Some("社区党建".into()),
        trans_title: Some("Community party building".into()),
        trans_abstract: Some("An English abstract.".into()),
        trans_keywords: vec!["community".into()],
        keywords: vec!["社区".into()],
        sections: vec![Section {
            level: 1,
            title: Some("Methods".into()),
            paragraphs: vec!["中文段落。".into(), "An English paragraph.".into()],
            ..Section::default()
        }],
        references: vec![Reference {
            raw: "[1] Smith J. A study of things[J]. Nature, 2009.".into(),
            kind: Some("J".into()),
            title: Some("A study of things".into()),
            container: Some("Nature".into()),
            ..Reference::default()
        }],
        ..Article::default()
    };
    let xml = jats::write(&a).expect("writes");
    for m in [
        r#"<trans-title-group xml:lang="en">"#,
        r#"<trans-abstract xml:lang="en">"#,
        r#"<kwd-group kwd-group-type="author" xml:lang="zh">"#,
        r#"<kwd-group kwd-group-type="author" xml:lang="en">"#,
        r#"<sec xml:lang="en">"#,
        "<p>中文段落。</p>",
        r#"<p xml:lang="en">An English paragraph.</p>"#,
        r#"<mixed-citation publication-type="journal" specific-use="gbt7714:J" xml:lang="en">"#,
        "<article-title>A study of things</article-title>",
        "<source>Nature</source>",
    ] {
        assert!(xml.contains(m), "missing {m}\n{xml}");
    }
    jats::validate_str(&xml, "bilingual.xml").expect("valid");
    let back = jats::read(&xml).expect("reads");
    assert_eq!(back.trans_keywords, ["community"]);
    assert_eq!(back.references[0].container.as_deref(), Some("Nature"));
}

#[test]
fn blocks_made_of_paragraphs_give_their_paragraphs() {
    let xml = "<article><body><sec><title>T</title><p>a</p><list><list-item><p>b</p></list-item><list-item><p>c</p></list-item></list><disp-quote><p>d</p></disp-quote><fig><caption><title>F</title></caption></fig></sec></body></article>";
    let a = jats::read(xml).expect("reads");
    assert_eq!(a.sections[0].paragraphs, ["a", "b", "c", "d", "F"]);
}
