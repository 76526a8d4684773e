//! The corruption simulator, written from reference/corruption-model.md: it damages clean
//! text the way the sample page is damaged. Used by tests/repair_sim.rs (the repair engine
//! must undo it) and benches/normalize.rs (10 MB of damaged articles).
//!
//! Pipeline per page: S (simplified → traditional per character, Taiwan forms, one-to-many
//! characters left alone), E0 (GBK), A (pinyin annotation of a dictionary of keys, at every byte
//! offset, in ascending code order), D1 (lead + non-trail → one R, both bytes eaten), P
//! (full-width ，；？：（） to ASCII at any offset), D2 (GBK decode, `?` for every error), plus the
//! page furniture of a spam mirror.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::OnceLock;

use ferrous_opencc::{OpenCC, config::BuiltinConfig};
use galley::repair::gbk::{Tables, d2, pmap};
use galley::repair::shared;
use pinyin::ToPinyin;

pub const CORPUS: &[(&str, &str)] = &[
    ("01", include_str!("../corpus/clean/01_rural_economy.txt")),
    (
        "02",
        include_str!("../corpus/clean/02_higher_education.txt"),
    ),
    ("03", include_str!("../corpus/clean/03_environment.txt")),
    ("04", include_str!("../corpus/clean/04_public_health.txt")),
    ("05", include_str!("../corpus/clean/05_local_history.txt")),
    ("06", include_str!("../corpus/clean/06_digital_economy.txt")),
    ("07", include_str!("../corpus/clean/07_law.txt")),
    ("08", include_str!("../corpus/clean/08_culture.txt")),
    ("09", include_str!("../corpus/clean/09_urban_planning.txt")),
    ("10", include_str!("../corpus/clean/10_sports.txt")),
    ("11", include_str!("../corpus/clean/11_finance.txt")),
    ("12", include_str!("../corpus/clean/12_party_building.txt")),
];

/// Characters with several traditional forms, which the mirror left alone (model §2 S).
pub const ONE_TO_MANY: &str = "于干里后采愿余斗范并群占咨面只系发台";

pub struct Sim {
    pub t: Tables,
    pub s2t: HashMap<char, char>,
}

pub fn sim() -> &'static Sim {
    static S: OnceLock<Sim> = OnceLock::new();
    S.get_or_init(|| {
        let cc = OpenCC::from_config(BuiltinConfig::S2tw).expect("builtin config");
        let all: String = CORPUS
            .iter()
            .flat_map(|c| c.1.chars())
            .chain("发台准着尽".chars())
            .flat_map(|c| [c, '\n'])
            .collect();
        let out = cc.convert(&all);
        let mut s2t: HashMap<char, char> = all
            .split('\n')
            .zip(out.split('\n'))
            .filter_map(|(a, b)| {
                let (a, b) = (a.chars().next()?, b.chars().next()?);
                (a != b && !ONE_TO_MANY.contains(a)).then_some((a, b))
            })
            .collect();
        // Fixed forms the model lists for characters OpenCC treats as ambiguous.
        for (a, b) in [
            ('发', '發'),
            ('台', '臺'),
            ('准', '準'),
            ('着', '著'),
            ('尽', '盡'),
            ('鉴', '鑒'),
        ] {
            s2t.insert(a, b);
        }
        Sim {
            t: Tables::new(),
            s2t,
        }
    })
}

/// Small deterministic RNG (the proptest supplies the seed).
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

pub struct Damaged {
    pub page: String,
    /// ASCII bytes of the original eaten by D1 (information truly lost).
    pub eaten: usize,
}

/// Annotation with a mask of which bytes are original (true) or inserted (false).
pub fn annotate(o: &[u8], dict: &[(u16, Vec<u8>)]) -> (Vec<u8>, Vec<bool>) {
    let mut cur = o.to_vec();
    let mut orig = vec![true; o.len()];
    for (key, ann) in dict {
        let [k0, k1] = key.to_be_bytes();
        let (mut nb, mut no) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < cur.len() {
            if i + 1 < cur.len() && cur[i] == k0 && cur[i + 1] == k1 {
                nb.extend_from_slice(&[k0, k1]);
                no.extend_from_slice(&[orig[i], orig[i + 1]]);
                nb.extend_from_slice(ann);
                no.extend(std::iter::repeat_n(false, ann.len()));
                i += 2;
            } else {
                nb.push(cur[i]);
                no.push(orig[i]);
                i += 1;
            }
        }
        cur = nb;
        orig = no;
    }
    (cur, orig)
}

