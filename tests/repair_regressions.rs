//! One test per reported repair bug.

fn normalize(text: &str) -> String {
    galley::repair::shared()
        .normalize("test", text.as_bytes(), &galley::repair::Options::default())
        .text
}

/// A question mark ending an English sentence is punctuation, not a garble: it must not
/// become a full-width `？` (seen on the English article of the second test issue).
#[test]
fn english_question_mark_is_kept() {
    let text = "This article asks a simple question: what do committee staff actually spend their days on, and how do residents judge that work?\n";
    assert_eq!(normalize(text), text);
}
