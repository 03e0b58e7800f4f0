//! `Personnummer::parse` (personnummer and samordningsnummer) on any text and any
//! day: it never panics, and what it accepts is the one stored form, which reads back,
//! parses again to itself, and names a birth date no later than the day.
#![no_main]

use domain::identifiers::{luhn_ok, Personnummer};
use libfuzzer_sys::fuzz_target;
use time::{Date, Duration};

fuzz_target!(|data: &[u8]| {
    // The first two bytes pick "today" within some 180 years, so the century rules of
    // the short forms and the "+" of a centenarian are all reached.
    let Some((day, text)) = data.split_first_chunk::<2>() else {
        return;
    };
    let base = Date::from_calendar_date(1900, time::Month::January, 1).unwrap();
    let today = base + Duration::days(i64::from(u16::from_le_bytes(*day)));
    let Ok(input) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(p) = Personnummer::parse(input, today) else {
        return;
    };
    let stored = p.as_str();
    assert_eq!(stored.len(), 12);
    assert!(stored.bytes().all(|b| b.is_ascii_digit()));
    assert!(luhn_ok(&stored[2..]));
    assert_eq!(Personnummer::from_stored(stored).as_ref(), Some(&p));
    assert_eq!(Personnummer::parse(stored, today).as_ref(), Ok(&p));
    assert_eq!(Personnummer::parse(&p.display(), today).as_ref(), Ok(&p));
    assert!(p.birth_date() <= today);
    assert!(p.birth_date() != Date::MIN);
    let day_field: u8 = stored[6..8].parse().unwrap();
    assert_eq!(p.is_samordningsnummer(), day_field > 60);
    // The serial and check digit are hidden (the date itself may repeat them).
    assert_eq!(p.masked(), format!("{}-****", &stored[..8]));
});
