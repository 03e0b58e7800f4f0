//! `Postnummer::parse` and the foreign postal code check on any text: they never panic,
//! and an accepted Swedish code is five digits, never with a leading 0, that parses again
//! from its written form `NNN NN`.
#![no_main]

use domain::identifiers::{check_foreign_postal_code, Postnummer, FOREIGN_POSTAL_CODE_MAX_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if check_foreign_postal_code(input).is_ok() {
        assert!(input.trim().chars().count() <= FOREIGN_POSTAL_CODE_MAX_CHARS);
    }
    let Ok(p) = Postnummer::parse(input) else {
        return;
    };
    let stored = p.as_str();
    assert_eq!(stored.len(), 5);
    assert!(stored.bytes().all(|b| b.is_ascii_digit()));
    assert!(!stored.starts_with('0'));
    assert_eq!(p.display().len(), 6);
    assert_eq!(Postnummer::parse(&p.display()).as_ref(), Ok(&p));
    assert_eq!(Postnummer::parse(stored).as_ref(), Ok(&p));
});
