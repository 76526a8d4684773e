//! Errors, typed per stage, each carrying enough context to tell the user what to do.

use std::path::PathBuf;

/// Everything that can go wrong in the pipeline. Every variant names its input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    #[error("{path}: line {line}: {message}")]
    InputLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The run cannot start (fonts, styles): nothing to do with one input.
    #[error("{0}")]
    Setup(String),
    #[cfg(feature = "typeset")]
    #[error(transparent)]
    Typeset(#[from] crate::typeset::TypesetError),
    #[error(transparent)]
    Manifest(#[from] crate::issue::ManifestError),
    /// A sidecar `<stem>.meta.toml` that cannot be applied (it names itself and the line).
    #[error("{0} (fix or remove the sidecar file)")]
    Override(#[from] crate::extract::OverrideError),
    /// A JATS input that cannot be read.
    #[error("{path}: {source}")]
    JatsInput {
        path: PathBuf,
        source: crate::jats::JatsError,
    },
    #[error(transparent)]
    Jats(#[from] crate::jats::JatsError),
    /// galley (or a library it runs) panicked on this input: a bug, caught so that a batch
    /// goes on with the other articles.
    #[error(
        "{path}: internal error: {message} (a bug in galley: please report it with this input)"
    )]
    Internal { path: PathBuf, message: String },
}
