//! End to end on the sample issue: every output is written, every JATS file validates against
//! the 1.3 DTD, and the text read back from every PDF holds the title and the first paragraph.

mod common;

use common::*;

#[test]
fn sample_issue_builds_validates_and_reads_back() {
    let out = tempfile::tempdir().unwrap();
    let g = galley();
    let summary =
        galley::issue::build_issue(&g, &sample_issue(), out.path()).expect("issue builds");
    assert_eq!(summary.articles.len(), 1);

    let reference: galley::Article =
        serde_json::from_str(include_str!("fixtures/seed.json")).unwrap();
    let title = reference.title.clone().unwrap();
    let first_paragraph = reference.sections[0].paragraphs[0].clone();

    for entry in &summary.articles {
        let stem = out.path().join(&entry.stem);
        for ext in ["pdf", "xml", "json", "audit.json"] {
            let p = stem.with_extension(ext);
            assert!(p.is_file(), "{} written", p.display());
        }
        let xml = stem.with_extension("xml");
        if let Err(e) = xmllint_valid(&xml) {
            panic!("{} is not valid JATS 1.3:\n{e}", xml.display());
        }
        let text = squash(&pdftotext(&stem.with_extension("pdf")));
        assert!(
            text.contains(&squash(&title)),
            "PDF text holds the title «{title}»"
        );
        // The first paragraph, up to the first lost character (marked, not guessed).
        let lead = squash(&first_paragraph);
        let lead: String = lead.chars().take(60).collect();
        assert!(
            text.contains(&lead),
            "PDF text holds the first paragraph «{lead}…»"
        );
        assert_eq!(entry.fpage, Some(45), "the sample starts on page 45");
        assert_eq!(
            entry.lpage,
            Some(47),
            "and ends on 47, as its article number says"
        );

        // The two digits the damage destroyed are marked, listed, and visible in the PDF.
        let audit: galley::Audit =
            serde_json::from_slice(&std::fs::read(stem.with_extension("audit.json")).unwrap())
                .unwrap();
        let lost = audit.count(galley::audit::Kind::LostCharacter);
        assert_eq!(lost, 2, "two lost characters in the audit");
        let pdf_text = pdftotext(&stem.with_extension("pdf"));
        assert_eq!(
            pdf_text.matches('〓').count(),
            2,
            "two lost-character marks in the PDF"
        );
    }
    let issue_pdf = out.path().join("issue.pdf");
    assert!(issue_pdf.is_file(), "the issue PDF is written");
    assert!(
        squash(&pdftotext(&issue_pdf)).contains("目次"),
        "with its contents page"
    );
    {}
}
