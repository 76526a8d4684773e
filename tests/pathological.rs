//! Pathological inputs (as comrak's tests/pathological.rs): every one ends with a result or a
//! clear error within a time bound the harness enforces, and memory stays bounded.
//!
//! Each case runs the library chain (decode → repair → extract → JATS) on a worker thread and
//! fails if it takes longer than its bound. The bounds are about 10× what the case takes on
//! the two-core development machine in release mode, so a slow CI machine does not flake, but
//! a quadratic (or worse) path is caught. Every case also checks the nothing-lost accounting.
//! The memory cases run the `galley` binary under `ulimit -v`, so an unbounded allocation
//! fails the test instead of the machine.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use galley::pipeline::{DEFAULT_MAX_INPUT, Input, MAX_INPUT_VAR, parse_size};

mod fuzz_checks;

/// The dictionaries and models load once per process; not part of any case's time.
fn warm() {
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        galley::repair::shared();
    });
}

/// Runs `f` on a worker thread; panics if it does not finish within `secs` or if it panics.
fn bounded<T: Send + 'static>(name: &str, secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    warm();
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name(name.into())
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => {
            eprintln!("{name}: {:.2?}", start.elapsed());
            v
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: not finished within {secs} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: panicked"),
    }
}

/// What the whole chain gave for one input.
struct Outcome {
    clean: String,
    lines: usize,
    jats: String,
}

/// decode → repair → extract → JATS, checking the line accounting on the way.
fn chain(name: &str, secs: u64, bytes: Vec<u8>) -> Outcome {
    bounded(name, secs, move || {
        let n = galley::repair::shared().normalize("pathological", &bytes, &Default::default());
        if let Err(why) = fuzz_checks::lines_accounted(&bytes, &n) {
            panic!("lines not accounted for: {why}");
        }
        let article = galley::extract::extract(&n.text);
        let jats = galley::jats::write(&article).expect("JATS writer");
        galley::jats::read(&jats).expect("the writer's output reads back");
        Outcome {
            lines: n.audit.lines.len(),
            clean: n.text,
            jats,
        }
    })
}

const SENTENCE: &str = "社区党组织在建设文明和谐社区中应该起到领导核心的作用。";

#[test]
fn empty_file() {
    let o = chain("empty", 10, Vec::new());
    assert_eq!((o.clean.as_str(), o.lines), ("", 0));
    assert!(o.jats.contains("<article"), "{}", o.jats);
}

#[test]
fn one_huge_line_without_newline() {
    let mut text = SENTENCE.repeat(10_000_000 / SENTENCE.len() + 1);
    text.truncate(text.floor_char_boundary(10_000_000));
    let len = text.len();
    let o = chain("10 MB line", 120, text.into_bytes());
    assert_eq!(o.lines, 1);
    assert_eq!(o.clean.len(), len + 1, "kept whole, with a final newline");
}

#[test]
fn one_huge_line_with_damage_signals() {
    // `?` and ASCII brackets send the line through the garble and pinyin passes.
    let unit = "社区?党组织在建?设文明和(谐社)区中应该?起到领导核心的作用。";
    // 4 MB: about 14 s on the development machine; before the garble pass's byte offsets
    // became a prefix sum it was quadratic here (over 100 s).
    let text = unit.repeat(4_000_000 / unit.len());
    let o = chain("4 MB damaged line", 120, text.into_bytes());
    assert_eq!(o.lines, 1);
}

#[test]
fn a_hundred_thousand_lines() {
    let text: String = (0..100_000)
        .map(|i| format!("第{i}段：{SENTENCE}\n"))
        .collect();
    let o = chain("100k lines", 120, text.into_bytes());
    assert_eq!(o.lines, 100_000);
}

#[test]
fn deeply_nested_brackets() {
    let mut text = String::new();
    for (open, close) in [
        ("(", ")"),
        ("（", "）"),
        ("[", "]"),
        ("《", "》"),
        ("【", "】"),
    ] {
        text.push_str(&open.repeat(50_000));
        text.push('中');
        text.push_str(&close.repeat(50_000));
        text.push('\n');
    }
    // Unbalanced too.
    text.push_str(&"(中".repeat(50_000));
    text.push('\n');
    let o = chain("nested brackets", 60, text.into_bytes());
    assert_eq!(o.lines, 6);
}

