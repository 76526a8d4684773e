//! The repair engine: from damaged page text to the article as published, with an audit trail.
//!
//! Passes, in order (this is the only place the order lives):
//! 1. decode (crate::decode) — bytes to text, invalid sequences recorded;
//! 2. latin1 — UTF-8 read as cp1252;
//! 3. control — C0/C1 control characters;
//! 4. spam — page furniture lines (on an annotation-free view of each line);
//! 5. gbk — byte-level garble windows, rebuilt under the forward model and ranked by lm;
//! 6. pinyin — remaining `X(p)` reading annotations;
//!    unencodable — on such pages, a `?` that cannot be a question mark marked as lost;
//! 7. script — traditional → simplified where the page was converted;
//! 8. punct — full-width punctuation in CJK context;
//! 9. whitespace — trailing blanks; blank lines dropped (one paragraph per line).
//!
//! Lines without damage signals (`?`, `(`, `)`, traditional characters, ASCII punctuation)
//! skip the expensive passes.

pub mod control;
pub mod gbk;
pub mod latin1;
pub mod lm;
pub mod opencc;
pub mod pinyin;
pub mod punct;
pub mod script;
pub mod spam;
pub mod unencodable;

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use crate::audit::{Audit, Entry, Fate, Kind, LineRecord};
use crate::model::LOST_CHAR;

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

/// Dictionaries and models, loaded once per process and shared by every article. The GBK
/// tables load on the first page with an annotation, and the garble solver's reading index and
/// language model (jieba's dictionary: most of the start-up time) on the first damaged page,
/// so clean text never pays for them.
pub struct Repairer {
    gbk: OnceLock<gbk::Tables>,
    idx: OnceLock<gbk::ReadingIndex>,
    readings: pinyin::Readings,
    lm: OnceLock<lm::Lm>,
    conv: script::Converter,
}

/// One input line on its way through the passes.
struct Line {
    no: usize,
    input: String,
    text: String,
    removed: Option<&'static str>,
}

impl Repairer {
    pub fn new() -> Self {
        Repairer {
            gbk: OnceLock::new(),
            idx: OnceLock::new(),
            readings: pinyin::Readings::new(),
            lm: OnceLock::new(),
            conv: script::Converter::new(),
        }
    }

    fn gbk(&self) -> &gbk::Tables {
        self.gbk.get_or_init(gbk::Tables::new)
    }

    /// What the garble solver needs beyond the shared tables.
    fn solver<'a>(&'a self, t2s: &'a dyn Fn(char) -> char) -> gbk::Ctx<'a> {
        gbk::Ctx {
            t: self.gbk(),
            idx: self
                .idx
                .get_or_init(|| gbk::ReadingIndex::new(self.gbk(), &|c| self.conv.t2s_char(c))),
            r: &self.readings,
            lm: self.lm.get_or_init(lm::Lm::new),
            t2s,
        }
    }

