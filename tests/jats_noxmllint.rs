//! Missing tools say what to do. Own test binary with a single test: it changes the environment.

use galley::jats::{self, JatsError};

#[test]
fn missing_dtd_and_missing_xmllint_are_clear_errors() {
    // SAFETY: this test binary runs this single test, so no other thread reads the environment.
    unsafe { std::env::set_var("GALLEY_JATS_DTD", "/nonexistent/dtd") };
    let err = jats::validate_str("<article/>", "a.xml").expect_err("no DTD");
    assert!(
        matches!(&err, JatsError::NoDtd(dir) if dir.to_str() == Some("/nonexistent/dtd")),
        "{err:?}"
    );
    assert!(err.to_string().contains("GALLEY_JATS_DTD"));

    // SAFETY: as above.
    unsafe {
        std::env::remove_var("GALLEY_JATS_DTD");
        std::env::set_var("PATH", "/nonexistent");
    }
    let err = jats::validate_str("<article/>", "a.xml").expect_err("no xmllint");
    assert!(matches!(err, JatsError::NoXmllint), "{err:?}");
    assert!(err.to_string().contains("apt-get install libxml2-utils"));
}
