//! One test per reported repair bug.

fn normalize(text: &str) -> String {
    galley::repair::shared()
        .normalize("test", text.as_bytes(), &galley::repair::Options::default())
        .text
}

/// A question mark ending an English sentence is punctuation, not a garble: it must not
/// become a full-width `？` (seen on the English article of the second test issue).
#[test]
fn english_question_mark_is_kept() {
    let text = "This article asks a simple question: what do committee staff actually spend their days on, and how do residents judge that work?\n";
    assert_eq!(normalize(text), text);
}

/// A garble can leave the first decoder one byte out of phase for a long stretch that shows
/// undamaged, across commas the mirror mapped from full width, until it eats the `(` of a
/// later annotation (the simulator's case `7 14001174606770657278 0.1 0.129…`). Read as ASCII,
/// those commas would have stopped the shift, so no hypothesis explained the second spot:
/// `技藝不變的前提下，` stayed `技?yì)?yàn)蛔兊那疤嵯?,` and the first spot got a
/// lost-character mark it did not need.
#[test]
fn shift_across_mapped_commas() {
    let page = "實踐證明,非遺保護(hù)不能只停留在記?shuì)浐驼故緦用?,而要讓它回到生活之中。政府、市場和傳承人應當形成合力,在保持核心技?yì)?yàn)蛔兊那疤嵯?,積極探索新的表現(xiàn)形式和傳播渠道。\n";
    assert_eq!(
        normalize(page),
        "实践证明，非遗保护不能只停留在记录和展示层面，而要让它回到生活之中。政府、市场和传承人应当形成合力，在保持核心技艺不变的前提下，积极探索新的表现形式和传播渠道。\n"
    );
}