#[test]
fn invalid_utf8_random_bytes() {
    // A fixed pseudo-random sequence (xorshift), so the test is reproducible.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..1_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    chain("1 MB random bytes", 120, bytes);
}

#[test]
fn invalid_utf8_sequences() {
    let mut bytes = Vec::new();
    for _ in 0..20_000 {
        bytes.extend_from_slice(SENTENCE.as_bytes());
        // Truncated sequence, lone continuation bytes, overlong and surrogate encodings, 0xFF.
        bytes.extend_from_slice(&[0xE4, 0xB8, b' ', 0x80, 0xBF, 0xC0, 0xAF, 0xED, 0xA0, 0x80]);
        bytes.extend_from_slice(&[0xFF, 0xFE, b'\n']);
    }
    chain("invalid UTF-8", 120, bytes);
}

#[test]
fn mixed_encodings_line_by_line() {
    let (gbk, _, _) = encoding_rs::GB18030.encode(SENTENCE);
    let (big5, _, _) =
        encoding_rs::BIG5.encode("社區黨組織在建設文明和諧社區中應該起到領導核心的作用。");
    let mut bytes = Vec::new();
    for _ in 0..3_000 {
        bytes.extend_from_slice(SENTENCE.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&gbk);
        bytes.push(b'\n');
        bytes.extend_from_slice(&big5);
        bytes.push(b'\n');
        bytes.extend_from_slice("UTF-16: ".as_bytes());
        bytes.extend(SENTENCE.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.push(b'\n');
    }
    let o = chain("mixed encodings", 120, bytes);
    assert!(o.lines >= 12_000, "{}", o.lines);
}

#[test]
fn all_question_marks() {
    chain("1 MB of `?`", 60, vec![b'?'; 1_000_000]);
    let o = chain(
        "`?` lines",
        60,
        b"???????????????????????????\n".repeat(20_000),
    );
    assert_eq!(o.lines, 20_000);
    // Mostly question marks between Chinese characters: the garble search's worst case.
    let line = "社?".repeat(40) + "\n";
    chain("`?` between Han", 120, line.repeat(2_000).into_bytes());
}

#[test]
fn all_pinyin_annotations() {
    let line = "中(zhōng)国(guó)人(rén)民(mín)".repeat(20) + "\n";
    let o = chain("pinyin annotations", 120, line.repeat(5_000).into_bytes());
    assert!(!o.clean.contains("(zhōng)"), "annotations are removed");
    // Annotations alone, without the characters they read.
    chain(
        "bare annotations",
        60,
        "(zhōng)(guó)(rén)".repeat(50_000).into_bytes(),
    );
}

#[test]
fn alternating_scripts() {
    let line = "中a國b日ひ한k體Я".repeat(200) + "\n";
    let o = chain("alternating scripts", 120, line.repeat(2_000).into_bytes());
    assert_eq!(o.lines, 2_000);
}

#[test]
fn nul_bytes() {
    let o = chain("1 MB of NUL", 60, vec![0u8; 1_000_000]);
    assert!(!o.clean.contains('\0'));
    assert!(!o.jats.contains('\0'));
    let o = chain(
        "NULs between characters",
        60,
        "中文\0abc\0\0".repeat(100_000).into_bytes(),
    );
    assert!(!o.clean.contains('\0'));
}

// ---- size limit -------------------------------------------------------------------------

/// A 1 GiB sparse file: refused from its length before any byte is read.
#[test]
fn a_gigabyte_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let input = Input::File(path.clone());
    let err = bounded("1 GiB sparse file", 5, move || input.read_limited(64 << 20))
        .expect_err("a 1 GiB input must be refused");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: input is 1073741824 bytes, over the limit of 67108864 bytes; split it, or raise the limit with GALLEY_MAX_INPUT=BYTES",
            path.display()
        )
    );
}

