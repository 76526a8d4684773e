//! Byte-level garbles (reference/corruption-model.md): rebuild the GBK bytes behind each damaged
//! window, keep only the candidates that the forward model (annotation A, first decoder D1,
//! full-width mapping P, final decoder D2) maps exactly back onto the observed text, and rank the
//! survivors with the language model.
//!
//! Nothing here is specific to one page: the dictionary of annotated characters is learned from
//! the page's own valid `X(p)` annotations, and every orphan `p)` is a constraint on the two bytes
//! it was inserted after.

use rustc_hash::FxHashMap as HashMap;

use super::lm::{Cache, Lm, PageLm, is_han};
use super::pinyin::{Readings, annotation_at, reads, syllable_at};
use crate::audit::Candidate;
use crate::model::LOST_CHAR;

/// The byte the first decoder leaves for an invalid pair; invalid in GBK.
const R: u8 = 0xFF;
/// Full-width punctuation the mirror mapped to ASCII at any byte offset (step P).
const P_KEYS: [(u8, u8); 6] = [
    (0xAC, b','),
    (0xBB, b';'),
    (0xBF, b'?'),
    (0xBA, b':'),
    (0xA8, b'('),
    (0xA9, b')'),
];
/// Most structural hypotheses tried for one window before giving up.
const MAX_HYPOTHESES: usize = 4096;
/// Characters of context on each side when ranking one group's candidates.
const LOCAL: usize = 5;
/// Candidates kept per independent unknown-byte group.
const TOP_K: usize = 6;
/// A group with more candidates than this is short-listed on its immediate context first.
const SHORTLIST: usize = 16;

/// GBK code tables (as the WHATWG/encoding_rs decoder reads them, user-defined area included).
pub struct Tables {
    dec: Vec<char>,
    enc: HashMap<char, u16>,
}

impl Tables {
    pub fn new() -> Self {
        let mut dec = vec!['\0'; 65536];
        let mut enc = HashMap::with_capacity_and_hasher(24000, Default::default());
        let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
        let mut s = String::with_capacity(16);
        for lead in 0x81u16..=0xFE {
            for trail in (0x40u16..=0xFE).filter(|&t| t != 0x7F) {
                s.clear();
                let bytes = [lead as u8, trail as u8];
                let (res, _) = decoder.decode_to_string_without_replacement(&bytes, &mut s, true);
                decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
                let mut it = s.chars();
                if let (encoding_rs::DecoderResult::InputEmpty, Some(c), None) =
                    (res, it.next(), it.next())
                {
                    let code = (lead << 8) | trail;
                    dec[code as usize] = c;
                    enc.entry(c).or_insert(code);
                }
            }
        }
        Tables { dec, enc }
    }

    pub fn pair(&self, a: u8, b: u8) -> Option<char> {
        let c = self.dec[((a as usize) << 8) | b as usize];
        (c != '\0').then_some(c)
    }

    pub fn code(&self, c: char) -> Option<u16> {
        self.enc.get(&c).copied()
    }

    /// Appends the GBK bytes of `c`; false if GBK cannot encode it.
    pub fn encode(&self, c: char, out: &mut Vec<u8>) -> bool {
        if c.is_ascii() {
            out.push(c as u8);
            return true;
        }
        if c == '€' {
            out.push(0x80);
            return true;
        }
        match self.code(c) {
            Some(code) => {
                out.extend_from_slice(&code.to_be_bytes());
                true
            }
            None => false,
        }
    }
}

impl Default for Tables {
    fn default() -> Self {
        Self::new()
    }
}

/// A set of GBK codes.
pub type CodeSet = rustc_hash::FxHashSet<u16>;

/// The GBK codes of one reading: hashed for membership tests, sorted for walking (the codes
/// of one lead byte are then a slice).
pub struct Codes {
    set: CodeSet,
    sorted: Vec<u16>,
}

impl Codes {
    pub fn contains(&self, code: &u16) -> bool {
        self.set.contains(code)
    }

    /// In ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, u16> {
        self.sorted.iter()
    }

    /// The codes whose lead byte is `lead`.
    pub fn with_lead(&self, lead: u8) -> &[u16] {
        let lo = (lead as u16) << 8;
        let from = self.sorted.partition_point(|&c| c < lo);
        let to = self.sorted.partition_point(|&c| c <= lo | 0xFF);
        &self.sorted[from..to]
    }
}

/// Every GBK code by reading (toned syllable): the character's own readings and its simplified
/// form's, and the annotation bytes `(p)` of each reading. Built once; a pinyin constraint is
/// then one lookup. Keyed by the pinyin crate's static syllables, so building it copies no
/// string.
pub struct ReadingIndex {
    by_reading: HashMap<&'static str, Codes>,
    annotations: HashMap<&'static str, Vec<u8>>,
}

impl ReadingIndex {
    pub fn new(t: &Tables, t2s: &dyn Fn(char) -> char) -> Self {
        let mut by_reading: HashMap<&'static str, CodeSet> = HashMap::default();
        for (code, &c) in t.dec.iter().enumerate() {
            if c == '\0' || !is_han(c) {
                continue;
            }
            for ch in [c, t2s(c)] {
                if let Some(m) = pinyin::ToPinyinMulti::to_pinyin_multi(&ch) {
                    for r in m {
                        by_reading
                            .entry(r.with_tone())
                            .or_default()
                            .insert(code as u16);
                    }
                }
            }
        }
        let annotations = (by_reading.keys())
            .filter_map(|&p| Some((p, annotation_bytes(t, p)?)))
            .collect();
        let by_reading = (by_reading.into_iter())
            .map(|(p, set)| {
                let mut sorted: Vec<u16> = set.iter().copied().collect();
                sorted.sort_unstable();
                (p, Codes { set, sorted })
            })
            .collect();
        ReadingIndex {
            by_reading,
            annotations,
        }
    }

    /// Every code that reads `p`.
    pub fn codes(&self, p: &str) -> Option<&Codes> {
        self.by_reading.get(p)
    }

    /// The annotation bytes `(p)`, built once per reading: every hypothesis of a window needs
    /// those of its constraints.
    pub fn annotation(&self, t: &Tables, p: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self.annotations.get(p) {
            Some(a) => Some(a.as_slice().into()),
            None => annotation_bytes(t, p).map(Into::into),
        }
    }
}

fn is_lead(b: u8) -> bool {
    (0x81..=0xFE).contains(&b)
}
fn is_trail(b: u8) -> bool {
    (0x40..=0xFE).contains(&b) && b != 0x7F
}

/// Annotation dictionary: GBK key → annotation bytes `(p)`, applied in ascending key order.
pub type Dict = Vec<(u16, Vec<u8>)>;

/// Builds the bytes `(p)` for reading `p`.
pub fn annotation_bytes(t: &Tables, p: &str) -> Option<Vec<u8>> {
    let mut v = vec![b'('];
    for c in p.chars() {
        if !t.encode(c, &mut v) {
            return None;
        }
    }
    v.push(b')');
    Some(v)
}

/// Step A: PHP str_replace semantics, each key at every byte offset, keys in ascending order.
pub fn annotate(o: &[u8], dict: &Dict) -> Vec<u8> {
    let keys: Vec<(u16, &[u8])> = dict.iter().map(|(k, a)| (*k, a.as_slice())).collect();
    let (mut cur, mut tmp) = (Vec::new(), Vec::new());
    annotate_into(o, &keys, &mut cur, &mut tmp);
    cur
}

