//! Typesetting with Typst as a library. (Being written in the foundation issue.)

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error(
        "no CJK font found: install fonts-noto-cjk and fonts-lxgw-wenkai (apt-get install fonts-noto-cjk fonts-lxgw-wenkai) or pass --font-path"
    )]
    NoCjkFont,
    #[error("template {path}: {message}")]
    Template { path: String, message: String },
}
