//! Script: undo the mirror's simplified → traditional conversion, and only where it happened.
//!
//! The mirror converted per character with Taiwan forms (corruption model, step S), so the
//! Taiwan-aware variant table tw2s undoes it best; tw2sp would also rewrite vocabulary
//! (資訊 → 信息) that the original may well have used. Genuinely traditional text is left alone
//! under `auto` unless the page carries evidence of a conversion.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use ferrous_opencc::{OpenCC, config::BuiltinConfig};

use super::Script;
use super::lm::is_han;
use super::opencc::Chain;

pub struct Converter {
    /// Every converted line goes through tw2s; galley's own copy of it is the fast one.
    tw2s: Chain,
    /// Only `--script hant` converts whole lines this way: loaded on first use (it is most of
    /// ferrous-opencc's start-up).
    s2tw: OnceLock<Option<OpenCC>>,
    /// Per-character traditional → simplified, where it differs.
    t2s: HashMap<char, char>,
    /// Per-character simplified → traditional, where it differs.
    s2t: HashMap<char, char>,
    /// Flags per code point from U+3400: 1 traditional-only, 2 simplified-only (fast path).
    flags: Vec<u8>,
}

const FLAG_BASE: u32 = 0x3400;
const FLAG_END: u32 = 0xA000;

/// Which way to convert, decided once per article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Hans,
    Hant,
    Keep,
}

/// Words where simplified Chinese keeps 著 (zhù, "to write; notable"); elsewhere 著 is 着.
const ZHU_AFTER: &str = "名作称述录者";
const ZHU_BEFORE: &str = "显卓编原名论专土昭巨遗拙合译所撰合遗";

impl Converter {
    pub fn new() -> Self {
        let tw2s = Chain::tw2s();
        let all: String = (0x3400u32..=0x9FFF)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, '\n'])
            .collect();
        let per_char = |out: Option<String>| -> HashMap<char, char> {
            let Some(out) = out else {
                return HashMap::default();
            };
            all.split('\n')
                .zip(out.split('\n'))
                .filter_map(|(a, b)| {
                    let mut bi = b.chars();
                    let (a, b, extra) = (a.chars().next()?, bi.next()?, bi.next());
                    (a != b && extra.is_none()).then_some((a, b))
                })
                .collect()
        };
        let t2s = per_char(tw2s.convert(&all));
        let s2t = per_char(Chain::s2tw_characters().convert(&all));
        let mut flags = vec![0u8; (FLAG_END - FLAG_BASE) as usize];
        for (cp, f) in (FLAG_BASE..FLAG_END).zip(flags.iter_mut()) {
            if let Some(c) = char::from_u32(cp) {
                if t2s.contains_key(&c) {
                    *f = 1;
                } else if s2t.contains_key(&c) {
                    *f = 2;
                }
            }
        }
        Converter {
            tw2s,
            s2tw: OnceLock::new(),
            t2s,
            s2t,
            flags,
        }
    }

    fn flag(&self, c: char) -> Option<u8> {
        let cp = c as u32;
        (FLAG_BASE..FLAG_END)
            .contains(&cp)
            .then(|| self.flags[(cp - FLAG_BASE) as usize])
    }

    pub fn t2s_char(&self, c: char) -> char {
        if self.flag(c) == Some(0) || (c as u32) < FLAG_BASE {
            return c;
        }
        self.t2s.get(&c).copied().unwrap_or(c)
    }

    /// A character that only traditional text uses.
    pub fn is_traditional(&self, c: char) -> bool {
        match self.flag(c) {
            Some(f) => f == 1,
            None => (c as u32) >= FLAG_BASE && self.t2s.contains_key(&c),
        }
    }

    /// A character that only simplified text uses.
    pub fn is_simplified(&self, c: char) -> bool {
        match self.flag(c) {
            Some(f) => f == 2,
            None => {
                (c as u32) >= FLAG_BASE && self.s2t.contains_key(&c) && !self.t2s.contains_key(&c)
            }
        }
    }

    /// Decides the target script and says why.
    pub fn decide(&self, all: &str, annotations: usize, want: Script) -> (Target, String) {
        let (mut trad, mut simp) = (0usize, 0usize);
        for c in all.chars() {
            // Fast path: only CJK code points have flags.
            if (c as u32) < FLAG_BASE {
                continue;
            }
            match self.flag(c) {
                Some(1) => trad += 1,
                Some(2) => simp += 1,
                Some(_) => {}
                None => {
                    if is_han(c) && self.is_traditional(c) {
                        trad += 1;
                    } else if is_han(c) && self.is_simplified(c) {
                        simp += 1;
                    }
                }
            }
        }
        match want {
            Script::Hans => return (Target::Hans, "hans: requested".into()),
            Script::Hant => return (Target::Hant, "hant: requested".into()),
            Script::Keep => return (Target::Keep, "keep: requested".into()),
            Script::Auto => {}
        }
        if trad == 0 {
            return (Target::Keep, "keep: auto: no traditional characters".into());
        }
        let mut why = Vec::new();
        if annotations > 0 {
            why.push(format!("{annotations} pinyin annotations"));
        }
        if simp >= 5 {
            why.push(format!("{simp} simplified-only characters on the page"));
        }
        if has_cn_number(all) {
            why.push("mainland CN serial number".to_string());
        }
        if simp > trad {
            return (
                Target::Keep,
                format!(
                    "keep: auto: mostly simplified ({simp} simplified-only, {trad} traditional characters)"
                ),
            );
        }
        if why.is_empty() {
            (
                Target::Keep,
                format!(
                    "keep: auto: traditional text ({trad} characters) with no evidence of conversion"
                ),
            )
        } else {
            (
                Target::Hans,
                format!(
                    "hans: auto: {trad} traditional characters converted from simplified ({})",
                    why.join(", ")
                ),
            )
        }
    }

    /// Converts one line; `None` when nothing changes.
    pub fn convert(&self, line: &str, target: Target) -> Option<String> {
        let out = match target {
            Target::Keep => return None,
            Target::Hans => {
                if !line.chars().any(|c| self.is_traditional(c)) {
                    return None;
                }
                let out = self.tw2s.convert(line).unwrap_or_else(|| line.to_string());
                if out.contains('著') {
                    fix_zhe(&out)
                } else {
                    out
                }
            }
            Target::Hant => {
                if !line
                    .chars()
                    .any(|c| (c as u32) >= FLAG_BASE && self.s2t.contains_key(&c))
                {
                    return None;
                }
                self.s2tw
                    .get_or_init(|| OpenCC::from_config(BuiltinConfig::S2tw).ok())
                    .as_ref()?
                    .convert(line)
            }
        };
        (out != line).then_some(out)
    }
}

