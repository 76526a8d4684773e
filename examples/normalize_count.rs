//! One warm pass of `normalize` over the damaged sample page (`s`) or over 60 pages from the
//! corruption simulator (`p`), for instruction counts under callgrind: on a shared machine
//! whose timings vary by a third, a count is what tells two versions of the repair engine
//! apart. `bench/icount.sh` runs it; `0` runs the setup alone, which the script subtracts.
//!
//!     cargo build --release --example normalize_count && bench/icount.sh

use galley::repair::{Options, shared};

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../tests/common/sim.rs"]
mod sim;

const SAMPLE: &[u8] =
    include_bytes!("../articles/shanghai-party-history/2010-04/000_5be31ac09607f27d.txt");

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let r = shared();
    let opts = Options::default();
    let pages: Vec<String> = (1u64..=60)
        .map(|seed| {
            let text = sim::CORPUS[seed as usize % sim::CORPUS.len()].1;
            sim::damage(text, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), 0.3, 0.3).page
        })
        .collect();
    // Warm: dictionaries loaded, the per-thread word memo filled as in a running batch.
    r.normalize("warm-up", SAMPLE, &opts);
    match mode.as_str() {
        "s" => {
            std::hint::black_box(r.normalize("sample", SAMPLE, &opts));
        }
        "p" => {
            for p in &pages {
                std::hint::black_box(r.normalize("simulated", p.as_bytes(), &opts));
            }
        }
        "0" => {}
        _ => {
            eprintln!("usage: normalize_count s|p|0");
            std::process::exit(2);
        }
    }
}
