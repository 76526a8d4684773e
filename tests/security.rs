//! Sandbox, XML and path tests, each asserting the exact failure.
//!
//! - Typst: every function that reads a file (`read`, `json`, `yaml`, `toml`, `csv`, `xml`,
//!   `cbor`, `image`, `include`, `import`, `plugin`) fails for absolute paths outside the
//!   styles folder, `..` escapes and symlinks out, and packages are unavailable; metadata and
//!   text in every field of the model are data (tests/typeset.rs covers title and paragraphs).
//! - XML: the writer escapes every field; `galley validate` (xmllint, which loads external
//!   entities and DTDs) refuses entity declarations and foreign DTDs before running it
//!   (tests/jats_security.rs covers the reader).
//! - Paths: an `issue.toml` cannot make galley read outside the issue folder (absolute paths,
//!   `..`, symlinks out, a style that is a path, a symlinked sidecar) or write outside the
//!   output folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use galley::Error;
use galley::issue::{Manifest, ManifestError};
use galley::jats::{self, JatsError};
use galley::model::Article;
use galley::pipeline::{Galley, Settings};
use galley::typeset::{FontOptions, Job, TypesetError, Typesetter};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> Article {
    serde_json::from_slice(&std::fs::read(repo().join("tests/fixtures/seed.json")).unwrap())
        .unwrap()
}

// ---- Typst sandbox ----------------------------------------------------------------------

/// A styles folder with a style `s` holding `ok.txt`, a symlink to a file outside
/// (`passwd-link`), a symlink to a folder outside (`etc-link`), next to a `secret.txt`
/// outside the styles folder.
struct Styles {
    _tmp: tempfile::TempDir,
    styles: PathBuf,
}

fn styles() -> Styles {
    let tmp = tempfile::tempdir().unwrap();
    let styles = tmp.path().join("styles");
    let s = styles.join("s");
    std::fs::create_dir_all(&s).unwrap();
    std::fs::write(s.join("ok.txt"), "inside").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "SECRET").unwrap();
    std::fs::write(s.join("profile.toml"), "[fonts]\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), s.join("passwd-link")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), s.join("out-link")).unwrap();
    }
    Styles { _tmp: tmp, styles }
}

/// Compiles `code` as the main file `s/<name>.typ` and returns the error text.
fn compile(ts: &Typesetter, dir: &Path, name: &str, code: &str) -> Result<(), String> {
    let main = format!("{name}.typ");
    std::fs::write(dir.join("s").join(&main), code).unwrap();
    let job = Job {
        style: "s",
        main: &main,
        data: vec![("/article.json".into(), b"{\"title\": \"T\"}".to_vec())],
        standards: vec![],
        date: None,
    };
    ts.compile(&job).map(|_| ()).map_err(|e| match e {
        TypesetError::Template(m) => m,
        e => format!("unexpected error kind: {e}"),
    })
}

