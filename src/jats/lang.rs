//! Language guesses for `xml:lang`: the model records one language per article, but JATS wants
//! `xml:lang` on every element whose language differs (translated titles, English references
//! in a Chinese article...), so the writer needs a cheap per-text guess.

/// CJK unified ideographs (BMP blocks, extension A and the supplementary-plane extensions).
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x3134F
    )
}

/// `zh` or `en` for a text, `None` when it has no letters to judge by (numbers, punctuation).
///
/// One Han character carries about as much as a short English word, so Han characters are
/// weighted three to one against Latin letters: `Typst 排版引擎` is Chinese, while an English
/// sentence quoting one Chinese word stays English.
pub(crate) fn detect(text: &str) -> Option<&'static str> {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    match (han, latin) {
        (0, 0) => None,
        (h, l) if h * 3 >= l => Some("zh"),
        _ => Some("en"),
    }
}

/// Primary language subtag, lower-cased (`zh-Hans` → `zh`).
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether two BCP 47 tags name the same language (`zh` and `zh-Hans` do).
pub(crate) fn same(a: &str, b: &str) -> bool {
    primary(a) == primary(b)
}

/// The translation language of a bilingual Chinese journal: English, or Chinese for an
/// English article.
pub(crate) fn other(lang: &str) -> &'static str {
    if primary(lang) == "en" { "zh" } else { "en" }
}

/// Language for a translated field (`trans_title`, `trans_abstract`, `trans_keywords`): the
/// guess from its text when that differs from the article, else [`other`]. Never equal to the
/// article's language, which is what lets the reader tell the two keyword groups apart.
pub(crate) fn translation(article: &str, text: &str) -> String {
    match detect(text) {
        Some(l) if !same(l, article) => l.to_string(),
        _ => other(article).to_string(),
    }
}

/// `xml:lang` is an NMTOKEN; anything else would make the document invalid.
pub(crate) fn is_nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_script() {
        assert_eq!(detect("社区党建"), Some("zh"));
        assert_eq!(detect("Typst 排版引擎"), Some("zh"));
        assert_eq!(detect("Community party building in Shanghai"), Some("en"));
        assert_eq!(detect("2009(276)."), None);
        assert!(same("zh-Hans", "zh"));
        assert_eq!(other("zh"), "en");
        assert_eq!(other("en-GB"), "zh");
        assert_eq!(translation("zh", "社区"), "en");
        assert!(is_nmtoken("zh-Hans") && !is_nmtoken("z h") && !is_nmtoken(""));
    }
}