/// Step A into `cur` (`tmp` is scratch).
fn annotate_into(o: &[u8], keys: &[(u16, &[u8])], cur: &mut Vec<u8>, tmp: &mut Vec<u8>) {
    cur.clear();
    cur.extend_from_slice(o);
    for &(key, ann) in keys {
        let [k0, k1] = key.to_be_bytes();
        if !cur.windows(2).any(|w| w[0] == k0 && w[1] == k1) {
            continue;
        }
        tmp.clear();
        let mut i = 0;
        while i < cur.len() {
            if i + 1 < cur.len() && cur[i] == k0 && cur[i + 1] == k1 {
                tmp.extend_from_slice(&[k0, k1]);
                tmp.extend_from_slice(ann);
                i += 2;
            } else {
                tmp.push(cur[i]);
                i += 1;
            }
        }
        std::mem::swap(cur, tmp);
    }
}

/// Step D1: a lead with a non-trail byte becomes one R, eating that byte.
pub fn d1(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    d1_into(b, &mut out);
    out
}

fn d1_into(b: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if is_lead(x) {
            match b.get(i + 1) {
                Some(&y) if is_trail(y) => {
                    out.extend_from_slice(&[x, y]);
                    i += 2;
                }
                Some(_) => {
                    out.push(R);
                    i += 2;
                }
                None => {
                    out.push(R);
                    i += 1;
                }
            }
        } else {
            out.push(x);
            i += 1;
        }
    }
}

/// Step P: full-width `，；？：（）` codes to ASCII at any byte offset.
pub fn pmap(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    pmap_into(b, &mut out);
    out
}

fn pmap_into(b: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xA3
            && let Some(&(_, a)) = b.get(i + 1).and_then(|&t| P_KEYS.iter().find(|k| k.0 == t))
        {
            out.push(a);
            i += 2;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
}

/// Step D2: WHATWG-like GBK decoding with every replacement shown as `?`.
pub fn d2(t: &Tables, b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    d2_each(t, b, |c| {
        out.push(c);
        true
    });
    out
}

/// Step D2, handing each decoded character to `f` until it returns false; false then.
fn d2_each(t: &Tables, b: &[u8], mut f: impl FnMut(char) -> bool) -> bool {
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let c = if x < 0x80 {
            i += 1;
            x as char
        } else if is_lead(x) {
            match b.get(i + 1) {
                Some(&y) if is_trail(y) => {
                    i += 2;
                    t.pair(x, y).unwrap_or('?')
                }
                Some(&y) if y >= 0x80 => {
                    i += 2;
                    '?'
                }
                _ => {
                    i += 1;
                    '?'
                }
            }
        } else {
            // 0x80 is the euro sign in CP936 and WHATWG GBK; only R (0xFF) is an error.
            i += 1;
            if x == 0x80 { '€' } else { '?' }
        };
        if !f(c) {
            return false;
        }
    }
    true
}

/// The whole damage model from original GBK bytes to the observed text.
pub fn forward(t: &Tables, o: &[u8], dict: &Dict) -> String {
    d2(t, &pmap(&d1(&annotate(o, dict))))
}

/// Buffers for checking candidates against the observed text through the whole damage
/// model: the check runs thousands of times a page, so it allocates nothing and stops at the
/// first character that differs.
#[derive(Default)]
struct Forward {
    o: Vec<u8>,
    a: Vec<u8>,
    b: Vec<u8>,
}

/// The byte pairs inside annotations, as codes, sorted: a key among them can match inside the
/// text the annotator inserts (a tone letter's trail and the next letter, as in `àn`).
fn inner_pairs<'k>(anns: impl Iterator<Item = &'k [u8]>, into: &mut Vec<u16>) {
    for a in anns {
        into.extend(a.windows(2).map(|w| (w[0] as u16) << 8 | w[1] as u16));
    }
    into.sort_unstable();
    into.dedup();
}

impl Forward {
    /// Whether `self.o`, annotated, shows as `observed`.
    fn matches<'k>(
        &mut self,
        t: &Tables,
        ann_of: impl Fn(u16) -> Option<&'k [u8]>,
        cascading: &[(u16, &'k [u8])],
        observed: &str,
    ) -> bool {
        self.annotate(ann_of, cascading);
        d1_into(&self.a, &mut self.b);
        pmap_into(&self.b, &mut self.a);
        let mut want = observed.chars();
        d2_each(t, &self.a, |c| want.next() == Some(c)) && want.next().is_none()
    }

    /// Step A over `self.o` into `self.a`, with the dictionary `ann_of` describes; `cascading`
    /// lists its keys that occur inside its annotations, with their annotations.
    ///
    /// The annotator applies its keys one at a time in ascending order, so a key fires at a
    /// pair unless the previous pair fired with a key applied no later (its annotation then
    /// separates the pair's bytes; equal keys go left to right): one pass does it, as long as
    /// no key can match inside the text it inserts. Otherwise the keys go one by one, those in
    /// the bytes and those that cascade.
    fn annotate<'k>(
        &mut self,
        ann_of: impl Fn(u16) -> Option<&'k [u8]>,
        cascading: &[(u16, &'k [u8])],
    ) {
        let (o, out) = (&self.o, &mut self.a);
        if !cascading.is_empty() {
            let mut keys: Vec<(u16, &[u8])> = cascading.to_vec();
            for w in o.windows(2) {
                let code = (w[0] as u16) << 8 | w[1] as u16;
                if let Some(ann) = ann_of(code)
                    && !keys.iter().any(|e| e.0 == code)
                {
                    keys.push((code, ann));
                }
            }
            keys.sort_unstable();
            annotate_into(o, &keys, out, &mut self.b);
            return;
        }
        out.clear();
        let Some(&first) = o.first() else {
            return;
        };
        out.push(first);
        let mut last: Option<u16> = None;
        for i in 1..o.len() {
            out.push(o[i]);
            let code = (o[i - 1] as u16) << 8 | o[i] as u16;
            let mut fired = None;
            if let Some(ann) = ann_of(code)
                && last.is_none_or(|p| p > code)
            {
                out.extend_from_slice(ann);
                fired = Some(code);
            }
            last = fired;
        }
    }
}

/// Page-level context for the solver.
pub struct Page<'a> {
    pub dict: Dict,
    /// Characters the page annotates (dictionary membership).
    pub keys: CodeSet,
    pub cache_lm: &'a PageLm,
    /// Language-model memo shared by all windows of the page: their words recur.
    pub memo: std::cell::RefCell<Cache>,
    /// `inner_pairs` of the page's annotations.
    inner: Vec<u16>,
    /// The page's keys among them.
    cascading: Vec<u16>,
}

impl<'a> Page<'a> {
    pub fn new(dict: Dict, keys: CodeSet, cache_lm: &'a PageLm) -> Self {
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
        }
    }
}

/// Everything the solver needs from the repairer.
pub struct Ctx<'a> {
    pub t: &'a Tables,
    pub idx: &'a ReadingIndex,
    pub r: &'a Readings,
    pub lm: &'a Lm,
    pub t2s: &'a dyn Fn(char) -> char,
}