#[test]
fn every_file_function_is_confined_to_the_styles_folder() {
    let st = styles();
    let ts = Typesetter::new(&st.styles, &FontOptions::from_env()).unwrap();
    let styles_real = st.styles.canonicalize().unwrap();
    // The in-memory data and a file of the style are readable.
    compile(&ts, &st.styles, "data", r#"#json("/article.json").title"#).unwrap();
    compile(&ts, &st.styles, "inside", r#"#read("ok.txt")"#).unwrap();
    let calls = [
        "read", "json", "yaml", "toml", "csv", "xml", "cbor", "image", "plugin",
    ];
    let mut n = 0;
    for f in calls {
        for (path, expect) in [
            // An absolute path is rooted at the styles folder: /etc/passwd is looked for there.
            (
                "/etc/passwd".to_string(),
                format!(
                    "file not found (searched at {})",
                    styles_real.join("etc/passwd").display()
                ),
            ),
            (
                "../../secret.txt".to_string(),
                r#"path `"../../secret.txt"` would escape the project root"#.to_string(),
            ),
            (
                "passwd-link".to_string(),
                "failed to load file (access denied)".to_string(),
            ),
            (
                "out-link/secret.txt".to_string(),
                "failed to load file (access denied)".to_string(),
            ),
        ] {
            n += 1;
            let code = format!("#{f}(\"{path}\")");
            let err = compile(&ts, &st.styles, &format!("case{n}"), &code)
                .expect_err(&format!("{code} must fail"));
            assert!(
                err.contains(&expect),
                "{code}: expected «{expect}», got «{err}»"
            );
            assert!(!err.contains("SECRET"), "{code} leaked the file: {err}");
        }
    }
    for (code, expect) in [
        (r#"#include "/etc/passwd""#, "file not found (searched at"),
        (
            r#"#include "../../secret.txt""#,
            r#"path `"../../secret.txt"` would escape the project root"#,
        ),
        (
            r#"#include "passwd-link""#,
            "failed to load file (access denied)",
        ),
        (
            r#"#import "out-link/secret.txt""#,
            "failed to load file (access denied)",
        ),
        (
            r#"#import "@preview/cetz:0.3.0""#,
            "packages are not available to galley templates",
        ),
        (
            r#"#import "@local/mine:0.1.0""#,
            "packages are not available to galley templates",
        ),
    ] {
        n += 1;
        let err = compile(&ts, &st.styles, &format!("case{n}"), code)
            .expect_err(&format!("{code} must fail"));
        assert!(
            err.contains(expect),
            "{code}: expected «{expect}», got «{err}»"
        );
    }
}

/// Walks a JSON value, replacing every string with `f(string)`.
fn map_strings(v: &mut serde_json::Value, f: &dyn Fn(&str) -> String) {
    match v {
        serde_json::Value::String(s) => *s = f(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| map_strings(x, f)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| map_strings(x, f)),
        _ => {}
    }
}

/// Typst code that, if it ever ran, would fail the compilation with a known message.
const TYPST_ATTACK: &str = r#"#panic("EXECUTED") #read("/etc/passwd") #include "template.typ" $ #panic("M") $ ] #{ panic("B") } <l> @l \ "#;

/// Every string of the model — metadata, authors, affiliations, references, sections — holding
/// Typst code: the article still compiles, so none of it ran.
#[test]
fn typst_code_in_every_field_of_the_model_is_data() {
    let mut v = serde_json::to_value(seed()).unwrap();
    let lang_fields = ["lang"];
    if let serde_json::Value::Object(o) = &mut v {
        for (k, x) in o.iter_mut() {
            if !lang_fields.contains(&k.as_str()) {
                map_strings(x, &|s| format!("{s}{TYPST_ATTACK}"));
            }
        }
    }
    let article: Article = serde_json::from_value(v).unwrap();
    let ts = Typesetter::new(&repo().join("styles"), &FontOptions::from_env()).unwrap();
    for style in ["zh-journal", "en-journal"] {
        let job = Job::article(style, &article);
        if let Err(e) = ts.compile(&job) {
            panic!("{style}: the hostile model must compile as text: {e}");
        }
    }
}

// ---- XML ----------------------------------------------------------------------------------

const XML_ATTACK: &str = "</p><script>x</script><!ENTITY e SYSTEM \"file:///etc/passwd\">&e;&amp;]]><![CDATA[<?pi?><!-- -->\"'";

/// Every string field of the model, markup in it: the written JATS has no element, entity,
/// CDATA section or processing instruction from the input, validates, and reads back equal.
#[test]
fn the_jats_writer_escapes_every_field() {
    let mut v = serde_json::to_value(seed()).unwrap();
    if let serde_json::Value::Object(o) = &mut v {
        for (k, x) in o.iter_mut() {
            if k != "lang" {
                map_strings(x, &|s| format!("{s}{XML_ATTACK}"));
            }
        }
    }
    let article: Article = serde_json::from_value(v).unwrap();
    let xml = jats::write(&article).unwrap();
    for bad in [
        "<script",
        "<!ENTITY",
        "&e;",
        "]]>",
        "<![CDATA[",
        "<?pi",
        "<!--",
    ] {
        assert!(!xml.contains(bad), "`{bad}` reached the XML");
    }
    assert_eq!(xml.matches("<!DOCTYPE").count(), 1);
    let back = jats::read(&xml).expect("the writer's output reads back");
    assert_eq!(back.title, article.title);
    assert_eq!(back.abstract_, article.abstract_);
    assert_eq!(back.keywords, article.keywords);
    assert_eq!(
        back.sections[0].paragraphs[0],
        article.sections[0].paragraphs[0]
    );
    assert_eq!(back.references[0].raw, article.references[0].raw);
    if let Err(e) = jats::validate_str(&xml, "attack.xml") {
        panic!("{e}");
    }
}

/// `galley validate` hands files to xmllint, which would load `SYSTEM` entities and DTDs:
/// galley refuses them first, and the file's content never appears.
#[test]
fn validation_refuses_external_entities_and_foreign_dtds() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "root:SECRET-LINE\n").unwrap();
    let s = secret.display();
    let xxe = dir.path().join("xxe.xml");
    std::fs::write(
        &xxe,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"{}\" \"x.dtd\" [\n<!ENTITY xxe SYSTEM \"file://{s}\">\n]>\n<article>&xxe;</article>\n",
            jats::PUBLIC_ID
        ),
    )
    .unwrap();
    let err = jats::validate(&xxe).expect_err("entity declaration");
    assert!(
        matches!(&err, JatsError::EntityDeclaration { name, line: 3, column: 1 } if name == "xxe"),
        "{err:?}"
    );
    let foreign = dir.path().join("foreign.xml");
    std::fs::write(
        &foreign,
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE article SYSTEM \"{s}\">\n<article/>\n"),
    )
    .unwrap();
    let err = jats::validate(&foreign).expect_err("foreign DTD");
    assert!(
        matches!(&err, JatsError::NotJats { line: 2, column: 1, message } if message.starts_with("the DOCTYPE names an external DTD other than JATS Journal Publishing 1.3")),
        "{err:?}"
    );
    let err = jats::validate_str(
        &format!("<!DOCTYPE article PUBLIC \"-//evil//EN\" \"{s}\"><article/>"),
        "stdin.xml",
    )
    .expect_err("foreign public id");
    assert!(matches!(err, JatsError::NotJats { line: 1, .. }), "{err:?}");
    // Through the command line: exit 1, the reason, and never the secret.
    for f in [&xxe, &foreign] {
        let out = Command::new(env!("CARGO_BIN_EXE_galley"))
            .arg("validate")
            .arg(f)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            !stderr.contains("SECRET") && !stdout.contains("SECRET"),
            "{stderr}"
        );
    }
}

