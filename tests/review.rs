//! The editors' review pages (issue 10): built for the sample issue, then opened in headless
//! Debian `chromium` over the DevTools protocol. The counts a page shows must equal the audit
//! JSON's; clicking a repair must show its details; the index must list the article with the
//! same counts and lead to its page. Screenshots go to `target/review-screenshots/`.
//!
//! `make test` installs chromium first (`scripts/setup.sh chromium`); this test installs it
//! itself when it can (root or sudo) and is skipped, loudly, only when it truly cannot.

#[path = "browser/cdp.rs"]
mod cdp;
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use galley::audit::{Audit, Fate, Kind};
use galley::review::{Counts, sort_for_attention};
use serde_json::Value;

/// Where the screenshots are kept for people to look at: `<target>/review-screenshots/`.
fn screenshot_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("review-screenshots")
}

fn save(png: &[u8], scratch: &Path, name: &str) {
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    std::fs::write(scratch.join(name), png).unwrap();
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), png).unwrap();
}

/// chromium, installed by the setup script if missing; `None` only if that is impossible.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = cdp::find_chromium() {
        return Some(p);
    }
    let status = std::process::Command::new(repo().join("scripts/setup.sh"))
        .arg("chromium")
        .status();
    if let Some(p) = cdp::find_chromium() {
        return Some(p);
    }
    eprintln!(
        "\n\n################################################################\n\
         SKIPPED: the review-page browser test needs chromium, which is not installed and\n\
         `scripts/setup.sh chromium` could not install it ({status:?}).\n\
         Run `sudo apt-get install chromium` (Debian) or set GALLEY_CHROMIUM.\n\
         ################################################################\n"
    );
    None
}

