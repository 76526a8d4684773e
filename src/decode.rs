//! Bytes → text, with the encoding that was used.

/// Decoded input.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Encoding name as encoding_rs spells it (`UTF-8`, `gb18030`, `Big5`, `UTF-16LE`).
    pub encoding: &'static str,
    /// `bom`, `valid-utf8` or `detected`.
    pub source: &'static str,
    /// Some bytes were invalid in that encoding and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`. STUB: UTF-8 only, replaced by the repair engine's detector.
pub fn decode(bytes: &[u8]) -> Decoded {
    let text = String::from_utf8_lossy(bytes);
    let had_errors = matches!(text, std::borrow::Cow::Owned(_));
    Decoded {
        text: text.into_owned(),
        encoding: "UTF-8",
        source: "valid-utf8",
        had_errors,
    }
}