// ---- Paths ----------------------------------------------------------------------------------

/// `root/issue/` (with `a.txt`, `sub/b.txt`, symlinks out) beside `root/secret.txt` and
/// `root/outside/`.
fn issue_folder() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    std::fs::create_dir_all(issue.join("sub")).unwrap();
    std::fs::create_dir_all(tmp.path().join("outside")).unwrap();
    let sample = repo().join("articles/shanghai-party-history/2010-04");
    let text = std::fs::read(sample.join("000_5be31ac09607f27d.txt")).unwrap();
    std::fs::write(issue.join("a.txt"), &text).unwrap();
    std::fs::write(issue.join("sub/b.txt"), &text).unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "SECRET").unwrap();
    std::fs::write(tmp.path().join("outside/c.txt"), "c").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(tmp.path().join("secret.txt"), issue.join("link.txt")).unwrap();
        symlink(tmp.path().join("outside"), issue.join("dir-link")).unwrap();
        symlink("a.txt", issue.join("inner-link.txt")).unwrap();
    }
    (tmp, issue)
}

const HEAD: &str = "[journal]\ntitle = \"T\"\n[issue]\nyear = 2010\nnumber = 4\n";

fn manifest_with(files: &[&str]) -> String {
    let mut s = HEAD.to_string();
    for f in files {
        s.push_str(&format!("[[articles]]\nfile = {f:?}\n"));
    }
    s
}