/// The counts an editor must see, computed here straight from the audit and model JSON.
fn expected_counts(out: &Path, stem: &str) -> BTreeMap<String, String> {
    let audit: Audit =
        serde_json::from_slice(&std::fs::read(out.join(format!("{stem}.audit.json"))).unwrap())
            .unwrap();
    let model: Value =
        serde_json::from_slice(&std::fs::read(out.join(format!("{stem}.json"))).unwrap()).unwrap();
    let mut m = BTreeMap::new();
    m.insert("repairs".into(), audit.entries.len().to_string());
    m.insert(
        "removed_lines".into(),
        audit
            .lines
            .iter()
            .filter(|l| l.fate == Fate::Removed)
            .count()
            .to_string(),
    );
    m.insert(
        "lost_characters".into(),
        audit.count(Kind::LostCharacter).to_string(),
    );
    m.insert(
        "warnings".into(),
        model["warnings"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
            .to_string(),
    );
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for e in &audit.entries {
        let k = serde_json::to_value(e.kind).unwrap();
        *kinds.entry(k.as_str().unwrap().to_string()).or_default() += 1;
    }
    for (k, n) in kinds {
        m.insert(format!("kind:{k}"), n.to_string());
    }
    m
}

const READ_COUNTS: &str = "Object.fromEntries([...document.querySelectorAll('[data-count]')].map(e => [e.dataset.count, e.textContent.trim()]))";

#[test]
fn review_pages_in_a_real_browser() {
    let out = tempfile::tempdir().unwrap();
    let g = galley();
    let summary =
        galley::issue::build_issue(&g, &sample_issue(), out.path()).expect("issue builds");
    let stem = summary.articles[0].stem.clone();
    let page = out.path().join(format!("{stem}.review.html"));
    let index = out.path().join("index.html");
    assert!(page.is_file(), "the issue wrote {}", page.display());
    assert!(index.is_file(), "the issue wrote index.html");

    // Self-contained: nothing is fetched from the network.
    let html = std::fs::read_to_string(&page).unwrap();
    for bad in ["http://", "https://", "<link ", "src=\"http"] {
        assert!(
            !html.contains(bad),
            "the review page must not reference the network ({bad})"
        );
    }
    assert!(html.contains("data:image/png;base64,"), "preview embedded");

    let Some(exe) = chromium() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let mut b = cdp::Browser::launch(&exe, scratch.path(), 1400, 1000).expect("chromium starts");

    // The article page: counts equal the audit's.
    let url = format!("file://{}", page.display());
    b.goto(&url).expect("review page loads");
    let shown: BTreeMap<String, String> =
        serde_json::from_value(b.eval(READ_COUNTS).unwrap()).unwrap();
    let expected = expected_counts(out.path(), &stem);
    for (k, v) in &expected {
        assert_eq!(
            shown.get(k),
            Some(v),
            "review page shows {k} = {v} as in the audit JSON (page shows {shown:?})"
        );
    }
    let jats = if xmllint_valid(&out.path().join(format!("{stem}.xml"))).is_ok() {
        "valid"
    } else {
        "invalid"
    };
    assert_eq!(shown.get("jats_valid").map(String::as_str), Some(jats));
    // Every removed line is struck through with its reason; every change is reachable.
    let audit: Audit = serde_json::from_slice(
        &std::fs::read(out.path().join(format!("{stem}.audit.json"))).unwrap(),
    )
    .unwrap();
    let struck = b
        .eval("document.querySelectorAll('tr.fate-removed s').length")
        .unwrap();
    assert_eq!(
        struck.as_u64(),
        Some(
            audit
                .lines
                .iter()
                .filter(|l| l.fate == Fate::Removed)
                .count() as u64
        )
    );
    let reachable = b
        .eval("new Set([...document.querySelectorAll('[data-e]')].map(e => e.dataset.e)).size")
        .unwrap();
    assert_eq!(
        reachable.as_u64(),
        Some(audit.entries.len() as u64),
        "every audit entry can be clicked somewhere on the page"
    );
    let lost_marks = b
        .eval("document.querySelectorAll('td.clean mark.k-lost-character').length")
        .unwrap();
    assert_eq!(
        lost_marks.as_u64(),
        Some(audit.count(Kind::LostCharacter) as u64),
        "each lost character is marked in the clean text"
    );
    save(&b.screenshot().unwrap(), scratch.path(), "review-top.png");

    // Click a garble repair in the text; its details appear in the side panel.
    let target = b
        .eval("(() => { const m = document.querySelector('td.clean mark.k-garble') || document.querySelector('mark.m'); return m ? Number(m.dataset.e) : null; })()")
        .unwrap()
        .as_u64()
        .expect("the page highlights at least one repair") as usize;
    b.click(&format!("mark[data-e=\"{target}\"]")).unwrap();
    b.wait_for(
        &format!("document.getElementById('details').dataset.entry === '{target}'"),
        Duration::from_secs(10),
    )
    .expect("clicking the repair opens its details");
    let details = b
        .eval("document.getElementById('details').innerText")
        .unwrap();
    let details = details.as_str().unwrap_or_default();
    let e = &audit.entries[target];
    let kind = serde_json::to_value(e.kind).unwrap();
    // The page shows U+FFFD as 〓, the mark the PDF prints.
    let (before, after) = (
        e.before.replace('\u{FFFD}', "〓"),
        e.after.replace('\u{FFFD}', "〓"),
    );
    for want in [
        before.as_str(),
        after.as_str(),
        kind.as_str().unwrap(),
        &format!("{}%", (e.confidence * 100.0).round()),
        &format!("input line {}", e.line),
    ] {
        assert!(
            details.contains(want),
            "details show «{want}» for entry {target}; panel says:\n{details}"
        );
    }
    if let Some(best) = e.candidates.first() {
        assert!(
            details.contains(&best.text.replace('\u{FFFD}', "〓")),
            "details list the candidates"
        );
    }
    let visible = b
        .eval("(() => { const r = document.getElementById('details').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight + 1 && r.width > 0; })()")
        .unwrap();
    assert_eq!(visible, Value::Bool(true), "the details panel is in view");
    save(&b.screenshot().unwrap(), scratch.path(), "review-click.png");

    // A lost character: click it, see the explanation.
    b.click("td.clean mark.k-lost-character").unwrap();
    b.wait_for(
        "document.getElementById('details').innerText.includes('cannot be recovered')",
        Duration::from_secs(10),
    )
    .expect("a lost character explains itself");
    save(&b.screenshot().unwrap(), scratch.path(), "review-lost.png");
    b.eval("document.getElementById('lost').scrollIntoView({block: 'center'})")
        .unwrap();
    save(
        &b.screenshot().unwrap(),
        scratch.path(),
        "review-warnings.png",
    );

    // The index: the same counts, and the article leads to its page.
    let url = format!("file://{}", index.display());
    b.goto(&url).expect("index loads");
    let totals: BTreeMap<String, String> =
        serde_json::from_value(b.eval(READ_COUNTS).unwrap()).unwrap();
    for k in ["repairs", "removed_lines", "lost_characters", "warnings"] {
        assert_eq!(totals.get(k), expected.get(k), "index total {k}");
    }
    assert_eq!(totals.get("articles").map(String::as_str), Some("1"));
    let row: BTreeMap<String, String> = serde_json::from_value(
        b.eval(&format!(
            "Object.fromEntries([...document.querySelectorAll('tr[data-stem=\"{stem}\"] td[data-col]')].map(e => [e.dataset.col, e.textContent.trim()]))"
        ))
        .unwrap(),
    )
    .unwrap();
    for k in ["repairs", "removed_lines", "lost_characters", "warnings"] {
        assert_eq!(row.get(k), expected.get(k), "index row {k}");
    }
    assert_eq!(row.get("jats_valid").map(String::as_str), Some(jats));
    save(&b.screenshot().unwrap(), scratch.path(), "index.png");
    b.click(&format!("tr[data-stem=\"{stem}\"] a.open"))
        .unwrap();
    b.wait_for(
        &format!(
            "location.href.endsWith('{stem}.review.html') && document.readyState === 'complete'"
        ),
        Duration::from_secs(30),
    )
    .expect("the index links to the review page");
    let h1 = b.eval("document.querySelector('h1').textContent").unwrap();
    assert_eq!(h1.as_str(), summary.articles[0].title.as_deref());
    eprintln!("review screenshots: {}", screenshot_dir().display());
}

fn counts(stem: &str, lost: usize, warnings: usize, repairs: usize, jats: Option<bool>) -> Counts {
    Counts {
        stem: stem.into(),
        lost_characters: lost,
        warnings,
        repairs,
        jats_valid: jats,
        ..Counts::default()
    }
}

#[test]
fn articles_needing_attention_come_first() {
    let mut rows = vec![
        counts("clean", 0, 0, 3, Some(true)),
        counts("warned", 0, 2, 1, Some(true)),
        counts("many-repairs", 0, 0, 900, Some(true)),
        counts("lost", 3, 0, 10, Some(true)),
        counts("invalid", 0, 0, 0, Some(false)),
        counts("unchecked", 0, 0, 0, None),
    ];
    sort_for_attention(&mut rows);
    let order: Vec<&str> = rows.iter().map(|r| r.stem.as_str()).collect();
    assert_eq!(
        order,
        [
            "invalid",
            "lost",
            "warned",
            "many-repairs",
            "clean",
            "unchecked"
        ]
    );
    assert!(rows[0].needs_attention() && rows[1].needs_attention() && rows[2].needs_attention());
    assert!(!rows[3].needs_attention());
}

#[test]
fn article_text_cannot_break_out_of_the_page() {
    let evil = "</script><script>alert(1)</script><b onmouseover=x>";
    let mut audit = Audit {
        input: "-".into(),
        ..Audit::default()
    };
    audit.lines.push(galley::audit::LineRecord {
        line: 1,
        fate: Fate::Changed,
        output_line: Some(1),
        reason: None,
        text: evil.into(),
    });
    audit.push(galley::audit::Entry {
        kind: Kind::Garble,
        line: 1,
        before: "<b".into(),
        after: "</script>".into(),
        confidence: 0.5,
        ..Default::default()
    });
    let article = galley::Article {
        title: Some(evil.into()),
        ..Default::default()
    };
    let view = galley::review::ArticleView {
        stem: "x\"><script>".into(),
        audit,
        article,
        clean_text: Ok(evil.into()),
        jats_valid: None,
        jats_error: None,
        preview_png: None,
        preview_note: None,
        has_pdf: false,
        has_xml: false,
    };
    let html = galley::review::article_page(&view);
    assert_eq!(
        html.matches("<script").count(),
        3,
        "only the page's own three script blocks"
    );
    assert!(!html.contains("<b onmouseover"));
    let index = galley::review::index_page(evil, &[counts("x\"><script>", 0, 0, 0, None)], &[]);
    assert_eq!(index.matches("<script").count(), 1);
}

/// `galley batch --review` (here through the library): a page per article and an index, also
/// without PDFs (the page then says why there is no preview).
#[test]
fn batch_with_review_writes_pages_and_index() {
    let out = tempfile::tempdir().unwrap();
    let mut g = galley();
    g.settings.no_pdf = true;
    let items = galley::batch::collect_inputs(&[sample_issue().join("issue.toml")]).unwrap();
    let stems: Vec<String> = items.iter().map(|i| i.stem.clone()).collect();
    let opts = galley::batch::BatchOptions {
        jobs: 1,
        shard: None,
        progress_bar: false,
        quiet: true,
        review: true,
    };
    let report = galley::batch::run(&g, items, out.path(), &opts).expect("batch runs");
    assert_eq!(report.failed, 0);
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for stem in &stems {
        let page = std::fs::read_to_string(out.path().join(format!("{stem}.review.html")))
            .expect("a review page per article");
        assert!(
            page.contains("no PDF was written"),
            "says why there is no preview"
        );
        assert!(
            index.contains(&format!("{stem}.review.html")),
            "index links {stem}"
        );
    }
}

/// A failing ISSN check digit is shown on the ISSN row, with the line it came from.
#[test]
fn metadata_warnings_sit_on_their_field() {
    let mut audit = Audit {
        input: "-".into(),
        ..Audit::default()
    };
    for (n, text) in ["标题", "ISSN 1009-9281"].iter().enumerate() {
        audit.lines.push(galley::audit::LineRecord {
            line: n + 3,
            fate: Fate::Kept,
            output_line: Some(n + 1),
            reason: None,
            text: (*text).into(),
        });
    }
    let mut article = galley::Article {
        title: Some("标题".into()),
        issn: Some("1009-9281".into()),
        ..Default::default()
    };
    article.provenance.insert(
        "ISSN".into(),
        galley::model::Provenance {
            lines: (2, 2),
            confidence: 0.6,
            origin: "text".into(),
            input_lines: None,
        },
    );
    article.warnings.push(galley::model::Warning {
        kind: "issn-check-digit".into(),
        message: "ISSN 1009-9281: the check digit should be X".into(),
        field: Some("ISSN".into()),
        line: Some(2),
    });
    let view = galley::review::ArticleView {
        stem: "a".into(),
        audit,
        article,
        clean_text: Ok("标题\nISSN 1009-9281\n".into()),
        jats_valid: Some(true),
        jats_error: None,
        preview_png: None,
        preview_note: None,
        has_pdf: false,
        has_xml: false,
    };
    let html = galley::review::article_page(&view);
    let row_start = html.find(r#"data-field="ISSN""#).expect("an ISSN row");
    let row = &html[row_start..row_start + html[row_start..].find("</tr>").unwrap()];
    assert!(row.contains("the check digit should be X"), "{row}");
    assert!(row.contains("issn-check-digit"));
    assert!(
        row.contains("input line 4"),
        "source line mapped to the input: {row}"
    );
    assert!(row.contains("60%"), "confidence shown");
    assert!(html[..row_start].ends_with(r#"<tr class="warn" "#));
}
