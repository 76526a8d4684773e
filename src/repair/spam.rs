//! Spam and site chrome: whole lines the mirror added around the article.
//!
//! Signals are the line's shape (separators, length, sentence punctuation), its position (a
//! related-articles block runs from its heading to the next paragraph) and repetition, with a
//! short vocabulary of site furniture in both scripts. A line of the article itself has sentence
//! punctuation or is a short heading, so it never matches these shapes.

/// Why each line is removed (`None`: kept). `views` are the lines without annotations.
pub fn classify(views: &[impl AsRef<str>]) -> Vec<Option<&'static str>> {
    let mut out: Vec<Option<&'static str>> = vec![None; views.len()];
    let mut kept: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut in_block = false;
    for (i, v) in views.iter().enumerate() {
        let t = v.as_ref().trim();
        let reason = if t.is_empty() {
            Some("blank")
        } else if t.chars().all(|c| c == '?' || c.is_whitespace()) {
            Some(if t == "?" {
                "lone-question-mark"
            } else {
                "lost-spaces"
            })
        } else if is_seo(t) {
            Some("seo-keywords")
        } else if is_place_list(t) {
            Some("place-list")
        } else if is_related_heading(t) {
            in_block = true;
            Some("related-articles")
        } else if is_chrome(t) {
            Some("site-chrome")
        } else if in_block && is_related_item(t) {
            Some("related-articles")
        } else if is_site_meta(t) {
            Some("site-meta")
        } else if is_site_keywords(t) {
            Some("site-keywords")
        } else if !longer_than(t, 60) && longer_than(t, 1) && kept.contains(t) {
            Some("duplicate")
        } else {
            None
        };
        if reason.is_none() {
            in_block = false;
            kept.insert(t);
        }
        out[i] = reason;
    }
    out
}

fn has_sentence_punct(t: &str) -> bool {
    t.contains(['。', '，', '；', '！'])
}

/// Search phrases joined by `_`.
fn is_seo(t: &str) -> bool {
    let parts: Vec<&str> = t.split('_').collect();
    parts.len() >= 4
        && !has_sentence_punct(t)
        && parts.iter().all(|p| p.trim().chars().count() <= 24)
}

/// County and tag lists: `临沧市| 新源县| ...`.
fn is_place_list(t: &str) -> bool {
    // Single-char searches are memchr scans; most lines end here.
    if !t.contains('|') && !t.contains('｜') {
        return false;
    }
    let parts: Vec<&str> = t
        .split(['|', '｜'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let seps = t.matches(['|', '｜']).count();
    seps >= 4 && !has_sentence_punct(t) && parts.iter().all(|p| p.trim().chars().count() <= 10)
}

const RELATED: &[&str] = &[
    "猜你喜欢",
    "猜你喜歡",
    "相关推荐",
    "相關推薦",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "推荐阅读",
    "推薦閱讀",
    "热门文章",
    "熱門文章",
    "延伸阅读",
    "延伸閱讀",
];

fn is_related_heading(t: &str) -> bool {
    let t = t.trim_end_matches([':', '：']);
    RELATED.contains(&t)
}

/// Inside a related block: short titles and `journal(YYYY年N期)date` lines, no paragraph.
fn is_related_item(t: &str) -> bool {
    !longer_than(t, 60) && !t.contains('。')
}

const CHROME: &[&str] = &[
    "网站首页",
    "網站首頁",
    "网站地图",
    "網站地圖",
    "APP下载",
    "APP下載",
    "设为首页",
    "設為首頁",
    "加入收藏",
    "[大][中][小]",
    "当前位置",
    "當前位置",
    "您现在的位置",
    "您現在的位置",
    "浏览次数",
    "瀏覽次數",
    "阅读次数",
    "閱讀次數",
    "点击次数",
    "點擊次數",
    "返回顶部",
    "返回頂部",
];

/// More than `n` characters (a byte-length test first: paragraphs are long).
fn longer_than(t: &str, n: usize) -> bool {
    t.len() > 4 * n || (t.len() > n && t.chars().count() > n)
}

fn is_chrome(t: &str) -> bool {
    if longer_than(t, 80) {
        return false;
    }
    // One pass for every marker (the regex engine searches a literal alternation at once).
    static CHROME_ANY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let alternation: Vec<String> = CHROME.iter().map(|k| regex::escape(k)).collect();
        regex::Regex::new(&alternation.join("|")).expect("escaped literals form a valid regex")
    });
    if CHROME_ANY.is_match(t) {
        return true;
    }
    // Breadcrumbs: short segments joined by `>`/`»`.
    let crumbs = t.matches(['>', '»', '＞']).count();
    if crumbs >= 2
        && !has_sentence_punct(t)
        && t.split(['>', '»', '＞'])
            .all(|p| p.trim().chars().count() <= 12)
    {
        return true;
    }
    // View counters: `阅读: 123`, `点击:45次`.
    let label = [
        "点击", "點擊", "阅读", "閱讀", "浏览", "瀏覽", "人气", "人氣",
    ];
    label.iter().any(|l| t.starts_with(l))
        && t.chars().filter(|c| c.is_ascii_digit()).count() >= 1
        && t.chars().count() <= 20
}