#[test]
fn manifest_paths_cannot_leave_the_issue_folder() {
    let (_tmp, issue) = issue_folder();
    let toml = issue.join("issue.toml");
    let m = Manifest::parse(&manifest_with(&[]), &toml).unwrap();
    let root = issue.canonicalize().unwrap();
    assert_eq!(m.resolve(&issue, "a.txt").unwrap(), root.join("a.txt"));
    assert_eq!(
        m.resolve(&issue, "./sub/b.txt").unwrap(),
        root.join("sub/b.txt")
    );
    assert_eq!(
        m.resolve(&issue, "inner-link.txt").unwrap(),
        root.join("a.txt")
    );
    let absolute = "is an absolute path; give it relative to the issue folder";
    let dotdot = "leaves the issue folder (`..`); keep inputs inside it";
    let symlink = "is a symlink that points outside the issue folder";
    let missing = "does not exist in the issue folder";
    for (file, why) in [
        ("/etc/passwd", absolute),
        ("\\\\server\\share\\x.txt", absolute),
        ("../secret.txt", dotdot),
        ("sub/../../secret.txt", dotdot),
        ("sub/../a.txt", dotdot),
        ("link.txt", symlink),
        ("dir-link/c.txt", symlink),
        ("nope.txt", missing),
        ("a.txt\0/etc/passwd", missing),
    ] {
        let err = m.resolve(&issue, file).expect_err(file);
        match &err {
            ManifestError::BadPath {
                path,
                file: f,
                why: w,
            } => {
                assert_eq!((path, f.as_str(), *w), (&toml, file, why), "{file}");
            }
            e => panic!("{file}: {e:?}"),
        }
        assert_eq!(
            err.to_string(),
            format!("{}: article `{file}` {why}", toml.display())
        );
    }
}

#[test]
fn styles_are_folder_names_not_paths() {
    let toml = Path::new("issue.toml");
    for style in ["../../etc", "/", "a/b", "..", ".", "", "x\\y"] {
        let text = format!(
            "[journal]\ntitle = \"T\"\nstyle = {style:?}\n[issue]\nyear = 2010\nnumber = 4\n"
        );
        let err = Manifest::parse(&text, toml).expect_err(style);
        assert_eq!(
            err.to_string(),
            format!(
                "issue.toml: style `{style}` is not a folder name under styles/ (use letters, digits, `-`, `_`, `.`)"
            )
        );
        let text = format!("{HEAD}[[articles]]\nfile = \"a.txt\"\nstyle = {style:?}\n");
        assert!(matches!(
            Manifest::parse(&text, toml),
            Err(ManifestError::BadStyle { style: s, .. }) if s == style
        ));
    }
    for style in ["zh-journal", "en_journal.v2"] {
        let text = format!(
            "[journal]\ntitle = \"T\"\nstyle = {style:?}\n[issue]\nyear = 2010\nnumber = 4\n"
        );
        Manifest::parse(&text, toml).unwrap();
    }
    // The typesetter refuses a style path as well (`--style ../x`).
    let ts = Typesetter::new(&repo().join("styles"), &FontOptions::from_env()).unwrap();
    let err = ts.check_style("../styles/zh-journal").unwrap_err();
    assert!(matches!(err, TypesetError::NoStyle { .. }), "{err:?}");
}

fn no_pdf_galley() -> Galley {
    Galley::new(Settings {
        styles: repo().join("styles"),
        no_pdf: true,
        ..Settings::default()
    })
}