impl Default for Converter {
    fn default() -> Self {
        Self::new()
    }
}

/// 著 → 着 where mainland usage writes the particle or verb 着 (随着, 包含着, 着力).
pub fn fix_zhe(s: &str) -> String {
    let v: Vec<char> = s.chars().collect();
    v.iter()
        .enumerate()
        .map(|(i, &c)| {
            if c != '著' {
                return c;
            }
            let next = v.get(i + 1).copied().unwrap_or(' ');
            let prev = if i > 0 { v[i - 1] } else { ' ' };
            if ZHU_AFTER.contains(next) || ZHU_BEFORE.contains(prev) {
                '著'
            } else {
                '着'
            }
        })
        .collect()
}

/// `CN 31-1xxx/D`: a mainland serial number.
fn has_cn_number(s: &str) -> bool {
    s.match_indices("CN").any(|(i, _)| {
        let rest = s[i + 2..].trim_start();
        let b = rest.as_bytes();
        b.len() >= 7 && b[..2].iter().all(u8::is_ascii_digit) && b[2] == b'-'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zhe() {
        assert_eq!(fix_zhe("随著包含著著力著名显著"), "随着包含着着力著名显著");
    }

    #[test]
    fn converts_to_traditional_on_request() {
        let c = Converter::new();
        assert_eq!(
            c.convert("简体中文的文章，发展与变迁", Target::Hant)
                .as_deref(),
            Some("簡體中文的文章，發展與變遷")
        );
        assert_eq!(c.convert("臺灣的經濟", Target::Hant), None);
    }

    #[test]
    fn decides_on_evidence() {
        let c = Converter::new();
        let tw = "臺灣的經濟發展與社會變遷，這是一個重要的議題。";
        assert_eq!(c.decide(tw, 0, Script::Auto).0, Target::Keep);
        assert_eq!(c.decide(tw, 3, Script::Auto).0, Target::Hans);
        assert_eq!(
            c.decide("简体中文的文章。", 0, Script::Auto).0,
            Target::Keep
        );
        assert_eq!(
            c.convert("隨著社會主義市場經濟體制", Target::Hans)
                .as_deref(),
            Some("随着社会主义市场经济体制")
        );
    }
}
