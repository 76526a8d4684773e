//! Script: undo the mirror's simplified → traditional conversion, and only where it happened.
//!
//! The mirror converted per character with Taiwan forms (corruption model, step S), so the
//! Taiwan-aware variant table tw2s undoes it best; tw2sp would also rewrite vocabulary
//! (資訊 → 信息) that the original may well have used. Genuinely traditional text is left alone
//! under `auto` unless the page carries evidence of a conversion.

use std::sync::OnceLock;

use ferrous_opencc::{OpenCC, config::BuiltinConfig};

use super::Script;
use super::opencc::Chain;

pub struct Converter {
    /// Every converted line goes through tw2s; galley's own copy of it is the fast one.
    tw2s: Chain,
    /// Only `--script hant` converts whole lines this way: loaded on first use (it is most of
    /// ferrous-opencc's start-up).
    s2tw: OnceLock<Option<OpenCC>>,
    /// Per character of `TABLED`: its simplified form (itself where tw2s leaves it alone).
    t2s: Vec<char>,
    /// Per character of `TABLED`: `TRADITIONAL` and `HAS_TRADITIONAL` bits.
    flags: Vec<u8>,
}

/// The characters the per-character tables cover: CJK Extension A and the Unified Ideographs.
/// Characters outside it are neither converted nor counted.
const TABLED: std::ops::Range<char> = '\u{3400}'..'\u{A000}';
/// tw2s changes the character on its own: only traditional text uses it.
const TRADITIONAL: u8 = 1;
/// s2tw changes the character on its own.
const HAS_TRADITIONAL: u8 = 2;

/// The index of `c` in the per-character tables.
fn tabled(c: char) -> Option<usize> {
    TABLED
        .contains(&c)
        .then(|| c as usize - TABLED.start as usize)
}

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
        let s2tw = Chain::s2tw_characters();
        let (mut t2s, mut flags) = (Vec::new(), Vec::new());
        for c in TABLED {
            let mut f = 0;
            let simplified = tw2s.convert_char(c);
            t2s.push(simplified.unwrap_or(c));
            if simplified.is_some() {
                f |= TRADITIONAL;
            }
            if s2tw.convert_char(c).is_some() {
                f |= HAS_TRADITIONAL;
            }
            flags.push(f);
        }
        Converter {
            tw2s,
            s2tw: OnceLock::new(),
            t2s,
            flags,
        }
    }

    /// The character's flags; 0 outside `TABLED`.
    fn flags(&self, c: char) -> u8 {
        tabled(c).map_or(0, |i| self.flags[i])
    }

    pub fn t2s_char(&self, c: char) -> char {
        tabled(c).map_or(c, |i| self.t2s[i])
    }

    /// A character that only traditional text uses.
    pub fn is_traditional(&self, c: char) -> bool {
        self.flags(c) & TRADITIONAL != 0
    }

    /// A character that only simplified text uses.
    pub fn is_simplified(&self, c: char) -> bool {
        self.flags(c) == HAS_TRADITIONAL
    }

    /// Decides the target script and says why.
    pub fn decide(&self, all: &str, annotations: usize, want: Script) -> (Target, String) {
        let (mut trad, mut simp) = (0usize, 0usize);
        for c in all.chars() {
            if self.is_traditional(c) {
                trad += 1;
            } else if self.is_simplified(c) {
                simp += 1;
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
                if !line.chars().any(|c| self.flags(c) & HAS_TRADITIONAL != 0) {
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
