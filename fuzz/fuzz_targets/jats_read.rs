//! The JATS reader on arbitrary XML (no entity expansion, bounded depth), then write + re-read.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    if data.len() > checks::MAX_FUZZ_INPUT {
        return;
    }
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(why) = checks::jats_read(xml) {
        panic!("{why}");
    }
});
