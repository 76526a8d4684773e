//! Solving one window: every structural hypothesis is searched, checked against the observed
//! text through the forward model, and its survivors ranked with the language model.

use rustc_hash::FxHashMap as HashMap;

use super::hypothesis::{
    Built, Hyp, Slot, build, byte_of, context, decode_chars, decode_into, options, parse, simplify,
    unit_bytes, units_of,
};
use super::model::Forward;
use super::search::{
    Found, SHORTLIST, WindowMemo, assign, group_key, key_bonus, line_end_marks, rank_key,
    search_group, shortlist, value_shows,
};
use super::tables::{Codes, is_lead, is_trail};
use super::{Ctx, Fix, Page};
use crate::audit::Candidate;
use crate::repair::lm::Cache;

/// Most structural hypotheses tried for one window before giving up.
const MAX_HYPOTHESES: usize = 4096;
/// Characters of context on each side when ranking one group's candidates.
const LOCAL: usize = 5;
/// Candidates kept per independent unknown-byte group.
const TOP_K: usize = 6;

pub(super) fn solve_window(
    ctx: &Ctx,
    page: &Page,
    chars: &[char],
    ws: usize,
    we: usize,
) -> Option<Fix> {
    let w = &chars[ws..we];
    let observed: String = w.iter().collect();
    let units = units_of(ctx, w);
    let line_end = we == chars.len();
    let opts: Vec<Vec<Hyp>> = (0..units.len())
        .map(|k| options(&units, k, line_end))
        .collect();
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
                let Some(set) = page.codes(ctx, p) else {
                    return;
                };
                my_cons.push((pos, set));
            }
        }
        // A line's lost last character is one of the marks that end a line (it has no
        // reading: without this, its two free bytes could be any of 20,000 characters).
        if let Some(pos) = b.line_end.filter(|&p| slot_has(b.o[p - 1], comp)) {
            my_cons.push((pos, line_end_marks()));
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
            if page.keys.contains(code) && !page_cascading.contains(&code) {
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
                None if page.keys.contains(code) => page
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
        value_shows(&b.o, &bytes, &at, |c| page.keys.contains(c))
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
                let mut scored: Vec<(Vec<u8>, f64)> = Vec::with_capacity(pool.len());
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
            let (x, y) = (byte_of(b.o[pos - 2], &vals), byte_of(b.o[pos - 1], &vals));
            if let Some(c) = ctx.t.pair(x, y) {
                bonus += key_bonus(ctx, page, (x as u16) << 8 | y as u16, c);
            }
        }
        let simple = format!("{left}{}{right}", simplify(ctx, &text));
        let s =
            ctx.lm.score(&simple, cache) + page.cache_lm.bonus(&simple) + bonus - 4.0 * lost as f64;
        results.push((text, s, lost));
    }
}
