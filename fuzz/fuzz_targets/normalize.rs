//! Decoding + repair of arbitrary bytes: no panic, and every input line accounted for.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if data.len() > checks::MAX_FUZZ_INPUT {
        return;
    }
    if let Err(why) = checks::normalize(data) {
        panic!("{why}");
    }
});
