//! Searching one hypothesis's unknown bytes: independent groups, each assigned by a depth-first
//! walk over the codes its characters and pinyin constraints allow, then short-listed and ranked.

use rustc_hash::FxHashMap as HashMap;

use super::hypothesis::{Built, Slot, byte_of, decode_into};
use super::model::P_KEYS;
use super::tables::{Codes, Tables, is_lead};
use super::{Ctx, Page};

/// A group with more candidates than this is short-listed on its immediate context first.
pub(super) const SHORTLIST: usize = 16;

/// Writes one group's assignment (its bytes in group order) into `vals`.
pub(super) fn assign(vals: &mut [u8], comp: &[usize], bytes: &[u8]) {
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
    t: &Tables,
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
            t.pair(x, y).is_some()
                && p.is_none_or(|set| set.contains(&((x as u16) << 8 | y as u16)))
        });
        if ok {
            chain_assign(t, steps, k + 1, vals, out, budget);
        }
    }
}

/// Assignments of one group's unknown bytes (in group order), each with its bonus (for a
/// ranking: its score), best first.
pub(super) type Found = std::rc::Rc<Vec<(Vec<u8>, f64)>>;

/// What the hypotheses of one window share: they differ in a few slots, so most of their
/// groups, and most of the neighbourhoods those groups are ranked in, recur.
#[derive(Default)]
pub(super) struct WindowMemo {
    /// Group searches by `group_key`.
    pub(super) groups: HashMap<Vec<u64>, Option<Found>>,
    /// Local rankings by `rank_key`.
    pub(super) ranks: HashMap<Vec<u64>, Found>,
}

/// What a group's local ranking depends on: its candidates (by identity), and the slots of
/// the neighbourhood it is scored in, with every byte not its own at its current value.
pub(super) fn rank_key(
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
pub(super) fn group_key(
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

/// The assignments of a group's unknown bytes (in group order) that pass `checks`: byte pairs
/// `(a, b)` of the template that must be a character and, with a reading, a code of it.
/// Depth-first, each byte narrowed first by the readings on it and checked as soon as a pair
/// it completes is known (a walk over all 126 × 126 values of two bytes would test every
/// pair). `None` if there are too many to search.
#[inline]
pub(super) fn assignments(
    t: &Tables,
    o: &[Slot],
    comp: &[usize],
    checks: &[(usize, usize, Option<&Codes>)],
    vals: &mut [u8],
) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut budget = 200_000usize;
    chain_assign(
        t,
        &chain_steps(o, comp, checks),
        0,
        vals,
        &mut out,
        &mut budget,
    );
    if budget == 0 {
        return None;
    }
    if comp.len() <= 2 {
        // In the order of the exhaustive walk this replaced (last byte slowest), so that
        // candidates of equal score rank as they did.
        out.sort_unstable_by(|a, b| a.iter().rev().cmp(b.iter().rev()));
    }
    Some(out)
}

/// The marks that end a line of prose, as GBK codes: 。！？…”’）》」』.
const LINE_END_MARKS: [u16; 10] = [
    0xA1A3, 0xA3A1, 0xA3BF, 0xA1AD, 0xA1B1, 0xA1AF, 0xA3A9, 0xA1B7, 0xA1B9, 0xA1BB,
];

/// `LINE_END_MARKS` as the code set of a constraint (see `Hyp::LeadEnd`).
pub(super) fn line_end_marks() -> &'static Codes {
    static SET: std::sync::LazyLock<Codes> =
        std::sync::LazyLock::new(|| Codes::from_codes(&LINE_END_MARKS));
    &SET
}

/// The prior for `code` (character `c`) being the key an orphan annotation was inserted after:
/// the page annotates it elsewhere, and it is a converted character (the annotator's keys are
/// traditional forms; one that is its own simplified form is an unlikely key).
pub(super) fn key_bonus(ctx: &Ctx, page: &Page, code: u16, c: char) -> f64 {
    let mut bonus = 0.0;
    if page.keys.contains(code) {
        bonus += 3.0;
    }
    if (ctx.t2s)(c) != c {
        bonus += 3.0;
    }
    bonus
}

/// Every assignment of a group's unknown bytes that pairs into characters and satisfies the
/// group's constraints; `None` if there is none (or too many to search).
#[allow(clippy::too_many_arguments)]
pub(super) fn search_group(
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
    // The key that two unknown bytes form exactly, if they do.
    let pair_key = my_cons
        .iter()
        .find_map(|&(pos, set)| match (o[pos - 2], o[pos - 1]) {
            (Slot::U(x), Slot::U(y)) if comp.len() == 2 => Some((x, y, set)),
            _ => None,
        });
    // Two unknown bytes that are one key: the codes with its reading. Otherwise every
    // assignment that makes the group's characters and keys.
    let (space, chain): (Vec<(u8, u8)>, Vec<Vec<u8>>) = match pair_key {
        Some((_, _, set)) => (
            set.iter().map(|c| ((c >> 8) as u8, *c as u8)).collect(),
            Vec::new(),
        ),
        None => {
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
            (Vec::new(), assignments(ctx.t, o, comp, &checks, vals)?)
        }
    };
    let count = if pair_key.is_some() {
        space.len()
    } else {
        chain.len()
    };
    for i in 0..count {
        if let Some((x, y, _)) = pair_key {
            let (a, b) = space[i];
            if !is_lead(a) || !is_lead(b) {
                continue;
            }
            (vals[x], vals[y]) = (a, b);
        } else {
            assign(vals, comp, &chain[i]);
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
                Some(c) if set.contains(&code) => {
                    bonus += key_bonus(ctx, page, code, c);
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
pub(super) fn shortlist(
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
pub(super) fn value_shows(
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
