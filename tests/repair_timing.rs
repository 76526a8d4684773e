//! Rough per-article timing (ignored; run with --ignored --nocapture).
use galley::repair::{Options, shared};

#[test]
#[ignore]
fn timing() {
    let sample: &[u8] =
        include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
    let clean = include_str!("fixtures/seed.clean.txt");
    let r = shared();
    let only_clean = std::env::var_os("CLEAN_ONLY").is_some();
    for (name, doc) in [("damaged", sample), ("clean", clean.as_bytes())] {
        if only_clean && name == "damaged" {
            continue;
        }
        let t = std::time::Instant::now();
        let n = if only_clean { 2000 } else { 20 };
        for _ in 0..n {
            std::hint::black_box(r.normalize("t", doc, &Options::default()));
        }
        let s = t.elapsed().as_secs_f64() / n as f64;
        println!(
            "{name}: {:.2} ms per article, {:.1} MB/s",
            s * 1e3,
            doc.len() as f64 / s / 1e6
        );
    }
}

#[test]
#[ignore]
fn init_time() {
    let t = std::time::Instant::now();
    let _r = galley::repair::Repairer::new();
    println!("Repairer::new {:?}", t.elapsed());
}
