//! Structural hypotheses for one window: what each `?`, orphan annotation and ASCII mark stood
//! for, and the byte template (known bytes, unknown bytes, lost bytes) each hypothesis gives.

use super::Ctx;
use super::model::P_KEYS;
use super::tables::{is_lead, is_trail};
use crate::model::LOST_CHAR;
use crate::repair::pinyin::{annotation_at, syllable_at};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Unit {
    Ch(char),
    /// A complete `(p)`.
    Ann(&'static str),
    /// `p)` whose `(` was eaten.
    Orphan(&'static str),
    Q,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Hyp {
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
    /// The line's last character, both bytes lost: D1, out of phase, paired its trail byte
    /// with the end of the line, and D2 its lead byte with that R. Nothing was eaten but the
    /// line end, so nothing is lost; the character is one of the marks that end a line.
    LeadEnd,
    /// Punctuation was ASCII in the original.
    Ascii,
    /// Punctuation was full-width in the original (A3xx).
    Fw,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slot {
    K(u8),
    U(usize),
    L,
}

pub(super) fn units_of(ctx: &Ctx, w: &[char]) -> Vec<Unit> {
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

/// The hypotheses for unit `k` (`line_end`: the window ends where the line does).
pub(super) fn options(units: &[Unit], k: usize, line_end: bool) -> Vec<Hyp> {
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
                if next.is_none() && line_end {
                    v.push(Hyp::LeadEnd);
                }
                v
            }
        },
        // A mark after a `?`, or before one (its code's trail byte and the next lead byte can
        // be a key the first decoder then broke: `,?mǎ)U(kuò)` was ，擴), either way.
        Unit::Ch(c)
            if (k == 0 || units[k - 1] == Unit::Q || units.get(k + 1) == Some(&Unit::Q))
                && ",;?:()".contains(*c) =>
        {
            vec![Hyp::Ascii, Hyp::Fw]
        }
        _ => Vec::new(),
    }
}

pub(super) struct Built<'a> {
    pub(super) o: Vec<Slot>,
    /// (position in o after the key, reading)
    pub(super) markers: Vec<(usize, &'a str)>,
    /// Position in o after a `Hyp::LeadEnd` character (its end).
    pub(super) line_end: Option<usize>,
    pub(super) unknowns: usize,
}

/// The GBK bytes of each character unit (`None`: not a character, or not in GBK), encoded
/// once per window rather than once per hypothesis.
///
/// A mark that step P maps (`,` `;` `?` `:` `(` `)`) between two non-ASCII characters stood
/// for its full-width code: in phase both show alike, but where the first decoder runs one byte
/// out of phase across the mark (from a garble earlier in the window), an ASCII byte would have
/// been eaten, and the full-width code passes. (A mark after a `?` or at the window's start is a
/// hypothesis of its own, `Hyp::Ascii` or `Hyp::Fw`.)
pub(super) fn unit_bytes(ctx: &Ctx, units: &[Unit]) -> Vec<Option<(u8, Option<u8>)>> {
    let wide = |k: Option<usize>| matches!(k.and_then(|k| units.get(k)), Some(Unit::Ch(c)) if !c.is_ascii());
    (units.iter().enumerate())
        .map(|(k, u)| match u {
            Unit::Ch(c) => {
                if wide(k.checked_sub(1))
                    && wide(Some(k + 1))
                    && let Some(&(trail, _)) = P_KEYS.iter().find(|p| p.1 as char == *c)
                {
                    return Some((0xA3, Some(trail)));
                }
                let mut b = Vec::with_capacity(2);
                ctx.t.encode(*c, &mut b).then(|| (b[0], b.get(1).copied()))
            }
            _ => None,
        })
        .collect()
}

pub(super) fn build<'a>(
    units: &'a [Unit],
    enc: &[Option<(u8, Option<u8>)>],
    hyps: &[Option<Hyp>],
) -> Option<Built<'a>> {
    // A unit stands for at most three bytes (`LeadEatAscii`).
    let mut o = Vec::with_capacity(3 * units.len());
    let mut markers = Vec::new();
    let mut line_end = None;
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
                Hyp::LeadEnd => {
                    fresh(&mut o);
                    fresh(&mut o);
                    line_end = Some(o.len());
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
            (Unit::Ann(p), _) | (Unit::Orphan(p), _) => markers.push((o.len(), *p)),
            (Unit::Q, None) => return None,
        }
    }
    Some(Built {
        o,
        markers,
        line_end,
        unknowns: u,
    })
}

/// In-phase parse of the template: (start, len) per character; None if no valid parse.
pub(super) fn parse(o: &[Slot]) -> Option<Vec<(usize, usize)>> {
    // At most one character per slot: sized once, as this runs for every hypothesis.
    let mut chars = Vec::with_capacity(o.len());
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

pub(super) fn byte_of(s: Slot, vals: &[u8]) -> u8 {
    match s {
        Slot::K(b) => b,
        Slot::U(u) => vals[u],
        Slot::L => b'0',
    }
}

pub(super) fn decode_chars(
    ctx: &Ctx,
    o: &[Slot],
    chars: &[(usize, usize)],
    vals: &[u8],
) -> Option<String> {
    let mut s = String::new();
    decode_into(ctx, o, chars, vals, &mut s, false).then_some(s)
}

/// Appends the decoded `chars` to `out` (`simple`: in simplified form, for scoring); false if
/// a pair is not a GBK character.
pub(super) fn decode_into(
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

pub(super) fn simplify(ctx: &Ctx, s: &str) -> String {
    s.chars().map(|c| (ctx.t2s)(c)).collect()
}

/// Annotation-free, damage-free context next to a window (at most 4 Han characters).
pub(super) fn context(ctx: &Ctx, chars: &[char], from: usize, to: usize, left: bool) -> String {
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
