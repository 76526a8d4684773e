//! Byte-level garbles (reference/corruption-model.md): rebuild the GBK bytes behind each damaged
//! window, keep only the candidates that the forward model (annotation A, first decoder D1,
//! full-width mapping P, final decoder D2) maps exactly back onto the observed text, and rank the
//! survivors with the language model.
//!
//! Nothing here is specific to one page: the dictionary of annotated characters is learned from
//! the page's own valid `X(p)` annotations, and every orphan `p)` is a constraint on the two bytes
//! it was inserted after.
//!
//! `tables` (GBK codes, codes by reading) feed `model` (the damage run forwards);
//! `hypothesis` turns a window into byte templates, `search` assigns a template's unknown
//! bytes, and `solve` checks and ranks the results for one window.

mod hypothesis;
mod model;
mod search;
mod solve;
mod tables;
#[cfg(test)]
mod tests;

use super::lm::{Cache, Lm, PageLm, is_han};
use super::pinyin::{Readings, annotation_at, reads, syllable_at};
use crate::audit::Candidate;
use model::inner_pairs;
pub use model::{Dict, annotate, annotation_bytes, d1, d2, forward, pmap};
use solve::solve_window;
pub use tables::{CodeBits, CodeSet, Codes, ReadingIndex, Tables};

/// Page-level context for the solver.
pub struct Page<'a> {
    pub dict: Dict,
    /// Characters the page annotates (dictionary membership).
    pub keys: CodeBits,
    pub cache_lm: &'a PageLm,
    /// Language-model memo shared by all windows of the page: their words recur.
    pub memo: std::cell::RefCell<Cache>,
    /// `inner_pairs` of the page's annotations.
    inner: Vec<u16>,
    /// The page's keys among them.
    cascading: Vec<u16>,
    /// The page keys `narrow_readings` takes out of a reading's code set, and that set, built
    /// when a constraint first asks for it (most readings never are).
    narrowed: rustc_hash::FxHashMap<&'static str, (Vec<u16>, std::cell::OnceCell<Codes>)>,
}

impl<'a> Page<'a> {
    pub fn new(dict: Dict, keys: CodeBits, cache_lm: &'a PageLm) -> Self {
        let mut inner = Vec::new();
        inner_pairs(dict.iter().map(|e| e.1.as_slice()), &mut inner);
        let cascading = (dict.iter().map(|e| e.0))
            .filter(|c| inner.binary_search(c).is_ok())
            .collect();
        Page {
            dict,
            keys,
            cache_lm,
            memo: Default::default(),
            inner,
            cascading,
            narrowed: Default::default(),
        }
    }

    /// The same page, scored with another page model.
    pub fn with_lm<'b>(&self, cache_lm: &'b PageLm) -> Page<'b> {
        Page {
            dict: self.dict.clone(),
            keys: self.keys.clone(),
            cache_lm,
            memo: Default::default(),
            inner: self.inner.clone(),
            cascading: self.cascading.clone(),
            narrowed: self.narrowed.clone(),
        }
    }

    /// The annotator's dictionary gives each key one reading, whatever the context: a key the
    /// page annotates with one reading is not the key of an orphan annotation with another
    /// (樣 is annotated yàng, so `?xiàng)` is not 樣, although 样 can also read xiàng).
    /// Such keys are taken out of their other readings' code sets.
    pub fn narrow_readings(&mut self, ctx: &Ctx) {
        let mut out: rustc_hash::FxHashMap<&'static str, Vec<u16>> = Default::default();
        for (code, ann) in &self.dict {
            let Some(c) = ctx.t.pair((code >> 8) as u8, *code as u8) else {
                continue;
            };
            for ch in [c, (ctx.t2s)(c)] {
                let readings = pinyin::ToPinyinMulti::to_pinyin_multi(&ch);
                for r in readings.into_iter().flatten().map(|r| r.with_tone()) {
                    if ctx.idx.annotation(ctx.t, r).as_deref() != Some(ann.as_slice()) {
                        out.entry(r).or_default().push(*code);
                    }
                }
            }
        }
        self.narrowed = (out.into_iter())
            .map(|(r, taken)| (r, (taken, Default::default())))
            .collect();
    }

    /// The codes that can be the key of an orphan annotation `p)` on this page.
    pub fn codes<'s>(&'s self, ctx: &Ctx<'s>, p: &str) -> Option<&'s Codes> {
        let all = ctx.idx.codes(p)?;
        Some(match self.narrowed.get(p) {
            Some((taken, set)) => set.get_or_init(|| {
                let kept: Vec<u16> = all.iter().copied().filter(|c| !taken.contains(c)).collect();
                Codes::from_codes(&kept)
            }),
            None => all,
        })
    }
}

