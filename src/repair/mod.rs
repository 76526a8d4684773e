//! The repair engine: from damaged page text to the article as published, with an audit trail.
//!
//! STUB until the repair engine lands: decodes and keeps every line.

use crate::audit::{Audit, Fate, LineRecord};

/// Which script the output should be in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Script {
    /// Restore simplified Chinese where the evidence says the text was converted from it.
    #[default]
    Auto,
    /// Always convert to simplified.
    Hans,
    /// Always convert to traditional.
    Hant,
    /// Never convert.
    Keep,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub script: Script,
}

/// Clean text and what was done to get it.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub audit: Audit,
}

/// Dictionaries and models, loaded once per process and shared by every article.
pub struct Repairer {}

impl Repairer {
    pub fn new() -> Self {
        Repairer {}
    }

    /// Repairs one input. `name` is the input's name for the audit (`-` for stdin).
    pub fn normalize(&self, name: &str, bytes: &[u8], _opts: &Options) -> Normalized {
        let decoded = crate::decode::decode(bytes);
        let mut audit = Audit {
            input: name.to_string(),
            input_bytes: bytes.len(),
            encoding: decoded.encoding.to_string(),
            encoding_source: decoded.source.to_string(),
            ..Default::default()
        };
        for (i, line) in decoded.text.lines().enumerate() {
            audit.lines.push(LineRecord {
                line: i + 1,
                fate: Fate::Kept,
                output_line: Some(i + 1),
                reason: None,
                text: line.to_string(),
            });
        }
        Normalized {
            text: decoded.text,
            audit,
        }
    }
}

impl Default for Repairer {
    fn default() -> Self {
        Self::new()
    }
}

/// The process-wide repairer (dictionaries load on first use).
pub fn shared() -> &'static Repairer {
    static R: std::sync::OnceLock<Repairer> = std::sync::OnceLock::new();
    R.get_or_init(Repairer::new)
}
