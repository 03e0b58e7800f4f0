//! Personnummer and samordningsnummer: parsed once from whatever the user typed
//! into the one 12-digit form the database stores, so that century guessing and
//! checksum rules live here and nowhere else.

use std::fmt;

use time::{Date, Month};

use super::error::IdError;
use super::luhn::luhn_ok;

/// Samordningsnummer carry the birth day plus 60 in the day field.
const SAMORDNING_OFFSET: u8 = 60;
/// Personnummer date from 1947 and were given to everyone then alive; a
/// birth year before 1800 is a typo in the century, not a person.
const EARLIEST_BIRTH_YEAR: i32 = 1800;

/// A checked Swedish personal identity number (or samordningsnummer), stored as
/// 12 digits `YYYYMMDDNNNC`. For a samordningsnummer `DD` is the day plus 60,
/// exactly as issued, because that is the number itself, not a date.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Personnummer(String);

/// The parts of a 12-digit stored form, so parsing and reading back agree.
struct Parts {
    birth_date: Date,
    samordning: bool,
}

impl Personnummer {
    /// Parses what a user typed. Accepts `YYMMDD-NNNC`, `YYMMDD+NNNC`,
    /// `YYMMDDNNNC`, `YYYYMMDDNNNC` and `YYYYMMDD-NNNC`, surrounded by any
    /// whitespace. `today` (in Swedish time) decides the century of the short
    /// forms and rejects birth dates in the future.
    pub fn parse(input: &str, today: Date) -> Result<Personnummer, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Empty);
        }
        let (digits, plus) = split_separator(input)?;
        // `short` is the ten-digit form YYMMDDNNNC that the check digit covers.
        let (century, short) = match digits.len() {
            12 if !plus => (i32::from(two(&digits[0..2])) * 100, &digits[2..]),
            10 => (0, digits.as_str()),
            _ => return Err(IdError::PersonnummerFormat),
        };
        let yy = two(&short[0..2]);
        let month = two(&short[2..4]);
        let (day, _) = real_day(two(&short[4..6]))?;

        let year = if digits.len() == 12 {
            century + i32::from(yy)
        } else if plus {
            // The "+" is written from the year the holder turns 100
            // (folkbokföringslagen), so the birth year is the latest one
            // ending in YY that is at least 100 years before this year.
            latest_year_ending_in(yy, today.year() - 100)
        } else {
            // Without "+" take the latest century that does not put the birth
            // date after today; a date today or earlier this century wins.
            let this_century = latest_year_ending_in(yy, today.year());
            if (this_century, month, day) > (today.year(), u8::from(today.month()), today.day()) {
                this_century - 100
            } else {
                this_century
            }
        };

        let birth_date = calendar_date(year, month, day).ok_or(IdError::PersonnummerDate)?;
        if birth_date > today {
            return Err(IdError::PersonnummerDate);
        }
        // The check digit covers the ten-digit form, century excluded.
        if !luhn_ok(short) {
            return Err(IdError::PersonnummerChecksum);
        }
        Ok(Personnummer(format!("{year:04}{}", &short[2..])))
    }

    /// Reads back a 12-digit value that this type stored earlier. Returns
    /// `None` if it is malformed; "today" is not checked, because a stored
    /// number was accepted on the day it was entered.
    pub fn from_stored(s: &str) -> Option<Personnummer> {
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) || !luhn_ok(&s[2..]) {
            return None;
        }
        parts(s)?;
        Some(Personnummer(s.to_owned()))
    }

    /// The stored form, 12 digits `YYYYMMDDNNNC`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form to show the holder: `YYYYMMDD-NNNN`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..8], &self.0[8..])
    }

    /// The form to show everyone else (lists, logs): `YYYYMMDD-****`; the last
    /// four digits are what makes the number identify one person.
    pub fn masked(&self) -> String {
        format!("{}-****", &self.0[..8])
    }

    /// True for a samordningsnummer (day field 61–91), issued to people who
    /// are not or have not been registered in Sweden.
    pub fn is_samordningsnummer(&self) -> bool {
        parts(&self.0).is_some_and(|p| p.samordning)
    }

    /// The birth date, with the +60 of a samordningsnummer removed.
    pub fn birth_date(&self) -> Date {
        // Construction guarantees the parts are valid; MIN is never reached.
        parts(&self.0).map_or(Date::MIN, |p| p.birth_date)
    }
}

impl fmt::Display for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Masked, so that a personnummer dropped into a log line or a panic message
/// does not leak the full number.
impl fmt::Debug for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Personnummer({})", self.masked())
    }
}

/// Removes an optional `-` or `+` before the last four digits and returns the
/// digits plus whether the separator was `+`. Anything else is a format error.
fn split_separator(input: &str) -> Result<(String, bool), IdError> {
    let bytes = input.as_bytes();
    let (digits, plus) = match bytes.len().checked_sub(5).map(|i| (i, bytes[i])) {
        Some((i, sep @ (b'-' | b'+'))) => {
            let head = &input[..i];
            if head.len() != 6 && head.len() != 8 {
                return Err(IdError::PersonnummerFormat);
            }
            (format!("{head}{}", &input[i + 1..]), sep == b'+')
        }
        _ => (input.to_owned(), false),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::PersonnummerFormat);
    }
    Ok((digits, plus))
}

/// Two ASCII digits as a number; callers have checked they are digits.
fn two(s: &str) -> u8 {
    s.bytes().fold(0, |acc, b| acc * 10 + (b - b'0'))
}

/// The latest year `<= limit` whose last two digits are `yy`.
fn latest_year_ending_in(yy: u8, limit: i32) -> i32 {
    limit - (limit - i32::from(yy)).rem_euclid(100)
}

/// The calendar day from a day field, and whether it was a samordningsnummer.
fn real_day(field: u8) -> Result<(u8, bool), IdError> {
    match field {
        1..=31 => Ok((field, false)),
        61..=91 => Ok((field - SAMORDNING_OFFSET, true)),
        _ => Err(IdError::PersonnummerDate),
    }
}

/// A real date, or `None`; also refuses years before [`EARLIEST_BIRTH_YEAR`]
/// and years that do not fit four digits, so the stored form stays 12 digits.
fn calendar_date(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(EARLIEST_BIRTH_YEAR..=9999).contains(&year) {
        return None;
    }
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Splits a 12-digit stored form; `None` if the date part is impossible.
fn parts(s: &str) -> Option<Parts> {
    let year = i32::from(two(&s[0..2])) * 100 + i32::from(two(&s[2..4]));
    let (day, samordning) = real_day(two(&s[6..8])).ok()?;
    let birth_date = calendar_date(year, two(&s[4..6]), day)?;
    Some(Parts {
        birth_date,
        samordning,
    })
}

#[cfg(test)]
mod tests;
