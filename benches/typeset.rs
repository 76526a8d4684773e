//! Typesetting benchmark (issue 6): PDF time per article for the sample (`tests/fixtures/seed.json`,
//! style `zh-journal`, PDF/A-2b):
//!
//! - `warm`: one `Typesetter` reused (fonts, standard library and templates loaded once), Typst's
//!   memo cache emptied before each document, so nothing of the previous layout is reused: the
//!   cost of a new article in a running batch;
//! - `warm-memoised`: the same, cache kept: re-rendering an unchanged article (an upper bound
//!   on speed, not a per-article figure);
//! - `cold`: a new `Typesetter` per document and an empty cache: font scan included.
//!
//!     cargo bench --release --bench typeset          (BENCH_QUICK=1 for a shorter run)
//!
//! Target: under 60 ms warm on one core. `make bench` runs this and reports the figures.

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use galley::Article;
use galley::typeset::{FontOptions, Typesetter};

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const STYLE: &str = "zh-journal";

fn article() -> Article {
    serde_json::from_str(include_str!("../tests/fixtures/seed.json")).expect("seed.json is a model")
}

fn styles() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/styles"))
}

fn bench(c: &mut Criterion) {
    let quick = std::env::var_os("BENCH_QUICK").is_some_and(|v| v != "0" && !v.is_empty());
    let article = article();
    let fonts = FontOptions::from_env();
    let mut group = c.benchmark_group("typeset");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(if quick { 1 } else { 2 }))
        .measurement_time(Duration::from_secs(if quick { 3 } else { 10 }));

    let ts = Typesetter::new(styles(), &fonts).expect("styles folder");
    ts.check_style(STYLE)
        .expect("zh-journal's fonts are installed (make setup)");
    let render = |ts: &Typesetter| {
        let r = ts.article_pdf(&article, STYLE).expect("typesets");
        std::hint::black_box(r.pdf.len())
    };
    group.bench_function("warm", |b| {
        b.iter_batched(
            || comemo::evict(0),
            |_| render(&ts),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("warm-memoised", |b| b.iter(|| render(&ts)));
    group.bench_function("cold", |b| {
        b.iter_batched(
            || comemo::evict(0),
            |_| render(&Typesetter::new(styles(), &fonts).expect("styles folder")),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
