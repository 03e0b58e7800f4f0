//! `Orgnr::parse` on any text: it never panics, and what it accepts is 10 digits that
//! can never be a personnummer (digits 3–4 at least 20), pass the check digit, read back
//! and parse again from their written form.
#![no_main]

use domain::identifiers::{luhn_ok, Orgnr};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(o) = Orgnr::parse(input) else {
        return;
    };
    let stored = o.as_str();
    assert_eq!(stored.len(), 10);
    assert!(stored.bytes().all(|b| b.is_ascii_digit()));
    assert!(&stored[2..4] >= "20");
    assert!(luhn_ok(stored));
    assert_eq!(Orgnr::from_stored(stored).as_ref(), Some(&o));
    assert_eq!(Orgnr::parse(&o.display()).as_ref(), Ok(&o));
    assert_eq!(Orgnr::parse(stored).as_ref(), Ok(&o));
});