    /// Repairs one input. `name` is the input's name for the audit (`-` for stdin).
    pub fn normalize(&self, name: &str, bytes: &[u8], opts: &Options) -> Normalized {
        let decoded = crate::decode::decode(bytes);
        let mut audit = Audit {
            input: name.to_string(),
            input_sha256: format!("{:x}", Sha256::digest(bytes)),
            input_bytes: bytes.len(),
            encoding: decoded.encoding.to_string(),
            encoding_source: decoded.source.to_string(),
            ..Default::default()
        };
        // Line starts, to place decode errors.
        let mut starts = vec![0usize];
        starts.extend(decoded.text.match_indices('\n').map(|(i, _)| i + 1));
        for e in &decoded.errors {
            let li = starts
                .partition_point(|&s| s <= e.text_offset)
                .saturating_sub(1);
            let off = e.text_offset - starts[li];
            audit.push(Entry {
                kind: Kind::Decode,
                line: li + 1,
                span: (off, off + LOST_CHAR.len_utf8()),
                before: e
                    .bytes
                    .iter()
                    .map(|b| format!("{b:02X}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                after: LOST_CHAR.to_string(),
                confidence: 1.0,
                note: Some(format!(
                    "invalid in {} at input byte {}",
                    decoded.encoding, e.input_offset
                )),
                ..Default::default()
            });
        }
        let mut lines: Vec<Line> = decoded
            .text
            .lines()
            .enumerate()
            .map(|(i, l)| Line {
                no: i + 1,
                input: l.to_string(),
                text: l.to_string(),
                removed: None,
            })
            .collect();
        // Both prefilters once over the whole text: most inputs need neither pass.
        let (latin1, control) = (
            latin1::suspect(&decoded.text),
            control::suspect(&decoded.text),
        );
        for l in &mut lines {
            if latin1 && let Some(t) = latin1::fix_line(&l.text, l.no, &mut audit) {
                l.text = t;
            }
            if control && let Some(t) = control::fix_line(&l.text, l.no, &mut audit) {
                l.text = t;
            }
        }
        self.repair_lines(&mut lines, opts, &mut audit);
        // Assemble.
        let mut text = String::with_capacity(decoded.text.len());
        let mut out_no = 0;
        for l in lines {
            let fate = if l.removed.is_some() {
                Fate::Removed
            } else if l.text == l.input {
                Fate::Kept
            } else {
                Fate::Changed
            };
            let output_line = if l.removed.is_none() {
                out_no += 1;
                text.push_str(&l.text);
                text.push('\n');
                Some(out_no)
            } else {
                None
            };
            audit.lines.push(LineRecord {
                line: l.no,
                fate,
                output_line,
                reason: l.removed.map(str::to_string),
                text: l.input,
            });
        }
        Normalized { text, audit }
    }

    /// A character only traditional text uses (its simplified form differs).
    pub fn is_traditional(&self, c: char) -> bool {
        self.conv.is_traditional(c)
    }

    fn t2s(&self) -> impl Fn(char) -> char + '_ {
        |c| self.conv.t2s_char(c)
    }

    fn repair_lines(&self, lines: &mut [Line], opts: &Options, audit: &mut Audit) {
        let t2s = self.t2s();
        // Spam on an annotation-free view (borrowed where a line has no annotation); the same
        // scan gives the page dictionary: every valid `X(p)` on the page, spam lines included.
        let mut dict: gbk::Dict = Vec::new();
        let mut keys = gbk::CodeBits::default();
        let mut annotations = 0usize;
        let mut views: Vec<std::borrow::Cow<str>> = Vec::with_capacity(lines.len());
        for l in lines.iter() {
            views.push(pinyin::without_annotations(
                &l.text,
                &self.readings,
                |x, p| {
                    if let Some(x) = x
                        && lm::is_han(x)
                        && pinyin::reads(x, t2s(x), p)
                        && let Some(code) = self.gbk().code(x)
                    {
                        annotations += 1;
                        if keys.insert(code)
                            && let Some(ann) = gbk::annotation_bytes(self.gbk(), p)
                        {
                            dict.push((code, ann));
                        }
                    }
                },
            ));
        }
        dict.sort();
        let all_text: String = views.join("\n");
        let removed = spam::classify(&views);
        // Page cache for the language model, built only when some line needs repair. Removed
        // lines count too: the site's meta line carries the author names undamaged.
        let damaged = lines
            .iter()
            .zip(&removed)
            .any(|(l, r)| r.is_none() && gbk::has_signals(&l.text));
        let page_lm = if damaged {
            let clean: Vec<&str> = views
                .iter()
                .filter(|v| !v.contains('?'))
                .map(|v| &**v)
                .collect();
            // A Han character is three bytes: a bound on the n-grams the page can add.
            let mut counts =
                lm::PageLm::with_capacity(clean.iter().map(|v| v.len()).sum::<usize>() / 3);
            for v in clean {
                counts.add(&v.chars().map(&t2s).collect::<String>());
            }
            counts
        } else {
            lm::PageLm::default()
        };
        drop(views);
        for (l, reason) in lines.iter_mut().zip(removed) {
            l.removed = reason;
        }
        let mut page = gbk::Page::new(dict, keys, &page_lm);
        let ctx = damaged.then(|| self.solver(&t2s));
        if let Some(ctx) = &ctx {
            page.narrow_readings(ctx);
        }
        for l in lines.iter_mut().filter(|l| l.removed.is_none()) {
            if let Some(t) = spam::lost_spaces(&l.text) {
                audit.push(Entry {
                    kind: Kind::Whitespace,
                    line: l.no,
                    span: (0, l.text.len()),
                    before: std::mem::take(&mut l.text),
                    after: t.clone(),
                    confidence: 0.9,
                    note: Some("runs of `? ? ?` stand for lost spaces".into()),
                    ..Default::default()
                });
                l.text = t;
            }
        }
        // Every damaged line is solved before any is changed: `reconsider` learns from them all.
        let damaged = |l: &Line| l.removed.is_none() && gbk::has_signals(&l.text);
        let mut outcomes = match &ctx {
            Some(ctx) => {
                let mut solved: Vec<(&str, Vec<gbk::Outcome>)> = (lines.iter())
                    .filter(|l| damaged(l))
                    .map(|l| (l.text.as_str(), gbk::solve_line(ctx, &page, &l.text)))
                    .collect();
                gbk::reconsider(ctx, &page, &mut solved);
                solved.into_iter().map(|s| s.1).collect()
            }
            None => Vec::new(),
        }
        .into_iter();
        for l in lines.iter_mut().filter(|l| l.removed.is_none()) {
            if damaged(l)
                && let Some(o) = outcomes.next()
            {
                Self::garbles(l, o, audit);
            }
            if let Some(t) = pinyin::strip_line(&l.text, l.no, &self.readings, &t2s, Some(audit)) {
                l.text = t;
            }
            if ctx.is_some()
                && let Some(t) = unencodable::mark_line(&l.text, l.no, audit)
            {
                l.text = t;
            }
        }
        // Script.
        let (target, why) = self.conv.decide(&all_text, annotations, opts.script);
        audit.script = why;
        for l in lines.iter_mut().filter(|l| l.removed.is_none()) {
            if let Some(t) = self.conv.convert(&l.text, target) {
                audit.push(Entry {
                    kind: Kind::Script,
                    line: l.no,
                    span: (0, l.text.len()),
                    before: std::mem::take(&mut l.text),
                    after: t.clone(),
                    confidence: 0.98,
                    ..Default::default()
                });
                l.text = t;
            }
            if let Some(t) = punct::fix_line(&l.text, l.no, audit) {
                l.text = t;
            }
            let trimmed = l.text.trim_end();
            if trimmed.len() != l.text.len() {
                audit.push(Entry {
                    kind: Kind::Whitespace,
                    line: l.no,
                    span: (trimmed.len(), l.text.len()),
                    before: l.text[trimmed.len()..].to_string(),
                    confidence: 1.0,
                    ..Default::default()
                });
                l.text.truncate(trimmed.len());
            }
            if l.text.is_empty() {
                l.removed = Some("blank");
            }
        }
    }

    /// Repairs the garble windows of one line in place.
    fn garbles(l: &mut Line, outcomes: Vec<gbk::Outcome>, audit: &mut Audit) {
        if outcomes.is_empty() {
            return;
        }
        let chars: Vec<char> = l.text.chars().collect();
        // Byte offset of every char index (a prefix sum: summing per window was quadratic
        // on a long line with many windows).
        let offsets: Vec<usize> = std::iter::once(0)
            .chain(chars.iter().scan(0, |acc, c| {
                *acc += c.len_utf8();
                Some(*acc)
            }))
            .collect();
        let byte_at = |ci: usize| offsets[ci];
        let mut out = String::with_capacity(l.text.len());
        let mut pos = 0;
        for o in outcomes {
            match o {
                gbk::Outcome::Fixed(f) => {
                    let before: String = chars[f.start..f.end].iter().collect();
                    if f.text == before {
                        continue;
                    }
                    out.extend(&chars[pos..f.start]);
                    let (b0, b1) = (byte_at(f.start), byte_at(f.end));
                    for _ in 0..f.lost {
                        audit.push(Entry {
                            kind: Kind::LostCharacter,
                            line: l.no,
                            span: (b0, b1),
                            before: before.clone(),
                            after: LOST_CHAR.to_string(),
                            confidence: 1.0,
                            note: Some("an ASCII byte was eaten by the first decoder together with a lead byte; its value is gone".into()),
                            ..Default::default()
                        });
                    }
                    audit.push(Entry {
                        kind: Kind::Garble,
                        line: l.no,
                        span: (b0, b1),
                        before,
                        after: f.text.clone(),
                        confidence: f.confidence,
                        candidates: f.candidates,
                        ..Default::default()
                    });
                    out.push_str(&f.text);
                    pos = f.end;
                }
                gbk::Outcome::Unrepaired { start, end } => {
                    audit.push(Entry {
                        kind: Kind::Unrepaired,
                        line: l.no,
                        span: (byte_at(start), byte_at(end)),
                        before: chars[start..end].iter().collect(),
                        after: chars[start..end].iter().collect(),
                        confidence: 0.0,
                        note: Some(
                            "no candidate reproduces the observed text under the damage model"
                                .into(),
                        ),
                        ..Default::default()
                    });
                }
            }
        }
        out.extend(&chars[pos..]);
        l.text = out;
    }
}

/// `chars` spelled as UTF-8 in `buf`, for a short lookup key that needs no allocation; `None`
/// if they do not fit.
fn spell_on_stack(chars: impl Iterator<Item = char>, buf: &mut [u8]) -> Option<&str> {
    let mut n = 0;
    for c in chars {
        let dst = buf.get_mut(n..n + c.len_utf8())?;
        n += c.encode_utf8(dst).len();
    }
    std::str::from_utf8(&buf[..n]).ok()
}

impl Default for Repairer {
    fn default() -> Self {
        Self::new()
    }
}

/// A small deterministic generator for the unit tests' random inputs: `next(n)` is below `n`.
#[cfg(test)]
fn test_rng(seed: u64) -> impl FnMut(usize) -> usize {
    let mut x = seed;
    move |n| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    }
}

/// The process-wide repairer (dictionaries load on first use).
pub fn shared() -> &'static Repairer {
    static R: OnceLock<Repairer> = OnceLock::new();
    R.get_or_init(Repairer::new)
}