/// Every file under `dir`, relative.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn an_issue_reads_only_its_folder_and_writes_only_the_output_folder() {
    let (tmp, issue) = issue_folder();
    let g = no_pdf_galley();
    let out = tmp.path().join("out");
    let before_issue = tree(&issue);
    let before_root = tree(tmp.path());
    // An article outside: refused with the manifest's error, naming the file.
    for (file, why) in [
        (
            "../secret.txt",
            "leaves the issue folder (`..`); keep inputs inside it",
        ),
        (
            "link.txt",
            "is a symlink that points outside the issue folder",
        ),
        (
            "/etc/passwd",
            "is an absolute path; give it relative to the issue folder",
        ),
    ] {
        std::fs::write(issue.join("issue.toml"), manifest_with(&[file])).unwrap();
        let err = galley::issue::build_issue(&g, &issue, &out).expect_err(file);
        assert!(
            matches!(&err, Error::Manifest(ManifestError::BadPath { file: f, why: w, .. }) if f == file && *w == why),
            "{file}: {err:?}"
        );
    }
    assert!(!out.exists(), "nothing written for a refused issue");
    // Articles in subfolders: outputs are named by file stem, flat in the output folder.
    std::fs::write(
        issue.join("issue.toml"),
        manifest_with(&["a.txt", "sub/b.txt"]),
    )
    .unwrap();
    galley::issue::build_issue(&g, &issue, &out).unwrap();
    let mut expected: Vec<String> = ["a", "b"]
        .iter()
        .flat_map(|s| {
            ["audit.json", "json", "xml", "review.html"]
                .iter()
                .map(move |e| format!("{s}.{e}"))
        })
        .collect();
    expected.extend([
        ".galley-cache.json".to_string(),
        "issue.json".to_string(),
        "index.html".to_string(),
    ]);
    expected.sort();
    assert_eq!(tree(&out), expected);
    // Nothing else changed: the issue folder (but its manifest) and the folder around it.
    let mut after_issue = tree(&issue);
    after_issue.retain(|f| f != "issue.toml");
    assert_eq!(after_issue, before_issue);
    let mut after_root = tree(tmp.path());
    after_root.retain(|f| !f.starts_with("out/") && f != "issue/issue.toml");
    assert_eq!(after_root, before_root);
}

/// A sidecar `<stem>.meta.toml` that is a symlink is not read (it could point anywhere, and
/// TOML errors quote the offending line).
#[test]
fn a_symlinked_sidecar_is_not_read() {
    let (tmp, issue) = issue_folder();
    std::fs::write(tmp.path().join("secret.toml"), "title = \"SECRET\"\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("secret.toml"), issue.join("a.meta.toml")).unwrap();
    let g = no_pdf_galley();
    let input = galley::pipeline::Input::File(issue.join("a.txt"));
    let bytes = input.read().unwrap();
    let (article, _, _) = g.analyse(&input, &bytes).unwrap();
    assert_ne!(article.title.as_deref(), Some("SECRET"));
    // A regular sidecar is applied.
    std::fs::remove_file(issue.join("a.meta.toml")).unwrap();
    std::fs::write(issue.join("a.meta.toml"), "title = \"Edited\"\n").unwrap();
    let (article, _, _) = g.analyse(&input, &bytes).unwrap();
    assert_eq!(article.title.as_deref(), Some("Edited"));
}

/// The issue's metadata from `issue.toml` (journal, sections) reaches the issue PDF as data
/// too: Typst code in it does not run (it would panic the compilation).
#[test]
fn typst_code_in_the_issue_manifest_is_data() {
    let (tmp, issue) = issue_folder();
    let q = |prefix: &str| toml::Value::String(format!("{prefix}{TYPST_ATTACK}")).to_string();
    std::fs::write(
        issue.join("issue.toml"),
        format!(
            "[journal]\ntitle = {}\npublisher = {}\n[issue]\nyear = 2010\nnumber = 4\nvolume = {}\n[[articles]]\nfile = \"a.txt\"\nsection = {}\n",
            q("J"),
            q("P"),
            q("V"),
            q("S")
        ),
    )
    .unwrap();
    let g = Galley::new(Settings {
        styles: repo().join("styles"),
        ..Settings::default()
    });
    let out = tmp.path().join("out");
    let summary = galley::issue::build_issue(&g, &issue, &out)
        .unwrap_or_else(|e| panic!("hostile issue metadata must typeset as text: {e}"));
    let pdf = summary.issue_pdf.expect("an issue PDF");
    // Printed literally (the journal title is on the cover and in the running heads).
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by make setup)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("EXECUTED"), "{text}");
}