#[test]
fn the_limit_is_exact_and_configurable() {
    assert_eq!(DEFAULT_MAX_INPUT, 64 << 20);
    assert_eq!(MAX_INPUT_VAR, "GALLEY_MAX_INPUT");
    assert_eq!(parse_size("1048576"), Some(1 << 20));
    assert_eq!(parse_size("512K"), Some(512 << 10));
    assert_eq!(parse_size("64M"), Some(64 << 20));
    assert_eq!(parse_size("2g"), Some(2 << 30));
    assert_eq!(parse_size("lots"), None);
    assert_eq!(parse_size("99999999999999G"), None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, [b'a'; 100]).unwrap();
    let input = Input::File(path);
    assert_eq!(input.read_limited(100).unwrap().len(), 100);
    let err = input.read_limited(99).unwrap_err();
    assert!(
        err.to_string()
            .ends_with(": input is 100 bytes, over the limit of 99 bytes; split it, or raise the limit with GALLEY_MAX_INPUT=BYTES"),
        "{err}"
    );
}

fn galley_bin() -> &'static str {
    env!("CARGO_BIN_EXE_galley")
}

/// Runs the binary under a virtual-memory limit (KiB) and a time bound; returns
/// (exit code, stderr, elapsed).
fn run_limited(
    args: &[&Path],
    envs: &[(&str, &str)],
    stdin: Option<&Path>,
    mem_kib: u64,
    secs: u64,
) -> (Option<i32>, String, Duration) {
    let mut script = format!("ulimit -v {mem_kib}; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    if stdin.is_some() {
        script.push_str(" < \"$GALLEY_TEST_STDIN\"");
    }
    let mut cmd = Command::new("timeout");
    cmd.arg(secs.to_string())
        .arg("sh")
        .arg("-c")
        .arg(script)
        .arg(galley_bin())
        .args(args);
    if let Some(s) = stdin {
        cmd.env("GALLEY_TEST_STDIN", s);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let out = cmd.output().expect("run galley");
    let elapsed = start.elapsed();
    assert_ne!(
        out.status.code(),
        Some(124),
        "galley {args:?} did not finish in {secs} s"
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed,
    )
}

/// The command line refuses a 1 GiB file with exit code 1 and the message, fast and within
/// 1 GiB of address space (it never tries to hold the file).
#[test]
fn cli_refuses_a_gigabyte_file_and_stdin_stream() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let out = dir.path().join("out.txt");
    let args: [&Path; 4] = [Path::new("normalize"), &path, Path::new("-o"), &out];
    let (code, stderr, _) = run_limited(&args, &[], None, 1 << 20, 30);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: input is 1073741824 bytes, over the limit of 67108864 bytes",
            path.display()
        )),
        "{stderr}"
    );
    assert!(!out.exists());
    // Standard input has no length: it is read up to the limit, then refused.
    let args: [&Path; 2] = [Path::new("normalize"), Path::new("-")];
    let (code, stderr, _) = run_limited(&args, &[(MAX_INPUT_VAR, "1M")], Some(&path), 1 << 20, 30);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "-: input is more than 1048576 bytes, over the limit of 1048576 bytes; split it, or raise the limit with GALLEY_MAX_INPUT=BYTES"
        ),
        "{stderr}"
    );
}

/// The 10 MB line through the binary stays within a bounded address space.
#[test]
fn cli_memory_stays_bounded_on_a_10_mb_line() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("line.txt");
    std::fs::write(&path, SENTENCE.repeat(10_000_000 / SENTENCE.len())).unwrap();
    let out = dir.path().join("out.txt");
    let audit = dir.path().join("audit.json");
    let args: [&Path; 6] = [
        Path::new("normalize"),
        &path,
        Path::new("-o"),
        &out,
        Path::new("--audit"),
        &audit,
    ];
    // 2 GiB of address space for a 10 MB input (the dictionaries take a few hundred MB).
    let (code, stderr, elapsed) = run_limited(&args, &[], None, 2 << 20, 300);
    assert_eq!(code, Some(0), "{stderr}");
    eprintln!("10 MB line through the CLI: {elapsed:.2?}");
    assert!(std::fs::metadata(&out).unwrap().len() >= 9_999_000);
}

/// A device or pipe has no length: it is read up to the limit and refused, never endlessly.
#[cfg(unix)]
#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    let input = Input::File(PathBuf::from("/dev/zero"));
    let err = bounded("/dev/zero", 10, move || input.read_limited(1 << 20))
        .expect_err("an endless input must be refused");
    assert_eq!(
        err.to_string(),
        "/dev/zero: input is more than 1048576 bytes, over the limit of 1048576 bytes; split it, or raise the limit with GALLEY_MAX_INPUT=BYTES"
    );
}
