//! OpenCC conversion chains over OpenCC's own tables, applied as OpenCC applies them.
//!
//! ferrous-opencc walks an FST byte by byte at every position and allocates a `Vec<String>` for
//! every match: about 10 MB/s, a seventh of the time of a damaged page, whose every line is
//! converted (tw2s), and a quarter of the start-up of every run, which derived the per-character
//! simplified → traditional map from it. The tables these need are small (tw2s: some 4,500
//! entries), so here each is a hash map keyed by a key's first character, and a line is
//! converted with no allocation per match. The tables are OpenCC's files as ferrous-opencc 0.4
//! ships them (`opencc/`, Apache-2.0); tests check the output against ferrous-opencc's.

use rustc_hash::FxHashMap as HashMap;

/// OpenCC's tw2s config: two passes, each a group of a phrase table and a character table.
const TW2S: &[&[&str]] = &[
    &[
        include_str!("opencc/TWVariantsRevPhrases.txt"),
        include_str!("opencc/TWVariantsRev.txt"),
    ],
    &[
        include_str!("opencc/TSPhrases.txt"),
        include_str!("opencc/TSCharacters.txt"),
    ],
];

/// OpenCC's s2tw config without its phrase table (STPhrases, 1 MB, has no one-character key),
/// so it converts lone characters exactly as s2tw does: all galley needs at start-up.
const S2TW_CHARACTERS: &[&[&str]] = &[
    &[include_str!("opencc/STCharacters.txt")],
    &[include_str!("opencc/TWVariants.txt")],
];

/// A conversion chain: passes applied one after the other.
pub struct Chain {
    passes: Vec<Pass>,
}

/// One pass: at each position the longest key of any of its tables that starts there is
/// replaced by its first value (on equal length the earlier table, the phrase table, wins, as
/// in OpenCC's dictionary group).
struct Pass {
    /// Keys by first character: (the key after that character, value), longest first.
    by_first: HashMap<char, Vec<(&'static str, &'static str)>>,
    /// Which BMP characters start a key, one bit each: most characters of a line start none,
    /// and a bit test is cheaper than a hash probe.
    bmp_firsts: Vec<u64>,
}

impl Pass {
    fn new(tables: &[&'static str]) -> Pass {
        // Each key once, with its table: within a table a later line replaces an earlier one
        // with the same key; across tables the earlier (phrase) table keeps a key both hold.
        let mut keys: HashMap<&'static str, (usize, &'static str)> = HashMap::default();
        for (t, &table) in tables.iter().enumerate() {
            for (key, value) in parse(table) {
                let e = keys.entry(key).or_insert((t, value));
                if e.0 == t {
                    e.1 = value;
                }
            }
        }
        let mut by_first: HashMap<char, Vec<(&'static str, &'static str)>> = HashMap::default();
        for (key, (_, value)) in keys {
            let mut cs = key.chars();
            if let Some(first) = cs.next() {
                by_first
                    .entry(first)
                    .or_default()
                    .push((cs.as_str(), value));
            }
        }
        for list in by_first.values_mut() {
            // Keys are distinct, so two of equal length never match at one place: only the
            // length orders them.
            list.sort_unstable_by_key(|&(rest, _)| std::cmp::Reverse(rest.len()));
        }
        let mut bmp_firsts = vec![0u64; 0x10000 / 64];
        for &c in by_first.keys() {
            if let Some(w) = bmp_firsts.get_mut(c as usize / 64) {
                *w |= 1 << (c as u32 % 64);
            }
        }
        Pass {
            by_first,
            bmp_firsts,
        }
    }

    /// The value of the key that is `c` alone. Keys of one first character are sorted longest
    /// first, and a key appears once, so it can only be the last.
    fn single(&self, c: char) -> Option<&'static str> {
        if !self.may_start(c) {
            return None;
        }
        self.by_first
            .get(&c)?
            .last()
            .filter(|&&(tail, _)| tail.is_empty())
            .map(|&(_, value)| value)
    }

    fn may_start(&self, c: char) -> bool {
        self.bmp_firsts
            .get(c as usize / 64)
            .is_none_or(|w| w & (1 << (c as u32 % 64)) != 0)
    }

    /// Converts `s` into `out`; false (and `out` untouched) when no key occurs in `s`.
    fn apply(&self, s: &str, out: &mut String) -> bool {
        let mut changed = false;
        let mut copied = 0; // bytes of `s` already in `out`
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let at = s.len() - rest.len();
            let after = &rest[c.len_utf8()..];
            if !self.may_start(c) {
                rest = after;
                continue;
            }
            let hit = self.by_first.get(&c).and_then(|list| {
                list.iter()
                    .find(|&&(tail, _)| after.starts_with(tail))
                    .map(|&(tail, value)| (tail.len(), value))
            });
            match hit {
                Some((tail, value)) => {
                    if !changed {
                        out.clear();
                        changed = true;
                    }
                    out.push_str(&s[copied..at]);
                    out.push_str(value);
                    rest = &after[tail..];
                    copied = s.len() - rest.len();
                }
                None => rest = after,
            }
        }
        if changed {
            out.push_str(&s[copied..]);
        }
        changed
    }
}

/// Entries of one OpenCC text table, read as ferrous-opencc's compiler reads them: `key<TAB>values`
/// with values separated by single spaces, the first value used; `#` comments and blank lines
/// skipped, malformed lines ignored.
fn parse(table: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    table.lines().filter_map(|line| {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        let mut parts = line.split('\t');
        let (key, values) = (parts.next()?, parts.next()?);
        if parts.next().is_some() || key.is_empty() || values.split(' ').any(str::is_empty) {
            return None;
        }
        values.split(' ').next().map(|v| (key, v))
    })
}

