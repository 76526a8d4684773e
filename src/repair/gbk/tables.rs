//! GBK code tables, and every GBK code indexed by the pinyin readings of its character: what
//! turns an orphan `p)` into a constraint on the bytes before it.

use rustc_hash::FxHashMap as HashMap;

use super::model::annotation_bytes;
use crate::repair::lm::is_han;

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

/// A set of GBK codes as one bit per code (8 KiB), where a membership test is one load: the
/// page's annotated codes, which the forward check asks about for every byte pair of every
/// candidate.
#[derive(Clone)]
pub struct CodeBits(Box<[u64; 1024]>);

impl CodeBits {
    /// Adds `code`; false if it was there already.
    pub fn insert(&mut self, code: u16) -> bool {
        let (word, bit) = (usize::from(code >> 6), 1u64 << (code & 63));
        let new = self.0[word] & bit == 0;
        self.0[word] |= bit;
        new
    }

    pub fn contains(&self, code: u16) -> bool {
        self.0[usize::from(code >> 6)] & 1 << (code & 63) != 0
    }
}

impl Default for CodeBits {
    fn default() -> Self {
        CodeBits(Box::new([0; 1024]))
    }
}

/// The GBK codes of one reading: hashed for membership tests, sorted for walking (the codes
/// of one lead byte are then a slice).
#[derive(Clone)]
pub struct Codes {
    set: CodeSet,
    pub(super) sorted: Vec<u16>,
}

impl Codes {
    pub fn from_codes(codes: &[u16]) -> Self {
        let mut sorted = codes.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        Codes {
            set: sorted.iter().copied().collect(),
            sorted,
        }
    }

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
            .map(|(p, set)| (p, Codes::from_codes(&set.into_iter().collect::<Vec<_>>())))
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

pub(super) fn is_lead(b: u8) -> bool {
    (0x81..=0xFE).contains(&b)
}
pub(super) fn is_trail(b: u8) -> bool {
    (0x40..=0xFE).contains(&b) && b != 0x7F
}