#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Ch(char),
    /// A complete `(p)`.
    Ann(String),
    /// `p)` whose `(` was eaten.
    Orphan(String),
    Q,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Hyp {
    /// A real `?` (byte 3F).
    Lit,
    /// A real full-width `？` (A3 BF).
    LitFw,
    /// D2 dropped a lead byte before an ASCII byte.
    Lead,
    /// D1 ate a byte together with the `(` of the following orphan annotation.
    EatParen,
    /// D2 paired a lead with an R that ate `(`.
    LeadEatParen,
    /// D1 ate a byte together with an ASCII byte of the original (lost).
    EatAscii,
    /// D2 paired a lead with an R that ate an ASCII byte.
    LeadEatAscii,
    /// Punctuation was ASCII in the original.
    Ascii,
    /// Punctuation was full-width in the original (A3xx).
    Fw,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    K(u8),
    U(usize),
    L,
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
    // `dirty`: a signal was seen since the last ASCII byte. D1 may then be out of phase, and an
    // out-of-phase pair that is itself a key shows as a valid-looking `X(p)`: no anchor there.
    let mut dirty = false;
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
            // one; a `?` between ASCII characters is a question mark.
            let ascii_at =
                |k: Option<usize>| k.and_then(|k| chars.get(k)).is_none_or(|c| c.is_ascii());
            if orphan.is_none() && ascii_at(i.checked_sub(1)) && ascii_at(Some(i + 1)) {
                i += 1;
                continue;
            }
            signals.push((i, end));
            dirty = true;
            i = end;
            continue;
        }
        if c == '('
            && let Some((p, e)) = annotation_at(&chars, i, ctx.r)
        {
            let x = if i > 0 { chars[i - 1] } else { ' ' };
            let valid = is_han(x) && reads(x, (ctx.t2s)(x), &p);
            if !valid {
                signals.push((i.saturating_sub(1), e));
                dirty = true;
            } else if !dirty && (i < 2 || chars[i - 2] != '?') {
                // Before X, not after `)`: a window must hold X's bytes, which a key
                // straddling X and the next character shares.
                anchor[i - 1] = true;
            }
            i = e;
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
    windows
        .into_iter()
        .map(|(ws, we)| match solve_window(ctx, page, &chars, ws, we) {
            Some(fix) => Outcome::Fixed(fix),
            None => Outcome::Unrepaired { start: ws, end: we },
        })
        .collect()
}

fn units_of(ctx: &Ctx, w: &[char]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < w.len() {
        match w[i] {
            '?' => {
                units.push(Unit::Q);
                if let Some((p, e)) = syllable_at(w, i + 1, ctx.r) {
                    units.push(Unit::Orphan(p));
                    i = e;
                } else {
                    i += 1;
                }
            }
            '(' => match annotation_at(w, i, ctx.r) {
                Some((p, e)) => {
                    units.push(Unit::Ann(p));
                    i = e;
                }
                None => {
                    units.push(Unit::Ch('('));
                    i += 1;
                }
            },
            c => {
                units.push(Unit::Ch(c));
                i += 1;
            }
        }
    }
    units
}

fn options(units: &[Unit], k: usize) -> Vec<Hyp> {
    match &units[k] {
        Unit::Q => match units.get(k + 1) {
            Some(Unit::Orphan(_)) => vec![Hyp::EatParen, Hyp::LeadEatParen],
            next => {
                let mut v = vec![Hyp::Lit, Hyp::LitFw];
                let ascii_next = match next {
                    Some(Unit::Ch(c)) => c.is_ascii() && ((*c as u32) < 0x40 || *c == '\x7f'),
                    Some(Unit::Q) | Some(Unit::Ann(_)) => true,
                    _ => false,
                };
                if ascii_next {
                    v.push(Hyp::Lead);
                }
                v.push(Hyp::EatAscii);
                v.push(Hyp::LeadEatAscii);
                v
            }
        },
        Unit::Ch(c) if (k == 0 || units[k - 1] == Unit::Q) && ",;?:()".contains(*c) => {
            vec![Hyp::Ascii, Hyp::Fw]
        }
        _ => Vec::new(),
    }
}

struct Built<'a> {
    o: Vec<Slot>,
    /// (position in o after the key, reading)
    markers: Vec<(usize, &'a str)>,
    unknowns: usize,
}

/// The GBK bytes of each character unit (`None`: not a character, or not in GBK), encoded
/// once per window rather than once per hypothesis.
fn unit_bytes(ctx: &Ctx, units: &[Unit]) -> Vec<Option<(u8, Option<u8>)>> {
    units
        .iter()
        .map(|u| match u {
            Unit::Ch(c) => {
                let mut b = Vec::with_capacity(2);
                ctx.t.encode(*c, &mut b).then(|| (b[0], b.get(1).copied()))
            }
            _ => None,
        })
        .collect()
}

fn build<'a>(
    units: &'a [Unit],
    enc: &[Option<(u8, Option<u8>)>],
    hyps: &[Option<Hyp>],
) -> Option<Built<'a>> {
    // A unit stands for at most three bytes (`LeadEatAscii`).
    let mut o = Vec::with_capacity(3 * units.len());
    let mut markers = Vec::new();
    let mut u = 0usize;
    let mut fresh = |o: &mut Vec<Slot>| {
        o.push(Slot::U(u));
        u += 1;
    };
    for (k, unit) in units.iter().enumerate() {
        match (unit, hyps[k]) {
            (Unit::Q, Some(h)) => match h {
                Hyp::Lit => o.push(Slot::K(b'?')),
                Hyp::LitFw => o.extend([Slot::K(0xA3), Slot::K(0xBF)]),
                Hyp::Lead | Hyp::EatParen => fresh(&mut o),
                Hyp::LeadEatParen => {
                    fresh(&mut o);
                    fresh(&mut o);
                }
                Hyp::EatAscii => {
                    fresh(&mut o);
                    o.push(Slot::L);
                }
                Hyp::LeadEatAscii => {
                    fresh(&mut o);
                    fresh(&mut o);
                    o.push(Slot::L);
                }
                _ => return None,
            },
            (Unit::Ch(c), Some(Hyp::Fw)) => {
                let trail = P_KEYS.iter().find(|k| k.1 as char == *c)?.0;
                o.extend([Slot::K(0xA3), Slot::K(trail)]);
            }
            (Unit::Ch(_), _) => {
                let (a, b) = enc[k]?;
                o.push(Slot::K(a));
                o.extend(b.map(Slot::K));
            }
            (Unit::Ann(p), _) | (Unit::Orphan(p), _) => markers.push((o.len(), p.as_str())),
            (Unit::Q, None) => return None,
        }
    }
    Some(Built {
        o,
        markers,
        unknowns: u,
    })
}

/// In-phase parse of the template: (start, len) per character; None if no valid parse.
fn parse(o: &[Slot]) -> Option<Vec<(usize, usize)>> {
    let mut chars = Vec::new();
    let mut i = 0;
    while i < o.len() {
        match o[i] {
            Slot::K(b) if b <= 0x80 => {
                chars.push((i, 1));
                i += 1;
            }
            Slot::L => {
                chars.push((i, 1));
                i += 1;
            }
            Slot::K(b) if !is_lead(b) => return None,
            _ => {
                match o.get(i + 1) {
                    Some(Slot::K(t)) if is_trail(*t) => {}
                    Some(Slot::U(_)) => {}
                    _ => return None,
                }
                chars.push((i, 2));
                i += 2;
            }
        }
    }
    Some(chars)
}