impl Chain {
    fn new(passes: &[&[&'static str]]) -> Self {
        Chain {
            passes: passes.iter().map(|tables| Pass::new(tables)).collect(),
        }
    }

    /// Taiwan-traditional → simplified (OpenCC's tw2s).
    pub fn tw2s() -> Self {
        Self::new(TW2S)
    }

    /// Simplified → Taiwan-traditional for text without phrases: one character at a time.
    pub fn s2tw_characters() -> Self {
        Self::new(S2TW_CHARACTERS)
    }

    /// Converts one string; `None` when nothing changes.
    pub fn convert(&self, s: &str) -> Option<String> {
        let (mut cur, mut next) = (String::new(), String::new());
        let mut changed = false;
        for pass in &self.passes {
            let src = if changed { cur.as_str() } else { s };
            if pass.apply(src, &mut next) {
                std::mem::swap(&mut cur, &mut next);
                changed = true;
            }
        }
        (changed && cur != s).then_some(cur)
    }

    /// What the chain makes of `c` alone, where that is another single character: `convert`
    /// of the one-character string, without building strings unless a pass yields several
    /// characters.
    pub fn convert_char(&self, c: char) -> Option<char> {
        let mut cur = c;
        for pass in &self.passes {
            let Some(value) = pass.single(cur) else {
                continue;
            };
            match single_char(value) {
                Some(next) => cur = next,
                // Later passes may match phrases in a longer value: convert it whole.
                None => {
                    return self
                        .convert(c.encode_utf8(&mut [0; 4]))
                        .as_deref()
                        .and_then(single_char);
                }
            }
        }
        (cur != c).then_some(cur)
    }
}

/// The one character `s` consists of.
fn single_char(s: &str) -> Option<char> {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ferrous_opencc::{OpenCC, config::BuiltinConfig};

    fn oracle() -> OpenCC {
        OpenCC::from_config(BuiltinConfig::Tw2s).expect("ferrous-opencc's built-in tw2s")
    }

    fn ours(t: &Chain, s: &str) -> String {
        t.convert(s).unwrap_or_else(|| s.to_string())
    }

    fn cjk() -> impl Iterator<Item = char> + Clone {
        (0x3000u32..=0x9FFF)
            .chain(0xF900..=0xFAFF)
            .chain(0x20000..=0x2FFFF)
            .filter_map(char::from_u32)
    }

    #[test]
    fn every_cjk_character_as_opencc() {
        let (t, cc) = (Chain::tw2s(), oracle());
        let chars = cjk();
        // One per line, then all run together so phrase keys meet their neighbours.
        let apart: String = chars.clone().flat_map(|c| [c, '\n']).collect();
        let together: String = chars.collect();
        for s in [apart, together] {
            assert_eq!(ours(&t, &s), cc.convert(&s));
        }
    }

    #[test]
    fn every_key_in_context_as_opencc() {
        let (t, cc) = (Chain::tw2s(), oracle());
        for &tables in TW2S {
            for &table in tables {
                for (key, _) in parse(table) {
                    for s in [
                        key.to_string(),
                        format!("之{key}的"),
                        format!("{key}{key}"),
                        format!("臺{key}灣"),
                    ] {
                        assert_eq!(ours(&t, &s), cc.convert(&s), "{s}");
                    }
                }
            }
        }
    }

    /// Runs of keys and pieces of keys, so that matches overlap and compete across passes.
    #[test]
    fn key_soup_as_opencc() {
        let (t, cc) = (Chain::tw2s(), oracle());
        let keys: Vec<&str> = TW2S
            .iter()
            .flat_map(|tables| tables.iter())
            .flat_map(|&table| parse(table))
            .map(|(k, _)| k)
            .filter(|k| k.chars().count() > 1)
            .collect();
        let mut next = crate::repair::test_rng(0x9E37_79B9_7F4A_7C15u64);
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..1 + next(6) {
                let k = keys[next(keys.len())];
                let cs: Vec<char> = k.chars().collect();
                let (a, b) = (next(cs.len()), next(cs.len() + 1));
                match next(3) {
                    0 => s.push_str(k),
                    1 => s.extend(&cs[a.min(b)..a.max(b)]),
                    _ => s.extend(&cs[a..]),
                }
            }
            assert_eq!(ours(&t, &s), cc.convert(&s), "{s}");
        }
    }

    /// Character by character, s2tw and its phrase-free chain agree (STPhrases has no
    /// one-character key: if a new OpenCC gives it one, this fails).
    #[test]
    fn every_cjk_character_alone_as_s2tw() {
        let cc = OpenCC::from_config(BuiltinConfig::S2tw).expect("ferrous-opencc's built-in s2tw");
        let apart: String = cjk().flat_map(|c| [c, '\n']).collect();
        assert_eq!(ours(&Chain::s2tw_characters(), &apart), cc.convert(&apart));
    }

    /// `convert_char` is `convert` of the one-character string, for both chains, on every
    /// CJK character (among them the tw2s keys whose first pass yields several characters).
    #[test]
    fn one_character_as_its_string() {
        for chain in [Chain::tw2s(), Chain::s2tw_characters()] {
            let mut changed = 0;
            for c in cjk() {
                let whole = chain.convert(c.encode_utf8(&mut [0; 4]));
                let want = whole.as_deref().and_then(single_char);
                assert_eq!(chain.convert_char(c), want, "{c}");
                changed += want.is_some() as usize;
            }
            assert!(changed > 2000, "{changed} characters converted");
        }
    }

    #[test]
    fn converts_a_sentence() {
        let t = Chain::tw2s();
        assert_eq!(
            t.convert("隨著社會主義市場經濟體制").as_deref(),
            Some("随着社会主义市场经济体制")
        );
        assert_eq!(t.convert("简体中文"), None);
    }
}
