//! Normalize throughput, as separate articles (each normalised on its own, fresh page memo):
//!
//! - `clean`: 10 MiB of undamaged simplified articles per iteration (the fast path);
//! - `damaged`: the sample page itself (15 garbled spots per 20 KB, 663 annotations, spam);
//! - `damaged-10MiB`: 10 MiB of distinct damaged articles, the test corpus's twelve clean texts
//!   through the corruption simulator (tests/common/sim.rs) with varied seeds: sample-like damage
//!   without the repetition of one page. About ten seconds an iteration (BENCH_QUICK=1: 1 MiB).

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galley::repair::{Options, shared};

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/sim.rs"]
mod sim;

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");
const CLEAN: &str = include_str!("../tests/fixtures/seed.clean.txt");
const TARGET: usize = 10 * 1024 * 1024;

fn bench(c: &mut Criterion) {
    let r = shared();
    let opts = Options::default();
    let mut g = c.benchmark_group("normalize");
    g.sample_size(10);
    for (name, doc) in [("clean", CLEAN.as_bytes()), ("damaged", SAMPLE)] {
        let copies = if name == "clean" {
            TARGET.div_ceil(doc.len())
        } else {
            1
        };
        g.throughput(Throughput::Bytes((copies * doc.len()) as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for _ in 0..copies {
                    n += r
                        .normalize("bench", std::hint::black_box(doc), &opts)
                        .text
                        .len();
                }
                n
            })
        });
    }
    // Distinct damaged articles, generated once (outside the measurement).
    let quick = std::env::var_os("BENCH_QUICK").is_some_and(|v| v != "0" && !v.is_empty());
    let want = if quick { TARGET / 10 } else { TARGET };
    let mut pages: Vec<String> = Vec::new();
    let mut total = 0;
    for seed in 1u64.. {
        if total >= want {
            break;
        }
        let text = sim::CORPUS[seed as usize % sim::CORPUS.len()].1;
        let page = sim::damage(text, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 0.3, 0.3).page;
        total += page.len();
        pages.push(page);
    }
    g.throughput(Throughput::Bytes(total as u64));
    g.measurement_time(Duration::from_secs(if quick { 15 } else { 100 }));
    g.bench_function(
        if quick {
            "damaged-1MiB"
        } else {
            "damaged-10MiB"
        },
        |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| r.normalize("bench", p.as_bytes(), &opts).text.len())
                    .sum::<usize>()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