/// A repair the language model was sure of (its confidence) teaches the page model.
const SURE: f32 = 0.9;
/// A repair it could barely decide is solved again with what the sure ones taught.
const UNSURE: f32 = 0.75;

/// Solves again, with a page model that also knows the page's sure repairs, every window the
/// language model could barely decide. A word the damage hides wherever it occurs (聯建, when
/// the key 摻 straddles 聯 and 建) is never seen undamaged, but the windows whose context
/// settled it teach it to the others. `solved`: each damaged line with its outcomes.
pub fn reconsider(ctx: &Ctx, page: &Page, solved: &mut [(&str, Vec<Outcome>)]) {
    let fixes = || {
        (solved.iter())
            .flat_map(|(_, o)| o)
            .filter_map(|o| match o {
                Outcome::Fixed(f) => Some(f),
                Outcome::Unrepaired { .. } => None,
            })
    };
    if !fixes().any(|f| f.confidence < UNSURE) || !fixes().any(|f| f.confidence >= SURE) {
        return;
    }
    let mut lm = page.cache_lm.clone();
    for f in fixes().filter(|f| f.confidence >= SURE) {
        lm.add(&f.text.chars().map(ctx.t2s).collect::<String>());
    }
    let taught = page.with_lm(&lm);
    for (line, outcomes) in solved.iter_mut() {
        let chars: Vec<char> = line.chars().collect();
        for o in outcomes.iter_mut() {
            if let Outcome::Fixed(f) = o
                && f.confidence < UNSURE
                && differ_in_words(&f.candidates)
                && let Some(again) = solve_window(ctx, &taught, &chars, f.start, f.end)
            {
                *f = again;
            }
        }
    }
}

/// Whether the candidates differ in their Han characters, the only ones the page model
/// scores (most unsure windows hesitate between `,` and `，`).
fn differ_in_words(candidates: &[Candidate]) -> bool {
    let han = |c: &Candidate| c.text.chars().filter(|&c| is_han(c)).collect::<Vec<_>>();
    let first = candidates.first().map(han);
    candidates.iter().skip(1).any(|c| Some(han(c)) != first)
}

/// Everything the solver needs from the repairer.
pub struct Ctx<'a> {
    pub t: &'a Tables,
    pub idx: &'a ReadingIndex,
    pub r: &'a Readings,
    pub lm: &'a Lm,
    pub t2s: &'a dyn Fn(char) -> char,
}

/// One repaired window.
pub struct Fix {
    /// Char range in the line.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub confidence: f32,
    pub candidates: Vec<Candidate>,
    pub lost: usize,
}

/// Outcome for one window.
pub enum Outcome {
    Fixed(Fix),
    Unrepaired { start: usize, end: usize },
}

/// Damage signals: `?`, orphan annotations, annotations after a character that cannot carry them.
pub fn has_signals(line: &str) -> bool {
    if line.is_ascii() {
        return false;
    }
    // `?`, or a `)` closing something that ends in a pinyin letter.
    line.contains('?')
        || line.match_indices(')').any(|(i, _)| {
            line[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c))
        })
}

