//! Extraction of arbitrary text, then the JATS writer and reader on the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if data.len() > checks::MAX_FUZZ_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    if let Err(why) = checks::extract(&text) {
        panic!("{why}");
    }
});