/// D1 that also counts eaten original ASCII bytes.
pub fn d1_counting(b: &[u8], orig: &[bool]) -> (Vec<u8>, usize) {
    let lead = |x: u8| (0x81..=0xFE).contains(&x);
    let trail = |x: u8| (0x40..=0xFE).contains(&x) && x != 0x7F;
    let (mut out, mut eaten, mut i) = (Vec::new(), 0, 0);
    while i < b.len() {
        if lead(b[i]) {
            match b.get(i + 1) {
                Some(&y) if trail(y) => {
                    out.extend_from_slice(&[b[i], y]);
                    i += 2;
                }
                Some(_) => {
                    if orig[i + 1] {
                        eaten += 1;
                    }
                    out.push(0xFF);
                    i += 2;
                }
                None => {
                    out.push(0xFF);
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    (out, eaten)
}

pub fn damage(clean: &str, seed: u64, key_share: f64, straddle_share: f64) -> Damaged {
    let s = sim();
    let mut rng = Rng(seed | 1);
    // The page is rebuilt from the body's lines, so the text's final newline shows alike
    // whether the first decoder eats it or not: it is left out, not counted as lost.
    let trad: String = (clean.strip_suffix('\n').unwrap_or(clean))
        .chars()
        .map(|c| s.s2t.get(&c).copied().unwrap_or(c))
        .collect();
    // E0.
    let mut bytes = Vec::new();
    for c in trad.chars() {
        if !s.t.encode(c, &mut bytes) {
            bytes.push(b'?');
        }
    }
    // The page's dictionary: a share of the converted characters, each with one reading, plus
    // some traditional characters that only occur as codes straddling two characters.
    let reading = |c: char| c.to_pinyin().map(|p| p.with_tone().to_string());
    let mut keys: HashMap<u16, String> = HashMap::new();
    let mut seen: Vec<char> = trad
        .chars()
        .filter(|c| s.s2t.values().any(|v| v == c))
        .collect();
    seen.sort();
    seen.dedup();
    for c in seen {
        if rng.chance(key_share)
            && let (Some(code), Some(p)) = (s.t.code(c), reading(c))
        {
            keys.insert(code, p);
        }
    }
    let traditional: std::collections::HashSet<char> = s.s2t.values().copied().collect();
    for w in bytes.windows(2) {
        if let Some(c) = s.t.pair(w[0], w[1])
            && (traditional.contains(&c) || shared().is_traditional(c))
            && rng.chance(straddle_share)
            && let Some(p) = reading(c)
        {
            keys.insert(u16::from_be_bytes([w[0], w[1]]), p);
        }
    }
    let mut dict: Vec<(u16, Vec<u8>)> = keys
        .iter()
        .filter_map(|(&k, p)| Some((k, galley::repair::gbk::annotation_bytes(&s.t, p)?)))
        .collect();
    dict.sort();
    let (a, orig) = annotate(&bytes, &dict);
    let (d1, eaten) = d1_counting(&a, &orig);
    let body = d2(&s.t, &pmap(&d1));
    // Page furniture.
    let lines: Vec<&str> = body.lines().collect();
    let mut page = String::new();
    page.push_str("国产日韩欧美一区二区_亚洲精品av_久久久久国产_在线观看免费\n\n?\n\n");
    if let Some(t) = lines.first() {
        page.push_str(t);
        // The site's meta line: date and the author names run together, simplified, undamaged.
        let names: String = clean
            .lines()
            .nth(1)
            .unwrap_or("")
            .chars()
            .filter(|c| *c != '●' && *c != ' ')
            .collect();
        page.push_str(&format!(
            "\n\n2019-05-17 08:12:44{names}\n期刊名稱 2019年3期\n關鍵詞:發展建設研究\n\n"
        ));
    }
    for (i, l) in lines.iter().enumerate() {
        page.push_str(l);
        page.push_str("\n\n");
        if i == 0 {
            page.push_str(l);
            page.push_str("\n\n");
        }
    }
    page.push_str("猜你喜歡\n發展建設研究\n城市發展的若干問題\n學報(2016年5期)2016-05-16 18:11:00\n臨滄市| 新源縣| 江華| 友誼縣| 凌海市| 阿克| 嘉峪關市|");
    Damaged { page, eaten }
}
