//! Invariants checked by the fuzz targets (fuzz/fuzz_targets/*.rs include this file) and by
//! the stable test suite that replays their corpus (tests/fuzz_regressions.rs) and the
//! nothing-lost tests (tests/lines_accounted.rs). Each check returns `Err(why)` instead of
//! panicking so tests can say which input broke which rule; the fuzz targets panic on it.
#![allow(dead_code)]

use std::path::Path;

use galley::audit::{Audit, Fate};
use galley::issue::Manifest;
use galley::repair::Normalized;

/// Largest input the fuzz targets feed to the repair engine (the engine's cost is linear in
/// the input, but libFuzzer's default 4 KiB keeps executions fast).
pub const MAX_FUZZ_INPUT: usize = 16 * 1024;

/// Nothing lost: the audit has one record per decoded input line, in order, carrying that
/// line's text; kept and changed lines map, in order and without gaps, onto the lines of the
/// clean text (a kept line unchanged); removed lines have no output line and a reason.
pub fn lines_accounted(bytes: &[u8], n: &Normalized) -> Result<(), String> {
    let decoded = galley::decode::decode(bytes);
    let input: Vec<&str> = decoded.text.lines().collect();
    let output: Vec<&str> = n.text.lines().collect();
    check_audit_lines(&input, &output, &n.audit)?;
    if !n.text.is_empty() && !n.text.ends_with('\n') {
        return Err("clean text does not end with a newline".into());
    }
    if n.text.lines().count() != n.text.matches('\n').count() {
        return Err("clean text has a line break that is not `\\n`".into());
    }
    Ok(())
}

/// The line records of `audit` against the input and output line lists.
pub fn check_audit_lines(input: &[&str], output: &[&str], audit: &Audit) -> Result<(), String> {
    if audit.lines.len() != input.len() {
        return Err(format!(
            "{} input lines but {} line records",
            input.len(),
            audit.lines.len()
        ));
    }
    let mut next_out = 1;
    for (i, (rec, text)) in audit.lines.iter().zip(input).enumerate() {
        let no = i + 1;
        if rec.line != no {
            return Err(format!("record {no} says it is line {}", rec.line));
        }
        if rec.text != *text {
            return Err(format!(
                "line {no}: record text {:?} is not the input {:?}",
                rec.text, text
            ));
        }
        match rec.fate {
            Fate::Kept | Fate::Changed => {
                if rec.output_line != Some(next_out) {
                    return Err(format!(
                        "line {no} ({:?}) maps to output line {:?}, expected {next_out}",
                        rec.fate, rec.output_line
                    ));
                }
                let out = output.get(next_out - 1).ok_or_else(|| {
                    format!("line {no} maps to output line {next_out}, past the end")
                })?;
                if rec.fate == Fate::Kept && out != text {
                    return Err(format!(
                        "line {no} is `kept` but output line {next_out} is {out:?}, input {text:?}"
                    ));
                }
                if rec.reason.is_some() {
                    return Err(format!("line {no} is {:?} but has a reason", rec.fate));
                }
                next_out += 1;
            }
            Fate::Removed => {
                if rec.output_line.is_some() {
                    return Err(format!("removed line {no} has an output line"));
                }
                if rec.reason.as_deref().is_none_or(str::is_empty) {
                    return Err(format!("removed line {no} has no reason"));
                }
            }
        }
    }
    if next_out - 1 != output.len() {
        return Err(format!(
            "{} output lines but {} kept or changed input lines",
            output.len(),
            next_out - 1
        ));
    }
    // kept + changed + removed reconstructs the input line set.
    let rebuilt: Vec<&str> = audit.lines.iter().map(|r| r.text.as_str()).collect();
    if rebuilt != input {
        return Err("the line records do not reconstruct the input".into());
    }
    Ok(())
}

/// Repair: never panics, accounts for every line, and clean text is stable under a second
/// pass of the line accounting (every output line is one line).
pub fn normalize(bytes: &[u8]) -> Result<(), String> {
    let n = galley::repair::shared().normalize("fuzz", bytes, &Default::default());
    lines_accounted(bytes, &n)?;
    if n.audit.input_bytes != bytes.len() {
        return Err("audit input_bytes is wrong".into());
    }
    Ok(())
}

/// Extraction and the JATS writer: whatever the text, extraction gives an article, the
/// writer escapes everything, and the reader reads the writer's output back.
pub fn extract(text: &str) -> Result<(), String> {
    let article = galley::extract::extract(text);
    let xml = galley::jats::write(&article).map_err(|e| format!("write failed: {e}"))?;
    galley::jats::read(&xml).map_err(|e| format!("cannot read the writer's output: {e}"))?;
    Ok(())
}

/// The JATS reader: any input gives an article or an error; an article it reads can be
/// written and read again.
pub fn jats_read(xml: &str) -> Result<(), String> {
    if let Ok(article) = galley::jats::read(xml) {
        let again = galley::jats::write(&article).map_err(|e| format!("write failed: {e}"))?;
        galley::jats::read(&again)
            .map_err(|e| format!("cannot read the writer's output of a read article: {e}"))?;
    }
    Ok(())
}

/// The manifest: parsing never panics, and every article path it resolves inside `dir` (an
/// issue folder with one `a.txt`) stays inside `dir`.
pub fn manifest(text: &str, dir: &Path) -> Result<(), String> {
    let Ok(m) = Manifest::parse(text, &dir.join("issue.toml")) else {
        return Ok(());
    };
    let root = dir.canonicalize().map_err(|e| e.to_string())?;
    for a in &m.articles {
        if let Ok(real) = m.resolve(dir, &a.file)
            && !real.starts_with(&root)
        {
            return Err(format!(
                "`{}` resolved outside the issue folder: {}",
                a.file,
                real.display()
            ));
        }
    }
    Ok(())
}
