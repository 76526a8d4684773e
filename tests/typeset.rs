//! Typesetting: the sample's PDF carries every paragraph, embedded fonts, PDF/A-2b and its
//! metadata; article text never runs as Typst code; templates cannot read outside `styles/`;
//! page 1 still looks like the reference images in tests/reference/.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use galley::Article;
use galley::typeset::{FontOptions, Typesetter};

fn typesetter() -> Typesetter {
    Typesetter::new(&repo().join("styles"), &FontOptions::from_env()).expect("styles and fonts")
}

fn seed() -> Article {
    serde_json::from_str(include_str!("fixtures/seed.json")).unwrap()
}

fn english() -> Article {
    serde_json::from_str(include_str!("fixtures/en-article.json")).unwrap()
}

fn render_to(dir: &Path, name: &str, article: &Article, style: &str) -> std::path::PathBuf {
    let r = typesetter().article_pdf(article, style).expect("renders");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &r.pdf).unwrap();
    path
}

fn run(cmd: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(cmd)
        .args(args)
        .arg(path)
        .output()
        .unwrap_or_else(|_| panic!("{cmd} is installed (make setup)"));
    assert!(out.status.success(), "{cmd} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_paragraph_of_the_sample_comes_back_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let a = seed();
    let pdf = render_to(dir.path(), "seed", &a, "zh-journal");
    let text = squash(&pdf_body_text(&pdf));
    // The first-page footnote (affiliation) is read where it sits, at the foot of page 1,
    // inside whatever paragraph runs there: check it, then take it out of the reading order.
    let footnote = squash("作者简介：熊玉清、潘海英，中共上海市浦东新区党校。");
    assert!(text.contains(&footnote), "affiliation footnote on page 1");
    let text = text.replacen(&footnote, "", 1);
    let mut at = 0;
    let mut checked = 0;
    let mut pieces: Vec<String> = vec![a.title.clone().unwrap(), a.abstract_.clone().unwrap()];
    for s in &a.sections {
        if let Some(t) = &s.title {
            pieces.push(t.clone());
        }
        pieces.extend(s.paragraphs.iter().cloned());
    }
    pieces.extend(a.references.iter().map(|r| r.raw.clone()));
    for piece in pieces {
        let p = squash(&piece);
        match text[at..].find(&p) {
            Some(i) => at += i + p.len(),
            None => panic!("not found in order in the PDF text: «{piece}»"),
        }
        checked += 1;
    }
    assert!(checked > 20, "the sample has more than 20 text blocks");
}

#[test]
fn fonts_are_embedded_and_the_pdf_is_pdfa_2b_with_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let a = seed();
    let pdf = render_to(dir.path(), "seed", &a, "zh-journal");

    let fonts = run("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "CJK and Latin fonts used:\n{fonts}");
    for row in &rows {
        // Columns: name type encoding emb sub uni ...; `emb` and `sub` must be yes.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
    assert!(
        fonts.contains("NotoSerifCJK"),
        "body in Noto Serif CJK:\n{fonts}"
    );
    assert!(
        fonts.contains("LXGWWenKai"),
        "authors and abstract in LXGW WenKai:\n{fonts}"
    );

    let xmp = run("pdfinfo", &["-meta"], &pdf);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A part 2:\n{xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "conformance B"
    );
    assert!(
        xmp.contains("<rdf:li>zh-CN</rdf:li>"),
        "language in the metadata"
    );

    let info = run("pdfinfo", &[], &pdf);
    assert!(
        info.contains(a.title.as_deref().unwrap()),
        "title in metadata:\n{info}"
    );
    assert!(
        info.contains("熊玉清") && info.contains("潘海英"),
        "authors in metadata:\n{info}"
    );
    assert!(info.contains("社区党建"), "keywords in metadata");
    assert!(
        info.contains("Pages:           3"),
        "the sample fills pages 45–47:\n{info}"
    );
}

#[test]
fn article_text_is_data_never_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = seed();
    let hostile = r#"#read("/etc/passwd") #include "article.typ" $x^2$ *b* _i_ `c` @ref <lbl> \ #let x = 1 ]"#;
    a.title = Some(hostile.to_string());
    a.sections[0].paragraphs[0] = format!("{hostile} #image(\"/etc/hosts\")");
    let pdf = render_to(dir.path(), "hostile", &a, "zh-journal");
    let text = squash(&pdftotext(&pdf));
    assert!(text.contains(&squash(hostile)), "printed literally: {text}");
    assert!(!text.contains("root:x:0"), "nothing was read");
}

#[test]
fn templates_cannot_read_outside_the_styles_folder() {
    let styles = tempfile::tempdir().unwrap();
    let style = styles.path().join("evil");
    std::fs::create_dir_all(&style).unwrap();
    std::fs::write(style.join("profile.toml"), "[fonts]\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", style.join("etc-link")).unwrap();
    let a = seed();
    for (code, expect) in [
        (r#"#read("/etc/passwd")"#, "file not found"),
        (
            r#"#read("../../../../etc/passwd")"#,
            "would escape the project root",
        ),
        (r#"#read("etc-link/passwd")"#, "access denied"),
        (r#"#import "@preview/cetz:0.3.0""#, "package"),
        (r#"#json("/article.json").title"#, ""),
    ] {
        std::fs::write(style.join("template.typ"), code).unwrap();
        // A fresh typesetter each time: templates are cached for the life of one.
        let ts = Typesetter::new(styles.path(), &FontOptions::from_env()).unwrap();
        let r = ts.article_pdf(&a, "evil");
        if expect.is_empty() {
            assert!(r.is_ok(), "the in-memory article is readable: {r:?}");
        } else {
            let e = r.expect_err(code).to_string().to_lowercase();
            assert!(e.contains(expect), "{code}: expected «{expect}», got «{e}»");
        }
    }
}

#[test]
fn missing_cjk_font_names_the_package() {
    let styles = tempfile::tempdir().unwrap();
    let style = styles.path().join("s");
    std::fs::create_dir_all(&style).unwrap();
    std::fs::write(style.join("template.typ"), "x").unwrap();
    std::fs::write(
        style.join("profile.toml"),
        "[fonts]\nsong = \"Noto Serif CJK XX\"\n",
    )
    .unwrap();
    let ts = Typesetter::new(styles.path(), &FontOptions::default()).unwrap();
    let e = ts.article_pdf(&seed(), "s").unwrap_err().to_string();
    assert!(e.contains("fonts-noto-cjk"), "{e}");
}

/// pdftoppm rendering page 1 in grey at 40 dpi to `<prefix>.png` (prefix and PDF to add).
fn page1_png_command() -> Command {
    let mut c = Command::new("pdftoppm");
    c.args([
        "-r",
        "40",
        "-gray",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
    ]);
    c
}

/// Grey pixels of page 1 at 40 dpi.
fn page1_gray(pdf: &Path, dir: &Path) -> (u32, u32, Vec<u8>) {
    let prefix = dir.join("page");
    let st = page1_png_command()
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm is installed");
    assert!(st.success());
    decode_png(&prefix.with_extension("png"))
}

fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let gray: Vec<u8> = match info.color_type {
        png::ColorType::Grayscale => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .map(|p| ((p[0] as u32 + p[1] as u32 + p[2] as u32) / 3) as u8)
            .collect(),
        png::ColorType::Rgba => buf
            .chunks(4)
            .map(|p| ((p[0] as u32 + p[1] as u32 + p[2] as u32) / 3) as u8)
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, gray)
}

/// Page 1 compared with the reference image; `UPDATE_REFERENCE=1` rewrites the reference.
fn compare_page1(name: &str, article: &Article, style: &str) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = render_to(dir.path(), name, article, style);
    let reference = repo().join(format!("tests/reference/{name}-page1.png"));
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        let st = page1_png_command()
            .arg(&pdf)
            .arg(reference.with_extension(""))
            .status()
            .unwrap();
        assert!(st.success());
    }
    let (w, h, now) = page1_gray(&pdf, dir.path());
    let (rw, rh, want) = decode_png(&reference);
    assert_eq!((w, h), (rw, rh), "page size changed");
    let diff: u64 = now
        .iter()
        .zip(&want)
        .map(|(a, b)| a.abs_diff(*b) as u64)
        .sum();
    let mean = diff as f64 / now.len() as f64;
    // Anti-aliasing differences between machines stay far below 1 grey level on average;
    // a moved block or changed font goes well above it.
    assert!(
        mean < 1.5,
        "page 1 of {name} differs from {}: mean |Δ| = {mean:.2}",
        reference.display()
    );
}

#[test]
fn sample_page1_matches_the_reference_image() {
    compare_page1("sample", &seed(), "zh-journal");
}

#[test]
fn english_page1_matches_the_reference_image() {
    compare_page1("english", &english(), "en-journal");
}