fn byte_of(s: Slot, vals: &[u8]) -> u8 {
    match s {
        Slot::K(b) => b,
        Slot::U(u) => vals[u],
        Slot::L => b'0',
    }
}

fn decode_chars(ctx: &Ctx, o: &[Slot], chars: &[(usize, usize)], vals: &[u8]) -> Option<String> {
    let mut s = String::new();
    decode_into(ctx, o, chars, vals, &mut s, false).then_some(s)
}

/// Appends the decoded `chars` to `out` (`simple`: in simplified form, for scoring); false if
/// a pair is not a GBK character.
fn decode_into(
    ctx: &Ctx,
    o: &[Slot],
    chars: &[(usize, usize)],
    vals: &[u8],
    out: &mut String,
    simple: bool,
) -> bool {
    for &(st, len) in chars {
        if len == 1 {
            match o[st] {
                Slot::L => out.push(LOST_CHAR),
                sl => match byte_of(sl, vals) {
                    0x80 => out.push('€'),
                    b => out.push(b as char),
                },
            }
        } else {
            match ctx.t.pair(byte_of(o[st], vals), byte_of(o[st + 1], vals)) {
                Some(c) => out.push(if simple { (ctx.t2s)(c) } else { c }),
                None => return false,
            }
        }
    }
    true
}

fn simplify(ctx: &Ctx, s: &str) -> String {
    s.chars().map(|c| (ctx.t2s)(c)).collect()
}

/// Annotation-free, damage-free context next to a window (at most 4 Han characters).
fn context(ctx: &Ctx, chars: &[char], from: usize, to: usize, left: bool) -> String {
    let mut v: Vec<char> = Vec::new();
    let mut i = from;
    while i < to {
        if chars[i] == '('
            && let Some((_, e)) = annotation_at(chars, i, ctx.r)
        {
            i = e;
            continue;
        }
        v.push(chars[i]);
        i += 1;
    }
    if left {
        let cut = v
            .iter()
            .rposition(|&c| c == '?' || c == ')')
            .map_or(0, |p| p + 1);
        let v = &v[cut..];
        v[v.len().saturating_sub(4)..].iter().collect()
    } else {
        v.iter()
            .take_while(|&&c| c != '?' && c != '(')
            .take(4)
            .collect()
    }
}

fn solve_window(ctx: &Ctx, page: &Page, chars: &[char], ws: usize, we: usize) -> Option<Fix> {
    let w = &chars[ws..we];
    let observed: String = w.iter().collect();
    let units = units_of(ctx, w);
    let opts: Vec<Vec<Hyp>> = (0..units.len()).map(|k| options(&units, k)).collect();
    let total: usize = opts
        .iter()
        .filter(|o| !o.is_empty())
        .try_fold(1usize, |acc, o| acc.checked_mul(o.len()))?;
    if total > MAX_HYPOTHESES {
        return None;
    }
    // The context only serves scoring: simplified once here.
    let left = simplify(ctx, &context(ctx, chars, ws.saturating_sub(12), ws, true));
    let right = simplify(
        ctx,
        &context(ctx, chars, we, (we + 12).min(chars.len()), false),
    );
    let mut cache = page.memo.borrow_mut();
    let mut memo = WindowMemo::default();
    let mut results: Vec<(String, f64, usize)> = Vec::new();
    let slots: Vec<usize> = (0..units.len()).filter(|&k| !opts[k].is_empty()).collect();
    let enc = unit_bytes(ctx, &units);
    let mut hyps = vec![None; units.len()];
    for mut idx in 0..total {
        for &k in &slots {
            hyps[k] = Some(opts[k][idx % opts[k].len()]);
            idx /= opts[k].len();
        }
        let Some(b) = build(&units, &enc, &hyps) else {
            continue;
        };
        solve_hypothesis(
            ctx,
            page,
            &b,
            &observed,
            &left,
            &right,
            &mut cache,
            &mut memo,
            &mut results,
        );
    }
    if results.is_empty() {
        return None;
    }
    results.sort_by(|a, b| b.1.total_cmp(&a.1));
    results.dedup_by(|a, b| a.0 == b.0);
    let best = results[0].1;
    let z: f64 = results.iter().map(|r| (r.1 - best).exp()).sum();
    let (text, _, lost) = results[0].clone();
    Some(Fix {
        start: ws,
        end: we,
        text,
        confidence: (1.0 / z) as f32,
        candidates: results
            .iter()
            .take(5)
            .map(|r| Candidate {
                text: r.0.clone(),
                score: (r.1 * 1000.0).round() / 1000.0,
            })
            .collect(),
        lost,
    })
}

/// Writes one group's assignment (its bytes in group order) into `vals`.
fn assign(vals: &mut [u8], comp: &[usize], bytes: &[u8]) {
    for (&u, &b) in comp.iter().zip(bytes) {
        vals[u] = b;
    }
}