fn starts_with_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(|c| c.is_ascii_digit() || *c == b'-')
        && t[5..].contains('-')
}

/// Posting metadata: a date-time with names, `发布时间…来源…`, or `<journal> YYYY年N期`.
fn is_site_meta(t: &str) -> bool {
    if longer_than(t, 80) || has_sentence_punct(t) {
        return false;
    }
    if starts_with_date(t) && t.contains(':') {
        return true;
    }
    let published = [
        "发布时间",
        "發布時間",
        "发布日期",
        "發布日期",
        "来源:",
        "來源:",
        "来源：",
        "來源：",
    ];
    if published.iter().any(|k| t.contains(k)) {
        return true;
    }
    // `上海黨史與黨建 2010年4期`
    if let Some((name, tail)) = t.rsplit_once(' ') {
        let tail = tail.trim();
        if !name.trim().is_empty()
            && tail.ends_with('期')
            && tail.contains('年')
            && tail
                .chars()
                .all(|c| c.is_ascii_digit() || c == '年' || c == '期')
        {
            return true;
        }
    }
    false
}

/// The mirror's own `关键词:` line: site tags run together without separators.
fn is_site_keywords(t: &str) -> bool {
    for label in ["关键词", "關鍵詞", "关键字", "關鍵字"] {
        if let Some(rest) = t.strip_prefix(label) {
            let Some(rest) = rest.strip_prefix([':', '：']) else {
                return false;
            };
            return !rest.trim().is_empty()
                && !rest.contains([';', '；', ',', '，', '、', ' ', '\u{3000}']);
        }
    }
    false
}

/// Inline runs of `? ? ?` (a mirror's rendering of lost spaces) become one space.
pub fn lost_spaces(line: &str) -> Option<String> {
    if !line.contains("? ? ?") {
        return None;
    }
    let v: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut changed = false;
    while i < v.len() {
        // Count a run `?( ?)+` with at least three marks.
        let mut j = i;
        let mut marks = 0;
        while j < v.len() && v[j] == '?' {
            marks += 1;
            if v.get(j + 1) == Some(&' ') && v.get(j + 2) == Some(&'?') {
                j += 2;
            } else {
                j += 1;
                break;
            }
        }
        if marks >= 3 {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            while v.get(j) == Some(&' ') {
                j += 1;
            }
            changed = true;
            i = j;
            continue;
        }
        out.push(v[i]);
        i += 1;
    }
    changed.then(|| out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> Vec<Option<&'static str>> {
        classify(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    /// Every chrome marker, alone or inside a short line, and none inside a paragraph.
    #[test]
    fn every_chrome_marker() {
        for k in CHROME {
            assert!(is_chrome(k), "{k}");
            assert!(is_chrome(&format!("首页 | {k} | 联系我们")), "{k}");
        }
        assert!(!is_chrome("社区党组织要发挥领导核心作用。"));
        let long = format!("{}网站首页", "社区党建".repeat(25));
        assert!(!is_chrome(&long), "a paragraph is never chrome");
    }

    #[test]
    fn removes_page_furniture_keeps_article() {
        let r = run(&[
            "国产_亚洲_久久_一区二区",
            "?",
            "标题在这里",
            "2010-12-26 22:26:39熊玉清潘海英",
            "上海黨史與黨建 2010年4期",
            "關鍵詞:三個一東南居民",
            "标题在这里",
            "正文第一段，说了一些事情。",
            "关键词：创新；社区党建",
            "猜你喜歡",
            "石器時代的居民",
            "民生周刊(2014年7期)2014-03-28 01:30:54",
            "临沧市| 新源县| 江华| 友谊县| 凌海市|",
            "网站首页 | 网站地图",
            "首页 > 新闻 > 正文",
        ]);
        assert_eq!(
            r,
            vec![
                Some("seo-keywords"),
                Some("lone-question-mark"),
                None,
                Some("site-meta"),
                Some("site-meta"),
                Some("site-keywords"),
                Some("duplicate"),
                None,
                None,
                Some("related-articles"),
                Some("related-articles"),
                Some("related-articles"),
                Some("place-list"),
                Some("site-chrome"),
                Some("site-chrome"),
            ]
        );
    }

    #[test]
    fn lost_space_runs() {
        assert_eq!(lost_spaces("作者 ? ? ? 张三").as_deref(), Some("作者 张三"));
        assert_eq!(lost_spaces("为什么? 因为"), None);
    }

    #[test]
    fn keeps_article_header_lines() {
        let r = run(&[
            "中图分类号：D267",
            "文献标识码：A",
            "文章编号：1009-928X(2010)04-0045-03",
            "责任编辑：袁志平",
            "摘要：本文讨论了社区党建。",
        ]);
        assert!(r.iter().all(Option::is_none), "{r:?}");
    }
}
