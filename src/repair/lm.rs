//! Character-sequence language model for ranking garble candidates.
//!
//! Real data: jieba-rs embeds a 349k-word dictionary with corpus frequencies. A string is scored
//! by its best segmentation into dictionary words (jieba's own unigram word model), which is a
//! far stronger signal than character bigrams for choosing e.g. 方式 over 方是. The page's own
//! undamaged lines add a cache of character bigrams, so the page's vocabulary (創新, 社區) wins
//! ties between variant characters that simplify alike.

use rustc_hash::FxHashMap as HashMap;

use jieba_rs::Jieba;

/// Log-probability of a token that is neither a dictionary word nor punctuation.
const UNKNOWN: f64 = -16.0;
/// Log-probability of a CJK punctuation mark: a clause boundary is a common event.
const PUNCT: f64 = -5.0;
/// Log-probability of an ASCII digit or letter.
const ASCII: f64 = -10.0;
/// jieba's dictionary frequency total (sum of the embedded dict.txt frequencies, ~6.0e7);
/// only its order of magnitude matters because candidates are compared on equal spans.
const LOG_TOTAL: f64 = 17.911;
/// Sentence-initial connectives set off by a comma (`。可见，`, `。总之，`): the one
/// clause-boundary fact a word unigram model cannot see.
const CONNECTIVES: &[&str] = &[
    "可见",
    "总之",
    "因此",
    "所以",
    "但是",
    "然而",
    "其次",
    "首先",
    "另外",
    "此外",
    "同时",
    "当然",
    "显然",
    "例如",
    "比如",
    "总而言之",
    "事实上",
    "换言之",
    "于是",
    "因而",
    "而且",
    "并且",
    "不过",
    "其实",
    "最后",
    "一方面",
    "另一方面",
    "综上所述",
    "由此可见",
    "也就是说",
    "换句话说",
    "总的来说",
    "为此",
    "对此",
    "据此",
    "可是",
    "否则",
    "再次",
    "最终",
    "实际上",
    "一般来说",
    "具体来说",
];
const CONNECTIVE_BONUS: f64 = 6.0;
/// Extra cost of a single ASCII letter between two Han characters.
const SANDWICH: f64 = -6.0;
/// Bonus for a bigram the page itself uses (its names and terms, which no dictionary has).
const PAGE_BIGRAM: f64 = 1.0;
/// Bonus for a trigram the page itself uses.
const PAGE_TRIGRAM: f64 = 2.5;
/// Longest dictionary word tried during segmentation.
const MAX_WORD: usize = 5;

pub struct Lm {
    jieba: Jieba,
}

/// Memo of whole-string scores for one page: the same neighbourhoods recur across the
/// hypotheses of a window.
#[derive(Default)]
pub struct Cache {
    strings: HashMap<String, f64>,
}

/// Most word entries one thread's memo holds before it starts again (about 40 bytes each).
const WORD_MEMO: usize = 1 << 20;

thread_local! {
    /// Word log-probabilities (NaN marks a non-word). They are facts about the dictionary, not
    /// about a page, so one memo per thread serves every page the thread repairs: a batch of
    /// back issues asks for the same words again and again, and `suggest_freq` runs a
    /// segmentation each time it is asked.
    static WORDS: std::cell::RefCell<HashMap<u128, f64>> = Default::default();
}

impl Lm {
    pub fn new() -> Self {
        Lm {
            jieba: Jieba::new(),
        }
    }

    /// Log-probability of the dictionary word `w` (at most `MAX_WORD` characters), whose
    /// characters packed 21 bits each (first character highest) are `key`: no string is built
    /// or hashed unless the word is new.
    fn word_logp(&self, key: u128, w: &[char], words: &mut HashMap<u128, f64>) -> Option<f64> {
        let v = *words.entry(key).or_insert_with(|| {
            // Garble candidates keep bringing new strings, so the word is spelled on the stack.
            let mut buf = [0u8; 4 * MAX_WORD];
            match super::spell_on_stack(w.iter().copied(), &mut buf) {
                Some(w) if self.jieba.has_word(w) => {
                    (self.jieba.suggest_freq(w) as f64).ln() - LOG_TOTAL
                }
                _ => f64::NAN,
            }
        });
        if v.is_nan() { None } else { Some(v) }
    }

    /// Log-probability of the best segmentation of `s` (simplified Chinese expected).
    pub fn score(&self, s: &str, cache: &mut Cache) -> f64 {
        if let Some(&v) = cache.strings.get(s) {
            return v;
        }
        let v = self.score_fresh(s);
        cache.strings.insert(s.to_string(), v);
        v
    }

    /// `score` without the string memo, for a string that will not be asked for again.
    pub fn score_fresh(&self, s: &str) -> f64 {
        WORDS.with_borrow_mut(|words| {
            if words.len() > WORD_MEMO {
                words.clear();
            }
            self.score_uncached(s, words)
        })
    }

