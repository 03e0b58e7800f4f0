//! Property tests for the identifiers: whatever valid number is generated
//! survives display and re-parsing, and a single mistyped digit never passes,
//! which is the promise the Luhn check digit makes.

#![allow(clippy::unwrap_used)]

use domain::identifiers::{luhn_check_digit, IdError, Orgnr, Personnummer};
use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 05 - 01);

/// A birth date between 1900-01-01 and today, whether it is a
/// samordningsnummer, and the three-digit serial number.
fn personnummer_parts() -> impl Strategy<Value = (Date, bool, u16)> {
    let days = (TODAY - date!(1900 - 01 - 01)).whole_days();
    (0..=days, any::<bool>(), 0u16..1000)
        .prop_map(|(d, samordning, serial)| (TODAY - Duration::days(d), samordning, serial))
}

/// The ten-digit form YYMMDDNNNC with a correct check digit.
fn ten_digits(birth: Date, samordning: bool, serial: u16) -> String {
    let day = birth.day() + if samordning { 60 } else { 0 };
    let body = format!(
        "{:02}{:02}{:02}{:03}",
        birth.year() % 100,
        u8::from(birth.month()),
        day,
        serial
    );
    format!("{body}{}", luhn_check_digit(&body))
}

/// Replaces digit `index` of `s` with a different digit.
fn change_digit(s: &str, index: usize, delta: u8) -> String {
    s.bytes()
        .enumerate()
        .map(|(i, b)| {
            if i == index {
                char::from(b'0' + (b - b'0' + delta) % 10)
            } else {
                char::from(b)
            }
        })
        .collect()
}

/// The nine digits before the check digit: group 1–9, any digit, 20–99 (so
/// it cannot be a personnummer), five more digits.
fn orgnr_body() -> impl Strategy<Value = String> {
    (1u8..10, 0u8..10, 20u8..100, 0u32..100_000).prop_map(|(group, second, third_fourth, rest)| {
        format!("{group}{second}{third_fourth:02}{rest:05}")
    })
}

proptest! {
    #[test]
    fn personnummer_round_trips((birth, samordning, serial) in personnummer_parts()) {
        let short = ten_digits(birth, samordning, serial);
        let full = format!("{}{}", birth.year() / 100, short);
        let p = Personnummer::from_stored(&full).unwrap();
        prop_assert_eq!(p.birth_date(), birth);
        prop_assert_eq!(p.is_samordningsnummer(), samordning);

        let reparsed = Personnummer::parse(&p.display(), TODAY).unwrap();
        prop_assert_eq!(&reparsed, &p);

        // The short form with "+" from the year of the 100th birthday.
        let sep = if TODAY.year() - birth.year() >= 100 { '+' } else { '-' };
        let written = format!("{}{sep}{}", &short[..6], &short[6..]);
        prop_assert_eq!(Personnummer::parse(&written, TODAY).unwrap(), p);
    }

    #[test]
    fn personnummer_single_digit_change_rejected(
        (birth, samordning, serial) in personnummer_parts(),
        index in 0usize..10,
        delta in 1u8..10,
    ) {
        let short = ten_digits(birth, samordning, serial);
        let changed = change_digit(&short, index, delta);
        prop_assert!(Personnummer::parse(&changed, TODAY).is_err(), "{} accepted", changed);
    }

    #[test]
    fn orgnr_round_trips(body in orgnr_body()) {
        let full = format!("{body}{}", luhn_check_digit(&body));
        let o = Orgnr::parse(&full).unwrap();
        prop_assert_eq!(o.as_str(), full.as_str());
        prop_assert_eq!(Orgnr::from_stored(&full), Some(o.clone()));
        prop_assert_eq!(Orgnr::parse(&o.display()).unwrap(), o.clone());
        prop_assert_eq!(Orgnr::parse(&format!("16{}", o.display())).unwrap(), o);
    }

    #[test]
    fn orgnr_single_digit_change_rejected(
        body in orgnr_body(),
        index in 0usize..10,
        delta in 1u8..10,
    ) {
        let full = format!("{body}{}", luhn_check_digit(&body));
        let changed = change_digit(&full, index, delta);
        prop_assert!(Orgnr::parse(&changed).is_err(), "{} accepted", changed);
    }
}

#[test]
fn id_errors_have_message_keys() {
    for e in IdError::ALL {
        assert!(e.message_key().starts_with("err-"));
    }
}
