//! Normalize throughput: 10 MB of sample-like text per iteration, as separate articles of the
//! size of the sample page.
//!
//! - `damaged`: the sample page itself (15 garbled spots per 20 KB, 663 annotations, spam).
//! - `clean`: undamaged simplified articles of the same size (the fast path).

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
    for (name, doc) in [("damaged", SAMPLE), ("clean", CLEAN.as_bytes())] {
        let copies = TARGET.div_ceil(doc.len());
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