/// What the byte at one depth of a chain is checked against. It depends only on the chain's
/// shape, so it is worked out once per chain rather than at every node of the search.
struct ChainStep<'a> {
    me: usize,
    /// The checks this byte completes (its other byte is set by then): a valid pair, and where
    /// there is a reading, a code with that reading.
    completes: Vec<(Slot, Slot, Option<&'a Codes>)>,
    /// Reading constraints on this byte: (it is the code's lead byte, the other byte where that
    /// is set by then, the codes). They narrow its 126 values to a few dozen at most.
    narrows: Vec<(bool, Option<Slot>, &'a Codes)>,
}

fn chain_steps<'a>(
    o: &[Slot],
    comp: &[usize],
    checks: &[(usize, usize, Option<&'a Codes>)],
) -> Vec<ChainStep<'a>> {
    comp.iter()
        .map(|&me| {
            let known = |s: Slot| match s {
                Slot::U(u) => u <= me,
                _ => true,
            };
            let involves = |s: Slot| s == Slot::U(me);
            let completes = checks
                .iter()
                .map(|&(a, b, p)| (o[a], o[b], p))
                .filter(|&(sa, sb, _)| (involves(sa) || involves(sb)) && known(sa) && known(sb))
                .collect();
            let narrows = checks
                .iter()
                .filter_map(|&(a, b, p)| {
                    let (set, sa, sb) = (p?, o[a], o[b]);
                    if involves(sa) {
                        Some((true, known(sb).then_some(sb), set))
                    } else if involves(sb) {
                        Some((false, known(sa).then_some(sa), set))
                    } else {
                        None
                    }
                })
                .collect();
            ChainStep {
                me,
                completes,
                narrows,
            }
        })
        .collect()
}

/// Bit `v - 0x81` for each lead-range byte `v` (0x81..=0xFE: 126 values).
type ByteMask = u128;
const ALL_BYTES: ByteMask = (1 << 126) - 1;

fn mask_add(m: &mut ByteMask, v: u8) {
    if (0x81..=0xFE).contains(&v) {
        *m |= 1 << (v - 0x81);
    }
}

/// Depth-first assignment of a chain of linked unknown bytes (ids ascending with position),
/// each byte's values tried in ascending order.
fn chain_assign(
    ctx: &Ctx,
    steps: &[ChainStep],
    k: usize,
    vals: &mut [u8],
    out: &mut Vec<Vec<u8>>,
    budget: &mut usize,
) {
    let Some(step) = steps.get(k) else {
        out.push(steps.iter().map(|s| vals[s.me]).collect());
        return;
    };
    let mut values = ALL_BYTES;
    for &(lead, other, set) in &step.narrows {
        let mut m: ByteMask = 0;
        let other = other.map(|s| byte_of(s, vals));
        if lead {
            for &c in set.iter().filter(|&&c| other.is_none_or(|y| c as u8 == y)) {
                mask_add(&mut m, (c >> 8) as u8);
            }
        } else {
            let codes = match other {
                Some(x) => set.with_lead(x),
                None => &set.sorted,
            };
            for &c in codes {
                mask_add(&mut m, c as u8);
            }
        }
        values &= m;
    }
    while values != 0 {
        let v = 0x81 + values.trailing_zeros() as u8;
        values &= values - 1;
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        vals[step.me] = v;
        let ok = step.completes.iter().all(|&(sa, sb, p)| {
            let (x, y) = (byte_of(sa, vals), byte_of(sb, vals));
            ctx.t.pair(x, y).is_some()
                && p.is_none_or(|set| set.contains(&((x as u16) << 8 | y as u16)))
        });
        if ok {
            chain_assign(ctx, steps, k + 1, vals, out, budget);
        }
    }
}

/// Assignments of one group's unknown bytes (in group order), each with its bonus (for a
/// ranking: its score), best first.
type Found = std::rc::Rc<Vec<(Vec<u8>, f64)>>;

/// What the hypotheses of one window share: they differ in a few slots, so most of their
/// groups, and most of the neighbourhoods those groups are ranked in, recur.
#[derive(Default)]
struct WindowMemo {
    /// Group searches by `group_key`.
    groups: HashMap<Vec<u64>, Option<Found>>,
    /// Local rankings by `rank_key`.
    ranks: HashMap<Vec<u64>, Found>,
}

/// What a group's local ranking depends on: its candidates (by identity), and the slots of
/// the neighbourhood it is scored in, with every byte not its own at its current value.
fn rank_key(
    found: &Found,
    o: &[Slot],
    cells: &[(usize, usize)],
    comp: &[usize],
    vals: &[u8],
    edges: (bool, bool),
) -> Vec<u64> {
    let mut key = Vec::with_capacity(2 * cells.len() + 2);
    key.push(std::rc::Rc::as_ptr(found) as u64);
    key.push(edges.0 as u64 | (edges.1 as u64) << 1);
    for &(st, len) in cells {
        key.push(len as u64);
        key.extend(o[st..st + len].iter().map(|&s| match s {
            Slot::K(b) => b as u64,
            Slot::U(u) => match comp.iter().position(|&c| c == u) {
                Some(j) => 0x100 + j as u64,
                None => vals[u] as u64,
            },
            Slot::L => 0x200,
        }));
    }
    key
}

/// What a group's search depends on: its characters' and constraints' slots (unknown bytes
/// numbered within the group) and the constraints' code sets. Hypotheses of one window that
/// differ elsewhere share their groups, so the search runs once per key.
fn group_key(
    o: &[Slot],
    comp: &[usize],
    cells: &[(usize, usize)],
    cons: &[(usize, &Codes)],
) -> Vec<u64> {
    let enc = |s: Slot| match s {
        Slot::K(b) => b as u64,
        Slot::U(u) => 0x100 + comp.iter().position(|&c| c == u).unwrap_or(0) as u64,
        Slot::L => 0x200,
    };
    let mut key = Vec::with_capacity(3 * cells.len() + 3 * cons.len() + 1);
    for &(st, len) in cells {
        key.push(len as u64);
        key.extend(o[st..st + len].iter().map(|&s| enc(s)));
    }
    key.push(u64::MAX);
    for &(pos, set) in cons {
        key.extend([enc(o[pos - 2]), enc(o[pos - 1]), set as *const Codes as u64]);
    }
    key
}

/// Every assignment of a group's unknown bytes that pairs into characters and satisfies the
/// group's constraints; `None` if there is none (or too many to search).
#[allow(clippy::too_many_arguments)]
fn search_group(
    ctx: &Ctx,
    page: &Page,
    o: &[Slot],
    comp: &[usize],
    chars: &[(usize, usize)],
    my_chars: &[usize],
    my_cons: &[(usize, &Codes)],
    vals: &mut [u8],
) -> Option<Found> {
    if comp.len() == 2 && my_cons.is_empty() {
        // Two free bytes: the language model alone cannot pick among ~20k characters.
        return None;
    }
    let mut found: Vec<(Vec<u8>, f64)> = Vec::new();
    // Two unknown bytes that are exactly one key: only the codes with that reading.
    let pair_key = my_cons
        .iter()
        .find_map(|&(pos, set)| match (o[pos - 2], o[pos - 1]) {
            (Slot::U(x), Slot::U(y)) if comp.len() == 2 => Some((x, y, set)),
            _ => None,
        });
    let space: Vec<(u8, u8)> = match pair_key {
        Some((_, _, set)) => set.iter().map(|c| ((c >> 8) as u8, *c as u8)).collect(),
        None => Vec::new(),
    };
    // Three or more linked bytes (keys chained across several characters): depth-first,
    // each byte checked as soon as a character or key it completes is known.
    let chain: Vec<Vec<u8>> = if comp.len() > 2 {
        let mut checks: Vec<(usize, usize, Option<&Codes>)> = my_chars
            .iter()
            .filter(|&&ci| chars[ci].1 == 2)
            .map(|&ci| (chars[ci].0, chars[ci].0 + 1, None))
            .collect();
        checks.extend(
            my_cons
                .iter()
                .map(|&(pos, set)| (pos - 2, pos - 1, Some(set))),
        );
        let mut out = Vec::new();
        let mut budget = 200_000usize;
        chain_assign(
            ctx,
            &chain_steps(o, comp, &checks),
            0,
            vals,
            &mut out,
            &mut budget,
        );
        if budget == 0 {
            return None;
        }
        out
    } else {
        Vec::new()
    };
    let n = comp.len() as u32;
    let count = if comp.len() > 2 {
        chain.len() as u32
    } else if pair_key.is_some() {
        space.len() as u32
    } else {
        126u32.pow(n)
    };
    for code in 0..count {
        if comp.len() > 2 {
            assign(vals, comp, &chain[code as usize]);
        } else if let Some((x, y, _)) = pair_key {
            let (a, bb) = space[code as usize];
            if !is_lead(a) || !is_lead(bb) {
                continue;
            }
            vals[x] = a;
            vals[y] = bb;
        } else {
            let mut c = code;
            for &u in comp {
                vals[u] = 0x81 + (c % 126) as u8;
                c /= 126;
            }
        }
        let ok_chars = my_chars.iter().all(|&ci| {
            let (st, len) = chars[ci];
            len == 1
                || ctx
                    .t
                    .pair(byte_of(o[st], vals), byte_of(o[st + 1], vals))
                    .is_some()
        });
        if !ok_chars {
            continue;
        }
        let mut bonus = 0.0;
        let ok_cons = my_cons.iter().all(|&(pos, set)| {
            let (x, y) = (byte_of(o[pos - 2], vals), byte_of(o[pos - 1], vals));
            let code = (x as u16) << 8 | y as u16;
            match ctx.t.pair(x, y) {
                Some(_) if set.contains(&code) => {
                    if page.keys.contains(&code) {
                        bonus += 3.0;
                    }
                    true
                }
                _ => false,
            }
        });
        if ok_cons {
            found.push((comp.iter().map(|&u| vals[u]).collect(), bonus));
        }
    }
    (!found.is_empty()).then(|| std::rc::Rc::new(found))
}

/// The `SHORTLIST` candidates of a large group (a free byte has up to 126 values, and each
/// full local score is a segmentation of a dozen characters) that score best with one
/// character of context on each side: the only words that can tell them apart are the ones
/// that touch them, so the true character is on the short list, and the full local ranking
/// then runs on it alone.
#[allow(clippy::too_many_arguments)]
fn shortlist(
    ctx: &Ctx,
    page: &Page,
    b: &Built,
    chars: &[(usize, usize)],
    (first, last): (usize, usize),
    left: &str,
    right: &str,
    comp: &[usize],
    found: &[(Vec<u8>, f64)],
    vals: &mut [u8],
) -> Vec<(Vec<u8>, f64)> {
    let lo = first.saturating_sub(1);
    let hi = (last + 2).min(chars.len());
    let mut s = String::new();
    let mut ranked: Vec<(f64, usize)> = Vec::with_capacity(found.len());
    for (i, (cand, bonus)) in found.iter().enumerate() {
        assign(vals, comp, cand);
        s.clear();
        if first == 0 {
            s.extend(left.chars().next_back());
        }
        if !decode_into(ctx, &b.o, &chars[lo..hi], vals, &mut s, true) {
            continue;
        }
        if last + 1 == chars.len() {
            s.extend(right.chars().next());
        }
        // Each of these short strings is scored once: no string memo.
        ranked.push((ctx.lm.score_fresh(&s) + page.cache_lm.bonus(&s) + bonus, i));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .iter()
        .take(SHORTLIST)
        .map(|&(_, i)| found[i].clone())
        .collect()
}

/// The unknown bytes whose values could make another assignment show differently from this
/// one (`bytes`: the template `o` under it; `required`: the positions after the pairs that
/// carry the window's annotations; `key`: the page's dictionary). Empty: every assignment
/// shows alike.
///
/// The unknown bytes are the ones the decoders ate or dropped, and their values are all lead
/// bytes, so what the model shows depends on them only through the codes they form: a key
/// (an annotation appears after it) or a full-width punctuation code (an ASCII mark appears).
/// A pair that carries an annotation is a key whatever its value, but its code, if formed
/// from an unknown byte, may also be another pair's, and it decides which of two overlapping
/// keys the annotator applies first (see `Forward::annotate`).
fn value_shows(
    o: &[Slot],
    bytes: &[u8],
    required: &[usize],
    key: impl Fn(u16) -> bool,
) -> Vec<usize> {
    let code = |i: usize| (bytes[i - 1] as u16) << 8 | bytes[i] as u16;
    let unknown = |i: usize| matches!(o[i - 1], Slot::U(_)) || matches!(o[i], Slot::U(_));
    let carries = |i: usize| required.contains(&(i + 1));
    // Codes formed on unknown bytes by pairs that carry annotations, with those pairs.
    let formed: Vec<(u16, usize)> = (required.iter())
        .filter(|&&p| p >= 2 && unknown(p - 1))
        .map(|&p| (code(p - 1), p - 1))
        .collect();
    let formed_at = |c: u16| formed.iter().find(|f| f.0 == c).map(|f| f.1);
    let keyed = |i: usize| {
        (1..o.len()).contains(&i) && (carries(i) || key(code(i)) || formed_at(code(i)).is_some())
    };
    // Which of the overlapping pairs `i` and `j` sorts first, unless their known first bytes
    // already differ.
    let order_varies = |i: usize, j: usize| match (o[i - 1], o[j - 1]) {
        (Slot::K(a), Slot::K(b)) => a == b,
        _ => true,
    };
    let mut pairs: Vec<usize> = Vec::new();
    for i in 1..o.len() {
        if carries(i) {
            if unknown(i) {
                for j in [i - 1, i + 1] {
                    if keyed(j) && order_varies(i, j) {
                        pairs.extend([i, j]);
                    }
                }
            }
            continue;
        }
        let c = code(i);
        if let Some(f) = formed_at(c) {
            pairs.push(f);
        }
        if unknown(i) && (key(c) || bytes[i - 1] == 0xA3 && P_KEYS.iter().any(|k| k.0 == bytes[i]))
        {
            pairs.push(i);
        }
    }
    let mut ids: Vec<usize> = (pairs.iter())
        .flat_map(|&i| [o[i - 1], o[i]])
        .filter_map(|s| match s {
            Slot::U(u) => Some(u),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[allow(clippy::too_many_arguments)]
fn solve_hypothesis(
    ctx: &Ctx,
    page: &Page,
    b: &Built,
    observed: &str,
    left: &str,
    right: &str,
    cache: &mut Cache,
    memo: &mut WindowMemo,
    results: &mut Vec<(String, f64, usize)>,
) {
    let Some(chars) = parse(&b.o) else { return };
    // Constraints: the two bytes before each annotation read its syllable.
    let mut cons: Vec<(usize, &str)> = Vec::with_capacity(b.markers.len());
    for (pos, p) in &b.markers {
        if *pos < 2 {
            return;
        }
        match (b.o[pos - 2], b.o[pos - 1]) {
            (Slot::L, _) | (_, Slot::L) => return,
            (Slot::K(x), _) if !is_lead(x) => return,
            (_, Slot::K(y)) if !is_trail(y) => return,
            _ => {}
        }
        cons.push((*pos, *p));
    }
    // Group unknowns: same character or same constraint.
    let nu = b.unknowns;
    let mut group: Vec<usize> = (0..nu).collect();
    fn find(g: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while g[r] != r {
            r = g[r];
        }
        g[x] = r;
        r
    }
    let link = |g: &mut Vec<usize>, a: Slot, c: Slot| {
        if let (Slot::U(x), Slot::U(y)) = (a, c) {
            let (rx, ry) = (find(g, x), find(g, y));
            g[rx] = ry;
        }
    };
    for &(st, len) in &chars {
        if len == 2 {
            link(&mut group, b.o[st], b.o[st + 1]);
        }
    }
    for &(pos, _) in &cons {
        link(&mut group, b.o[pos - 2], b.o[pos - 1]);
    }
    let mut comps: HashMap<usize, Vec<usize>> = HashMap::default();
    for u in 0..nu {
        let r = find(&mut group, u);
        comps.entry(r).or_default().push(u);
    }
    let mut comps: Vec<Vec<usize>> = comps.into_values().collect();
    comps.sort();
    let slot_has = |s: Slot, set: &[usize]| matches!(s, Slot::U(u) if set.contains(&u));
    let mut vals = vec![0xA1u8; nu];
    // Per group: all assignments that parse and satisfy their constraints.
    let mut per_group: Vec<Found> = Vec::with_capacity(comps.len());
    let mut group_chars: Vec<(usize, usize)> = Vec::with_capacity(comps.len());
    for comp in &comps {
        let my_chars: Vec<usize> = (0..chars.len())
            .filter(|&ci| {
                let (st, len) = chars[ci];
                (st..st + len).any(|j| slot_has(b.o[j], comp))
            })
            .collect();
        // The group's constraints, each with the codes that read its syllable (looked up once:
        // the loops below test thousands of codes).
        let mut my_cons: Vec<(usize, &Codes)> = Vec::new();
        for &(pos, p) in &cons {
            if slot_has(b.o[pos - 2], comp) || slot_has(b.o[pos - 1], comp) {
                let Some(set) = ctx.idx.codes(p) else { return };
                my_cons.push((pos, set));
            }
        }
        group_chars.push((
            my_chars.iter().copied().min().unwrap_or(0),
            my_chars.iter().copied().max().unwrap_or(0),
        ));
        let cells: Vec<(usize, usize)> = my_chars.iter().map(|&ci| chars[ci]).collect();
        let key = group_key(&b.o, comp, &cells, &my_cons);
        let found = match memo.groups.get(&key) {
            Some(f) => f.clone(),
            None => {
                let f = search_group(
                    ctx, page, &b.o, comp, &chars, &my_chars, &my_cons, &mut vals,
                );
                memo.groups.insert(key, f.clone());
                f
            }
        };
        let Some(found) = found else { return };
        per_group.push(found);
    }
    // Structural check with the first assignment of each group before any scoring.
    // The keys that can fire: the page's, plus the keys the window's annotations require
    // (their annotations built once for all the checks below).
    let mut required: Vec<(usize, std::borrow::Cow<[u8]>)> = Vec::with_capacity(cons.len());
    for &(pos, p) in &cons {
        let Some(ann) = ctx.idx.annotation(ctx.t, p) else {
            return;
        };
        required.push((pos, ann));
    }
    let mut fw = Forward::default();
    let mut required_keys: Vec<(u16, &[u8])> = Vec::with_capacity(required.len());
    // Keys that could match inside annotation text (almost never any).
    let cascades = |c: u16| {
        page.inner.binary_search(&c).is_ok()
            || required
                .iter()
                .any(|r| r.1.windows(2).any(|w| w == c.to_be_bytes()))
    };
    let mut page_cascading = page.cascading.clone();
    for r in &required {
        for w in r.1.windows(2) {
            let code = (w[0] as u16) << 8 | w[1] as u16;
            if page.keys.contains(&code) && !page_cascading.contains(&code) {
                page_cascading.push(code);
            }
        }
    }
    let mut cascading: Vec<(u16, &[u8])> = Vec::new();
    let mut check = |vals: &[u8]| -> bool {
        fw.o.clear();
        fw.o.extend(b.o.iter().map(|&s| byte_of(s, vals)));
        required_keys.clear();
        for (pos, ann) in &required {
            let key = (fw.o[pos - 2] as u16) << 8 | fw.o[pos - 1] as u16;
            required_keys.push((key, ann));
        }
        let required_keys = &required_keys;
        let ann_of = |code: u16| -> Option<&[u8]> {
            match required_keys.iter().rev().find(|e| e.0 == code) {
                Some(e) => Some(e.1),
                None if page.keys.contains(&code) => page
                    .dict
                    .binary_search_by_key(&code, |e| e.0)
                    .ok()
                    .map(|k| page.dict[k].1.as_slice()),
                None => None,
            }
        };
        cascading.clear();
        let extra = required_keys.iter().map(|e| e.0).filter(|&c| cascades(c));
        for code in page_cascading.iter().copied().chain(extra) {
            if let Some(ann) = ann_of(code)
                && !cascading.iter().any(|e| e.0 == code)
            {
                cascading.push((code, ann));
            }
        }
        fw.matches(ctx.t, ann_of, &cascading, observed)
    };
    for (g, comp) in comps.iter().enumerate() {
        assign(&mut vals, comp, &per_group[g][0].0);
    }
    // An assignment that forms none of the codes `value_shows` looks for on an unknown byte
    // shows as any other such assignment: one check answers for all of them.
    let at: Vec<usize> = cons.iter().map(|c| c.0).collect();
    let mut bytes = Vec::with_capacity(b.o.len());
    let mut varying = |vals: &[u8]| {
        bytes.clear();
        bytes.extend(b.o.iter().map(|&s| byte_of(s, vals)));
        value_shows(&b.o, &bytes, &at, |c| page.keys.contains(&c))
    };
    let mut verified_plain = false;
    if check(&vals) {
        verified_plain = varying(&vals).is_empty();
    } else {
        // Another assignment can only fare better where this one forms such a code: try a
        // few for the groups of those bytes, else give up.
        let ids = varying(&vals);
        let mut any = false;
        for g in 0..comps.len() {
            if !comps[g].iter().any(|u| ids.contains(u)) {
                continue;
            }
            for cand in per_group[g].iter().skip(1).take(8) {
                assign(&mut vals, &comps[g], &cand.0);
                if check(&vals) {
                    any = true;
                    break;
                }
            }
            if any {
                break;
            }
            // Back to the first assignment before the next group's values are tried.
            assign(&mut vals, &comps[g], &per_group[g][0].0);
        }
        if !any {
            return;
        }
    }
    // Local ranking per group, holding the others at their current values.
    let mut tops: Vec<Found> = Vec::with_capacity(comps.len());
    let mut local = String::new();
    for (g, comp) in comps.iter().enumerate() {
        // Score the group's neighbourhood only, decoding only it: a long window costs no more.
        let (first, last) = group_chars[g];
        let lo = first.saturating_sub(LOCAL);
        let hi = (last + 1 + LOCAL).min(chars.len());
        let key = rank_key(
            &per_group[g],
            &b.o,
            &chars[lo..hi],
            comp,
            &vals,
            (lo == 0, hi == chars.len()),
        );
        let scored = match memo.ranks.get(&key) {
            Some(r) => r.clone(),
            None => {
                let short;
                let pool: &[(Vec<u8>, f64)] = if per_group[g].len() > SHORTLIST {
                    short = shortlist(
                        ctx,
                        page,
                        b,
                        &chars,
                        (first, last),
                        left,
                        right,
                        comp,
                        &per_group[g],
                        &mut vals,
                    );
                    &short
                } else {
                    &per_group[g]
                };
                let mut scored: Vec<(Vec<u8>, f64)> = Vec::new();
                for (cand, bonus) in pool.iter() {
                    assign(&mut vals, comp, cand);
                    local.clear();
                    if lo == 0 {
                        local.push_str(left);
                    }
                    if !decode_into(ctx, &b.o, &chars[lo..hi], &vals, &mut local, true) {
                        continue;
                    }
                    if hi == chars.len() {
                        local.push_str(right);
                    }
                    let s = ctx.lm.score(&local, cache) + page.cache_lm.bonus(&local) + bonus;
                    scored.push((cand.clone(), s));
                }
                scored.sort_by(|a, b| b.1.total_cmp(&a.1));
                scored.truncate(TOP_K);
                let scored = std::rc::Rc::new(scored);
                memo.ranks.insert(key, scored.clone());
                scored
            }
        };
        if let Some(best) = scored.first() {
            assign(&mut vals, comp, &best.0);
        }
        tops.push(scored);
    }
    // Joint candidates: the best of each group, plus single-group alternatives.
    let Some(base) = tops
        .iter()
        .map(|t| t.first().map(|c| c.0.clone()))
        .collect::<Option<Vec<Vec<u8>>>>()
    else {
        return;
    };
    let mut joint: Vec<Vec<Vec<u8>>> = vec![base.clone()];
    for (g, t) in tops.iter().enumerate() {
        for alt in t.iter().skip(1) {
            let mut j = base.clone();
            j[g] = alt.0.clone();
            joint.push(j);
        }
    }
    let lost = b.o.iter().filter(|s| matches!(s, Slot::L)).count();
    for j in joint {
        for (g, comp) in comps.iter().enumerate() {
            assign(&mut vals, comp, &j[g]);
        }
        let shows_alike = verified_plain && varying(&vals).is_empty();
        if !shows_alike && !check(&vals) {
            continue;
        }
        let Some(text) = decode_chars(ctx, &b.o, &chars, &vals) else {
            continue;
        };
        let mut bonus = 0.0;
        for &(pos, _) in &cons {
            let key =
                (byte_of(b.o[pos - 2], &vals) as u16) << 8 | byte_of(b.o[pos - 1], &vals) as u16;
            if page.keys.contains(&key) {
                bonus += 3.0;
            }
        }
        let simple = format!("{left}{}{right}", simplify(ctx, &text));
        let s =
            ctx.lm.score(&simple, cache) + page.cache_lm.bonus(&simple) + bonus - 4.0 * lost as f64;
        results.push((text, s, lost));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(t: &Tables, keys: &[(char, &str)]) -> Dict {
        let mut d: Dict = keys
            .iter()
            .map(|&(c, p)| (t.code(c).unwrap(), annotation_bytes(t, p).unwrap()))
            .collect();
        d.sort();
        d
    }

    fn gbk(t: &Tables, s: &str) -> Vec<u8> {
        let mut v = Vec::new();
        for c in s.chars() {
            assert!(t.encode(c, &mut v));
        }
        v
    }

    #[test]
    fn forward_reproduces_the_documented_garbles() {
        let t = Tables::new();
        let d = dict(&t, &[('創', "chuàng"), ('獎', "jiǎng")]);
        assert_eq!(forward(&t, &gbk(&t, "要創新"), &d), "要?jiǎng)?chuàng)新");
        let d = dict(&t, &[('側', "cè")]);
        assert_eq!(forward(&t, &gbk(&t, "總人口3079人"), &d), "總?cè)丝?079人");
        let d = dict(&t, &[('現', "xiàn")]);
        assert_eq!(forward(&t, &gbk(&t, "覆蓋。現在"), &d), "覆蓋?,F(xiàn)在");
        let d = dict(
            &t,
            &[('數', "shù"), ('會', "huì"), ('機', "jī"), ('當', "dāng")],
        );
        assert_eq!(
            forward(&t, &gbk(&t, "當地的機會"), &d),
            "當(dāng)?shù)氐臋C(jī)會(huì)"
        );
        assert_eq!(
            forward(&t, &gbk(&t, "作用。可見，社"), &Dict::new()),
            "作用??梢?,社"
        );
    }

    #[test]
    fn only_codes_formed_on_unknown_bytes_make_assignments_differ() {
        use Slot::{K, U};
        // 中 (D6D0) then a byte the decoders ate, then 文 (CEC4).
        let o = [K(0xD6), K(0xD0), U(0), K(0xCE), K(0xC4)];
        let shows = |v: u8, keys: &[u16], req: &[usize]| {
            let bytes: Vec<u8> = o.iter().map(|&s| byte_of(s, &[v])).collect();
            !value_shows(&o, &bytes, req, |c| keys.contains(&c)).is_empty()
        };
        assert!(
            !shows(0xB0, &[0xD6D0, 0xCEC4], &[]),
            "keys on known bytes only"
        );
        assert!(shows(0xB0, &[0xB0CE], &[]), "the unknown byte forms a key");
        assert!(!shows(0xAC, &[], &[]), "D0 AC is no punctuation code");
        let o2 = [K(0xA3), U(0), K(0xCE), K(0xC4)];
        let bytes: Vec<u8> = o2.iter().map(|&s| byte_of(s, &[0xAC])).collect();
        assert_eq!(
            value_shows(&o2, &bytes, &[], |_| false),
            [0],
            "A3 AC shows as `,`"
        );
        // An annotation after (D0, unknown): that pair is a key whatever the value, but the
        // code it forms is a key for the known pair D0 B0 too.
        let o3 = [K(0xD6), K(0xD0), U(0), K(0xD0), K(0xB0)];
        let bytes: Vec<u8> = o3.iter().map(|&s| byte_of(s, &[0xB0])).collect();
        assert_eq!(value_shows(&o3, &bytes, &[3], |_| false), [0]);
        let bytes: Vec<u8> = o3.iter().map(|&s| byte_of(s, &[0xB1])).collect();
        assert_eq!(value_shows(&o3, &bytes, &[3], |_| false), [] as [usize; 0]);
        // ...and if 中 (D6D0) is a key too, the two overlap, but D0xx sorts before D6D0
        // whatever the value.
        assert_eq!(
            value_shows(&o3, &bytes, &[3], |c| c == 0xD6D0),
            [] as [usize; 0]
        );
        // A key D0D0 before the annotated pair D0xx ties on D0: the value decides.
        let o4 = [K(0xD0), K(0xD0), U(0), K(0xCE), K(0xC4)];
        let bytes: Vec<u8> = o4.iter().map(|&s| byte_of(s, &[0xB1])).collect();
        assert_eq!(value_shows(&o4, &bytes, &[3], |c| c == 0xD0D0), [0]);
        assert_eq!(value_shows(&o4, &bytes, &[3], |_| false), [] as [usize; 0]);
        // An annotated pair that starts with the unknown byte sorts anywhere.
        assert_eq!(value_shows(&o4, &bytes, &[4], |c| c == 0xCEC4), [0]);
    }

    proptest::proptest! {
        /// The one-pass annotator (or its fallback, where keys cascade) agrees with applying
        /// the whole dictionary one key at a time.
        #[test]
        fn one_pass_annotation_is_the_annotators(
            o in proptest::collection::vec(proptest::sample::select(vec![0x41u8, 0x84, 0x93, 0xAA, 0xB5, 0xD2, 0xA1, 0xA3, 0xA4, 0xB9, 0xA8, 0x6E, 0x28, 0x30]), 0..24),
            picks in proptest::collection::vec(0usize..12, 0..6),
        ) {
            // The last two can match inside the annotations `(àn)` and `(lüè)`.
            let pool: [u16; 12] = [0x8493, 0xAA84, 0x84AA, 0x9384, 0xD2AA, 0xB5B5, 0xA1A3, 0xA3B5, 0x9393, 0xA141, 0xA46E, 0xB9A8];
            let anns: [&[u8]; 2] = [b"(\xa8\xa4n)", b"(l\xa8\xb9\xa8\xa8)"];
            let mut keys: Vec<(u16, &[u8])> = picks
                .iter()
                .map(|&k| (pool[k], anns[k % 2]))
                .collect();
            keys.sort_unstable();
            keys.dedup_by_key(|e| e.0);
            let (mut seq, mut tmp) = (Vec::new(), Vec::new());
            annotate_into(&o, &keys, &mut seq, &mut tmp);
            let mut fw = Forward { o: o.clone(), ..Default::default() };
            let ann_of = |c: u16| keys.iter().find(|e| e.0 == c).map(|e| e.1);
            let mut inner = Vec::new();
            inner_pairs(keys.iter().map(|e| e.1), &mut inner);
            let cascading: Vec<(u16, &[u8])> = keys.iter().copied().filter(|e| inner.contains(&e.0)).collect();
            fw.annotate(ann_of, &cascading);
            proptest::prop_assert_eq!(fw.a, seq);
        }
    }
}
