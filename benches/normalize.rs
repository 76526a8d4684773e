//! Normalize throughput, as separate articles of the size of the sample page.
//!
//! - `clean`: 10 MB of undamaged simplified articles per iteration (the fast path).
//! - `damaged`: the sample page itself (15 garbled spots per 20 KB, 663 annotations, spam),
//!   one article per iteration: the garble solver dominates, so 10 MB would take minutes.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galley::repair::{Options, shared};

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
