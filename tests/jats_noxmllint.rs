//! Without xmllint on PATH, validation says how to install it (own test binary: it changes PATH).

use galley::jats::{self, JatsError};

#[test]
fn missing_xmllint_is_a_clear_error() {
    // SAFETY: this test binary runs this single test, so no other thread reads the environment.
    unsafe { std::env::set_var("PATH", "/nonexistent") };
    let err = jats::validate_str("<article/>", "a.xml").expect_err("no xmllint");
    assert!(matches!(err, JatsError::NoXmllint), "{err:?}");
    assert!(err.to_string().contains("apt-get install libxml2-utils"));
}