/// Finds and solves every damaged window of one line (traditional, annotations still in).
pub fn solve_line(ctx: &Ctx, page: &Page, line: &str) -> Vec<Outcome> {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    // Annotation spans: complete (start at '(') and orphan (start at syllable), with validity.
    let mut signals: Vec<(usize, usize)> = Vec::new();
    let mut anchor = vec![false; n + 1];
    anchor[0] = true;
    anchor[n] = true;
    // The ends of valid annotations after a signal: most likely in phase, but not certainly
    // (see below). A window too long to solve whole is split there.
    let mut weak = vec![false; n + 1];
    // `dirty`: a signal was seen since the last ASCII byte. D1 may then be out of phase, and an
    // out-of-phase pair that is itself a key shows as a valid-looking `X(p)`: no anchor there.
    let mut dirty = false;
    // Where the last annotation (or orphan) ended: the byte before it was a key's trail.
    let mut after_annotation = usize::MAX;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '?' {
            let mut end = i + 1;
            let orphan = syllable_at(&chars, i + 1, ctx.r);
            if let Some((_, e)) = orphan {
                end = e;
            }
            // A decoder's `?` stands for a byte of a double-byte character, so it touches
            // one; a `?` between ASCII characters is a question mark. An annotation's `)` is
            // inserted text: before it stood a double-byte key (`覆蓋(gài)?,F在`: 覆蓋。現在).
            let ascii_at =
                |k: Option<usize>| k.and_then(|k| chars.get(k)).is_none_or(|c| c.is_ascii());
            if orphan.is_none()
                && after_annotation != i
                && ascii_at(i.checked_sub(1))
                && ascii_at(Some(i + 1))
            {
                i += 1;
                continue;
            }
            signals.push((i, end));
            dirty = true;
            i = end;
            if orphan.is_some() {
                after_annotation = end;
            }
            continue;
        }
        if c == '('
            && let Some((p, e)) = annotation_at(&chars, i, ctx.r)
        {
            let x = if i > 0 { chars[i - 1] } else { ' ' };
            let valid = is_han(x) && reads(x, (ctx.t2s)(x), p);
            if !valid {
                signals.push((i.saturating_sub(1), e));
                dirty = true;
            } else if dirty {
                // Before X, where the first decoder was in phase: out of phase, it would have
                // paired X's trail byte with `(` and eaten both. Unless that trail byte is
                // ASCII (過 = DF 5E): then the first decoder re-phases on it, out of phase up
                // to X (`了過(guò)`), and the cut goes after the annotation.
                let ascii_trail = ctx.t.code(x).is_some_and(|c| c & 0xFF < 0x80);
                weak[if ascii_trail { e } else { i - 1 }] = true;
            } else if i < 2 || chars[i - 2] != '?' {
                // Before X, not after `)`: a window must hold X's bytes, which a key
                // straddling X and the next character shares.
                anchor[i - 1] = true;
            }
            i = e;
            after_annotation = e;
            continue;
        }
        // Any single byte below 0x80 that the decoders emitted alone stood at a lead position,
        // and it ended an original character (itself, or the trail of one): both decoders are
        // in phase after it. Letters count too (`鶎狱h組織`: h is the trail of 黨), except
        // inside the annotations, which the branches above skip whole.
        if c.is_ascii() && (i == 0 || chars[i - 1] != '?') {
            anchor[i + 1] = true;
            dirty = false;
        }
        i += 1;
    }
    if signals.is_empty() {
        return Vec::new();
    }
    // Windows: from the last anchor at or before a signal to the first anchor after it.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for &(s, e) in &signals {
        let mut ws = (0..=s).rev().find(|&k| anchor[k]).unwrap_or(0);
        // A punctuation mark before the window may have been full-width, and its code may
        // be half of a key straddling into the window: take it in.
        if ws > 0 && ",;:?".contains(chars[ws - 1]) && (ws < 2 || chars[ws - 2] != '?') {
            ws -= 1;
        }
        let we = (e..=n).find(|&k| anchor[k]).unwrap_or(n);
        match windows.last_mut() {
            Some(last) if ws < last.1 => last.1 = last.1.max(we),
            _ => windows.push((ws, we)),
        }
    }
    let solve = |start, end| match solve_window(ctx, page, &chars, start, end) {
        Some(fix) => Outcome::Fixed(fix),
        None => Outcome::Unrepaired { start, end },
    };
    let mut out = Vec::with_capacity(windows.len());
    for (ws, we) in windows {
        let whole = solve(ws, we);
        let cuts: Vec<usize> = (ws + 1..we).filter(|&k| weak[k]).collect();
        if matches!(whole, Outcome::Fixed(_)) || cuts.is_empty() {
            out.push(whole);
            continue;
        }
        // Too many hypotheses, or none verified: solve the parts between the valid
        // annotations inside, each taken to be in phase at its ends. What still fails stays.
        let bounds: Vec<usize> = std::iter::once(ws).chain(cuts).chain([we]).collect();
        for p in bounds.windows(2) {
            if signals.iter().any(|&(s, e)| s < p[1] && e > p[0]) {
                out.push(solve(p[0], p[1]));
            }
        }
    }
    out
}