    fn score_uncached(&self, s: &str, words: &mut HashMap<u128, f64>) -> f64 {
        let chars: Vec<char> = s.chars().collect();
        let n = chars.len();
        let mut best = vec![f64::NEG_INFINITY; n + 1];
        best[0] = 0.0;
        // No character is NUL, so packed words of different lengths never collide.
        // Start of the run of Han characters that ends at `i`: words are Han only.
        let mut han_from = 0;
        for i in 1..=n {
            let c = chars[i - 1];
            if !is_han(c) {
                han_from = i;
            }
            let single = if c == '。' || c == '，' {
                PUNCT + 0.5
            } else if is_cjk_punct(c) {
                PUNCT - 0.5
            } else if c.is_ascii_alphanumeric() || c == crate::model::LOST_CHAR {
                ASCII
            } else {
                UNKNOWN
            };
            // A lone Latin letter between Han characters is almost never text.
            let sandwich = c.is_ascii_alphabetic()
                && i >= 2
                && is_han(chars[i - 2])
                && chars.get(i).is_some_and(|&n| is_han(n));
            let single = if sandwich { single + SANDWICH } else { single };
            let mut b = best[i - 1] + single;
            // The words ending at `i`, shortest first, each one's key built from the last.
            let mut key: u128 = 0;
            for j in (i.saturating_sub(MAX_WORD).max(han_from)..i).rev() {
                key |= (chars[j] as u128) << (21 * (i - 1 - j));
                if !best[j].is_finite() {
                    continue;
                }
                if let Some(lp) = self.word_logp(key, &chars[j..i], words) {
                    let opens = j == 0 || matches!(chars[j - 1], '。' | '？' | '！' | '；');
                    let bonus = if opens
                        && chars.get(i) == Some(&'，')
                        && CONNECTIVES.contains(&chars[j..i].iter().collect::<String>().as_str())
                    {
                        CONNECTIVE_BONUS
                    } else {
                        0.0
                    };
                    b = b.max(best[j] + lp + bonus);
                }
            }
            best[i] = b;
        }
        best[n]
    }
}

impl Default for Lm {
    fn default() -> Self {
        Self::new()
    }
}

/// A space between Han characters is layout (a byline's `熊玉清 潘海英`; the site's meta line
/// runs the same names together): the page's n-grams are counted and matched across it.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Character n-gram counts of the page's own undamaged text.
#[derive(Debug, Default, Clone)]
pub struct PageLm {
    /// Keyed by `gram`: one integer hashes in one step where a tuple of chars takes three.
    trigrams: HashMap<u64, u32>,
    bigrams: HashMap<u64, u32>,
    unigrams: HashMap<char, u32>,
}

/// Characters packed 21 bits each, the last lowest.
fn gram(cs: &[char]) -> u64 {
    cs.iter().fold(0, |k, &c| k << 21 | c as u64)
}

impl PageLm {
    /// Room for `chars` characters of text, so that adding an article's page does not
    /// rehash. Capped: a page far longer than an article grows its maps as it goes, and a
    /// page uses a few thousand distinct characters at most, however long it is.
    pub fn with_capacity(chars: usize) -> Self {
        let chars = chars.min(1 << 16);
        let map = |n| HashMap::with_capacity_and_hasher(n, Default::default());
        PageLm {
            trigrams: map(chars),
            bigrams: map(chars),
            unigrams: HashMap::with_capacity_and_hasher(chars.min(8192), Default::default()),
        }
    }

    pub fn add(&mut self, text: &str) {
        let (mut p2, mut p1): (Option<char>, Option<char>) = (None, None);
        for c in text.chars() {
            if is_space(c) {
                continue;
            }
            if is_han(c) {
                *self.unigrams.entry(c).or_default() += 1;
                if let Some(b) = p1.filter(|&b| is_han(b)) {
                    *self.bigrams.entry(gram(&[b, c])).or_default() += 1;
                    if let Some(a) = p2.filter(|&a| is_han(a)) {
                        *self.trigrams.entry(gram(&[a, b, c])).or_default() += 1;
                    }
                }
            }
            (p2, p1) = (p1, Some(c));
        }
    }

    /// Bonus for the page's own characters and bigrams in `s` (both simplified).
    pub fn bonus(&self, s: &str) -> f64 {
        let (mut total, mut trigrams) = (0.0, 0usize);
        let (mut p2, mut p1): (Option<char>, Option<char>) = (None, None);
        for c in s.chars() {
            if is_space(c) {
                continue;
            }
            if let Some(&n) = self.unigrams.get(&c) {
                total += 0.5 * (1.0 + n as f64).ln();
            }
            if let Some(a) = p1 {
                if let Some(&n) = self.bigrams.get(&gram(&[a, c])) {
                    total += PAGE_BIGRAM + 0.5 * (n as f64).ln();
                }
                if let Some(z) = p2
                    && self.trigrams.contains_key(&gram(&[z, a, c]))
                {
                    trigrams += 1;
                }
            }
            (p2, p1) = (p1, Some(c));
        }
        total + trigrams as f64 * PAGE_TRIGRAM
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '—'
            | '…'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_real_words() {
        let lm = Lm::new();
        let mut c = Cache::default();
        assert!(lm.score("方式", &mut c) > lm.score("方是", &mut c));
        assert!(lm.score("总人口", &mut c) > lm.score("总人丝", &mut c));
        assert!(lm.score("覆盖。现在", &mut c) > lm.score("覆盖保现在", &mut c));
        assert!(lm.score("可见，", &mut c) > lm.score("可以，", &mut c) - 3.0);
    }

    #[test]
    fn page_bigrams() {
        let mut p = PageLm::default();
        p.add("創新社區創新");
        assert!(p.bonus("創新") > p.bonus("刱新"));
        // 創, 新 twice and 社 once; 創新 twice and 新社 once; the trigram 創新社.
        let want = 3f64.ln() + 2f64.ln() + 2.0 * PAGE_BIGRAM + PAGE_TRIGRAM;
        assert!(
            (p.bonus("創新社") - want).abs() < 1e-9,
            "{}",
            p.bonus("創新社")
        );
    }
}
