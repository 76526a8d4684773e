//! The damage model run forwards (annotation A, first decoder D1, full-width mapping P, final
//! decoder D2): the check every candidate must pass, exactly reproducing the observed text.

use super::tables::{Tables, is_lead, is_trail};

/// The byte the first decoder leaves for an invalid pair; invalid in GBK.
const R: u8 = 0xFF;
/// Full-width punctuation the mirror mapped to ASCII at any byte offset (step P).
pub(super) const P_KEYS: [(u8, u8); 6] = [
    (0xAC, b','),
    (0xBB, b';'),
    (0xBF, b'?'),
    (0xBA, b':'),
    (0xA8, b'('),
    (0xA9, b')'),
];

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
pub(super) fn annotate_into(o: &[u8], keys: &[(u16, &[u8])], cur: &mut Vec<u8>, tmp: &mut Vec<u8>) {
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
pub(super) struct Forward {
    pub(super) o: Vec<u8>,
    pub(super) a: Vec<u8>,
    pub(super) b: Vec<u8>,
}

/// The byte pairs inside annotations, as codes, sorted: a key among them can match inside the
/// text the annotator inserts (a tone letter's trail and the next letter, as in `àn`).
pub(super) fn inner_pairs<'k>(anns: impl Iterator<Item = &'k [u8]>, into: &mut Vec<u16>) {
    for a in anns {
        into.extend(a.windows(2).map(|w| (w[0] as u16) << 8 | w[1] as u16));
    }
    into.sort_unstable();
    into.dedup();
}

impl Forward {
    /// Whether `self.o`, annotated, shows as `observed`.
    pub(super) fn matches<'k>(
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
    pub(super) fn annotate<'k>(
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
