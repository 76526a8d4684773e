//! The text stages one by one (issue 9), on the sample and on 10 MiB of article text:
//!
//! - `decode`: bytes → text (encoding detection included) of the damaged sample page;
//! - `extract`: clean text → article model, on `seed.clean.txt`;
//! - `jats-write`: article model → JATS XML, on `seed.json`;
//! - `jats-read`: JATS XML → article model, on the sample's JATS.
//!
//! Each stage runs once on one article (`<stage>/article`) and over as many separate articles
//! as make up 10 MiB of its input (`<stage>/10MiB`); throughput is in input bytes. Normalise
//! and PDF have their own benches (`normalize`, `typeset`).
//!
//!     cargo bench --bench stages            (BENCH_QUICK=1 for a shorter run)

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galley::Article;

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
const CLEAN: &str = include_str!("../tests/fixtures/seed.clean.txt");
const SEED: &str = include_str!("../tests/fixtures/seed.json");
const TARGET: usize = 10 * 1024 * 1024;

fn bench(c: &mut Criterion) {
    let quick = std::env::var_os("BENCH_QUICK").is_some_and(|v| v != "0" && !v.is_empty());
    let article: Article = serde_json::from_str(SEED).expect("seed.json is a model");
    let xml = galley::jats::write(&article).expect("the seed writes as JATS");
    let mut g = c.benchmark_group("stages");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(if quick { 2 } else { 5 }));

    // (name, size of one article's input, the stage on one article)
    type Stage<'a> = (&'a str, usize, Box<dyn Fn() -> usize + 'a>);
    let stages: Vec<Stage> = vec![
        (
            "decode",
            SAMPLE.len(),
            Box::new(|| {
                galley::decode::decode(std::hint::black_box(SAMPLE))
                    .text
                    .len()
            }),
        ),
        (
            "extract",
            CLEAN.len(),
            Box::new(|| {
                galley::extract::extract(std::hint::black_box(CLEAN))
                    .sections
                    .len()
            }),
        ),
        (
            "jats-write",
            SEED.len(),
            Box::new(|| galley::jats::write(std::hint::black_box(&article)).map_or(0, |x| x.len())),
        ),
        (
            "jats-read",
            xml.len(),
            Box::new(|| {
                galley::jats::read(std::hint::black_box(&xml)).map_or(0, |a| a.sections.len())
            }),
        ),
    ];
    for (name, size, run) in &stages {
        g.throughput(Throughput::Bytes(*size as u64));
        g.bench_function(format!("{name}/article"), |b| b.iter(run));
        let copies = TARGET.div_ceil(*size);
        g.throughput(Throughput::Bytes((copies * size) as u64));
        g.bench_function(format!("{name}/10MiB"), |b| {
            b.iter(|| (0..copies).map(|_| run()).sum::<usize>())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
