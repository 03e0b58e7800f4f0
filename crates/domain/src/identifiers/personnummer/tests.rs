//! Examples of personnummer as people actually type them, and the precise
//! error each kind of mistake should produce.

#![allow(clippy::unwrap_used)]

use time::macros::date;
use time::Date;

use super::*;

const TODAY: Date = date!(2026 - 05 - 01);

fn parse(s: &str) -> Result<Personnummer, IdError> {
    Personnummer::parse(s, TODAY)
}

#[test]
fn accepts_every_written_form() {
    for input in [
        "19811218-9876",
        "198112189876",
        "811218-9876",
        "8112189876",
        "  811218-9876\n",
    ] {
        let p = parse(input).unwrap();
        assert_eq!(p.as_str(), "198112189876", "{input}");
        assert_eq!(p.display(), "19811218-9876");
        assert_eq!(p.to_string(), "19811218-9876");
        assert_eq!(p.masked(), "19811218-****");
        assert_eq!(p.birth_date(), date!(1981 - 12 - 18));
        assert!(!p.is_samordningsnummer());
    }
}

#[test]
fn debug_does_not_leak_the_full_number() {
    let p = parse("19811218-9876").unwrap();
    assert!(!format!("{p:?}").contains("9876"));
}

#[test]
fn plus_means_a_hundred_years_or_older() {
    // Tolvan Tolvansson, Skatteverket's test person.
    assert_eq!(parse("121212-1212").unwrap().as_str(), "201212121212");
    assert_eq!(parse("121212+1212").unwrap().as_str(), "191212121212");
    assert_eq!(parse("191212121212").unwrap().as_str(), "191212121212");
}

#[test]
fn century_boundary_at_today() {
    // Born today: this century.
    assert_eq!(parse("260501-1234").unwrap().as_str(), "202605011234");
    // Tomorrow's date can only be someone born a century ago.
    assert_eq!(parse("260502-1233").unwrap().as_str(), "192605021233");
    // The "+" is written from the year of the 100th birthday, even before it.
    assert_eq!(parse("260502+1233").unwrap().as_str(), "192605021233");
    assert_eq!(parse("260501+1234").unwrap().as_str(), "192605011234");
}

#[test]
fn samordningsnummer() {
    let p = parse("701063-2391").unwrap();
    assert!(p.is_samordningsnummer());
    assert_eq!(p.as_str(), "197010632391");
    assert_eq!(p.display(), "19701063-2391");
    assert_eq!(p.birth_date(), date!(1970 - 10 - 03));
    // Day 92 would be the 32nd.
    assert_eq!(parse("701092-2396"), Err(IdError::PersonnummerDate));
}

#[test]
fn leap_days() {
    assert_eq!(
        parse("000229-1235").unwrap().birth_date(),
        date!(2000 - 02 - 29)
    );
    assert_eq!(parse("20000229-1235").unwrap().as_str(), "200002291235");
    assert_eq!(parse("19000229-1235"), Err(IdError::PersonnummerDate));
}

#[test]
fn impossible_or_future_dates() {
    assert_eq!(parse("19810230-1234"), Err(IdError::PersonnummerDate));
    assert_eq!(parse("810230-1234"), Err(IdError::PersonnummerDate));
    assert_eq!(parse("811318-9876"), Err(IdError::PersonnummerDate));
    assert_eq!(parse("811200-9876"), Err(IdError::PersonnummerDate));
    assert_eq!(parse("20301212-1236"), Err(IdError::PersonnummerDate));
    // A mistyped century.
    assert_eq!(parse("09811218-9876"), Err(IdError::PersonnummerDate));
    assert_eq!(Personnummer::from_stored("098112189876"), None);
}

#[test]
fn wrong_check_digit() {
    assert_eq!(parse("811218-9875"), Err(IdError::PersonnummerChecksum));
    assert_eq!(parse("19811218-9875"), Err(IdError::PersonnummerChecksum));
}

#[test]
fn wrong_shape() {
    assert_eq!(parse(""), Err(IdError::Empty));
    assert_eq!(parse("   "), Err(IdError::Empty));
    for input in [
        "81121-9876",
        "811218--9876",
        "811218 9876",
        "81121898761",
        "1981121898761",
        "19811218+9876",
        "1981-12-18-9876",
        "8112-189876",
        "abcdefghij",
        "811218-98é6",
        "８１１２１８９８７６",
    ] {
        assert_eq!(parse(input), Err(IdError::PersonnummerFormat), "{input}");
    }
}

#[test]
fn from_stored_round_trips() {
    let p = parse("701063-2391").unwrap();
    assert_eq!(Personnummer::from_stored(p.as_str()), Some(p));
    assert_eq!(Personnummer::from_stored("19811218-9876"), None);
    assert_eq!(Personnummer::from_stored("198112189875"), None);
    assert_eq!(Personnummer::from_stored("198102301234"), None);
    assert_eq!(Personnummer::from_stored("8112189876"), None);
}
