//! `galley issue` on the second test issue (城市治理评论 2018/3, six articles, Chinese and
//! English): the contents, the printed page numbers of the issue PDF and of every article PDF,
//! and the JATS fpage/lpage agree; an unchanged issue is not re-typeset; a change re-typesets
//! only the articles it moves.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// Text of one page of a PDF.
fn page_text(pdf: &Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The numbers printed in a page's running head (its first line).
fn head_numbers(text: &str) -> Vec<u32> {
    let head = text.lines().next().unwrap_or("");
    head.split(|c: char| !c.is_ascii_digit())
        .filter_map(|t| t.parse().ok())
        .collect()
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives the page count")
}

#[test]
fn contents_printed_numbers_and_jats_agree_and_rebuilds_are_incremental() {
    let issue = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("articles/city-governance-review/2018-03"),
        issue.path(),
    );
    let g = galley();

    let first = galley::issue::build_issue(&g, issue.path(), out.path()).expect("issue builds");
    assert_eq!(first.articles.len(), 6);
    assert_eq!(first.typeset, 7, "six articles and the issue PDF");

    // Pages follow each other from the issue's first page.
    let mut expected_start = 1;
    for a in &first.articles {
        assert_eq!(
            a.fpage,
            Some(expected_start),
            "{} starts where the previous one ended",
            a.stem
        );
        let lpage = a.lpage.unwrap();
        assert_eq!(lpage - a.fpage.unwrap() + 1, a.pages as u32);
        expected_start = lpage + 1;

        // JATS carries the same pages, and validates.
        let xml_path = out.path().join(format!("{}.xml", a.stem));
        xmllint_valid(&xml_path).unwrap_or_else(|e| panic!("{}: {e}", xml_path.display()));
        let jats = galley::jats::read(&std::fs::read_to_string(&xml_path).unwrap()).unwrap();
        assert_eq!(
            (jats.fpage, jats.lpage),
            (a.fpage, a.lpage),
            "{} JATS pages",
            a.stem
        );

        // The article's own PDF prints its page numbers.
        let pdf = out.path().join(format!("{}.pdf", a.stem));
        for p in 1..=a.pages {
            let n = a.fpage.unwrap() + p as u32 - 1;
            let nums = head_numbers(&page_text(&pdf, p));
            assert!(
                nums.contains(&n),
                "{} page {p} prints {n} in its head: {nums:?}",
                a.stem
            );
        }
    }

    // The issue PDF: cover, contents, then the articles with the same printed numbers.
    let issue_pdf = out.path().join("issue.pdf");
    let total: usize = first.articles.iter().map(|a| a.pages).sum();
    let front = pages(&issue_pdf) - total;
    assert_eq!(front, 2, "cover and one page of contents");
    let toc = squash(&page_text(&issue_pdf, 2));
    let mut physical = front + 1;
    for a in &first.articles {
        let title = squash(a.title.as_deref().unwrap());
        let at = toc
            .find(&title)
            .unwrap_or_else(|| panic!("contents list «{title}»"));
        let after = &toc[at + title.len()..];
        let printed: String = after
            .trim_start_matches('·')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(
            printed,
            a.fpage.unwrap().to_string(),
            "contents page number of {}",
            a.stem
        );
        for p in 0..a.pages {
            let n = a.fpage.unwrap() + p as u32;
            let nums = head_numbers(&page_text(&issue_pdf, physical + p));
            assert!(
                nums.contains(&n),
                "issue page {} prints {n}: {nums:?}",
                physical + p
            );
        }
        physical += a.pages;
    }

    // Unchanged: nothing is typeset.
    let second = galley::issue::build_issue(&g, issue.path(), out.path()).unwrap();
    assert_eq!((second.typeset, second.reused), (0, 7));

    // A small edit to article 4 keeps its length: only it and the issue PDF are redone.
    let a4 = issue.path().join("cgr-2018-03-04-grid-management.txt");
    let text = std::fs::read_to_string(&a4).unwrap();
    std::fs::write(&a4, text.replacen("。", "。 ", 1)).unwrap();
    let third = galley::issue::build_issue(&g, issue.path(), out.path()).unwrap();
    assert_eq!(
        (third.typeset, third.reused),
        (2, 5),
        "article 4 and the issue PDF"
    );

    // Article 2 grows by pages: it and every article after it move, the first does not.
    let a2 = issue.path().join("cgr-2018-03-02-micro-renewal.txt");
    let mut text = std::fs::read_to_string(&a2).unwrap();
    let para = "社区微更新需要居民、设计师和街道共同参与，在持续的对话中形成方案，并在实施之后继续评估与改进。".repeat(12);
    let cut = text.find("参考文献").unwrap_or(text.len());
    text.insert_str(cut, &format!("{para}\n{para}\n{para}\n{para}\n"));
    std::fs::write(&a2, text).unwrap();
    let fourth = galley::issue::build_issue(&g, issue.path(), out.path()).unwrap();
    assert!(
        fourth.articles[1].pages > first.articles[1].pages,
        "article 2 is longer"
    );
    assert_eq!(
        (fourth.typeset, fourth.reused),
        (6, 1),
        "articles 2–6 and the issue PDF"
    );
}
