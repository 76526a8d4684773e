//! Clean text → [`Article`]: header, codes, sections, references.
//!
//! STUB until the extraction issue lands: title = first line, every other line a paragraph.

use crate::model::{Article, Section};

/// Extracts the document model from normalised text.
pub fn extract(clean: &str) -> Article {
    let mut lines = clean.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().map(str::to_string);
    let paragraphs: Vec<String> = lines.map(str::to_string).collect();
    Article {
        lang: "zh".into(),
        title,
        sections: vec![Section {
            level: 0,
            paragraphs,
            ..Default::default()
        }],
        ..Default::default()
    }
}
