//! `Stamp`: a timestamp column read without the `time` crate's general parser on SQLite.
//!
//! SQLite keeps a timestamp as text. Diesel reads it by trying up to eighteen format
//! descriptions in turn through `time`'s general parser, and a timestamp in whole seconds
//! (SQLite's own `CURRENT_TIMESTAMP`, the seed's history) fails two of them first: reading
//! the eight timestamps of a case page was a sixteenth of its instructions. The portal
//! writes one shape, `YYYY-MM-DD HH:MM:SS` with or without a fraction, and `Stamp` reads
//! that shape directly; anything else goes the way Diesel goes, with its formats. On
//! PostgreSQL a timestamp is binary and `Stamp` is Diesel's own reading.
//!
//! A model field takes it with `#[diesel(deserialize_as = crate::stamp::Stamp)]`; the
//! field stays a `PrimitiveDateTime`.

use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::Timestamp;
use diesel::sqlite::{Sqlite, SqliteValue};
use time::macros::format_description;
use time::{Date, Month, PrimitiveDateTime, Time};

/// A timestamp as read from a `Timestamp` column (see the module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::deserialize::FromSqlRow)]
pub struct Stamp(pub PrimitiveDateTime);

impl From<Stamp> for PrimitiveDateTime {
    fn from(s: Stamp) -> PrimitiveDateTime {
        s.0
    }
}

impl FromSql<Timestamp, Sqlite> for Stamp {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = value.read_text();
        parse(text)
            .map(Stamp)
            .ok_or_else(|| format!("Invalid datetime {text}").into())
    }
}

/// Through `DbConn`: the backend's own reading.
impl FromSql<Timestamp, crate::conn::MultiBackend> for Stamp {
    fn from_sql(value: crate::conn::MultiRawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Stamp, Timestamp>()
    }
}

impl FromSql<Timestamp, Pg> for Stamp {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <PrimitiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Stamp)
    }
}

/// `YYYY-MM-DD HH:MM:SS`, optionally with `.` and one to nine digits of a fraction (or `T`
/// between date and time), read directly; any other text as Diesel reads it.
pub fn parse(text: &str) -> Option<PrimitiveDateTime> {
    fast(text.as_bytes()).or_else(|| general(text))
}

fn fast(s: &[u8]) -> Option<PrimitiveDateTime> {
    let head = s.get(..19)?;
    if head[4] != b'-'
        || head[7] != b'-'
        || !matches!(head[10], b' ' | b'T')
        || head[13] != b':'
        || head[16] != b':'
    {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        s[from..to].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let nanosecond = match &s[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(20, s.len())? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let year = i32::try_from(digits(0, 4)?).ok()?;
    let month = Month::try_from(u8::try_from(digits(5, 7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8, 10)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms_nano(
        u8::try_from(digits(11, 13)?).ok()?,
        u8::try_from(digits(14, 16)?).ok()?,
        u8::try_from(digits(17, 19)?).ok()?,
        nanosecond,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, time))
}

/// The formats Diesel's SQLite reading of a `PrimitiveDateTime` accepts, in its order
/// (diesel 2.3, `sqlite/types/date_and_time/time.rs`), and a Julian day number last.
#[allow(deprecated)]
fn general(text: &str) -> Option<PrimitiveDateTime> {
    use time::format_description::FormatItem;
    const FORMATS: [&[FormatItem<'_>]; 18] = [
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond]"),
        format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond][offset_hour sign:mandatory]:[offset_minute]"
        ),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
        format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
        ),
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
        format_description!("[year]-[month]-[day] [hour]:[minute]Z"),
        format_description!(
            "[year]-[month]-[day] [hour]:[minute][offset_hour sign:mandatory]:[offset_minute]"
        ),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]Z"),
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond]Z"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]Z"),
        format_description!(
            "[year]-[month]-[day]T[hour]:[minute][offset_hour sign:mandatory]:[offset_minute]"
        ),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"),
        format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
        ),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]"),
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]Z"),
        format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond][offset_hour sign:mandatory]:[offset_minute]"
        ),
    ];
    FORMATS
        .iter()
        .find_map(|f| PrimitiveDateTime::parse(text, f).ok())
        .or_else(|| julian(text.parse::<f64>().ok()?))
}

/// A Julian day number, as SQLite's `julianday()` gives it.
fn julian(days: f64) -> Option<PrimitiveDateTime> {
    const EPOCH_IN_JULIAN_DAYS: f64 = 2_440_587.5;
    let nanos = (days - EPOCH_IN_JULIAN_DAYS) * 86_400.0 * 1e9;
    #[allow(clippy::cast_possible_truncation)]
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(nanos as i128).ok()?;
    let at = at.to_offset(time::UtcOffset::UTC);
    Some(PrimitiveDateTime::new(at.date(), at.time()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use diesel::prelude::*;
    use diesel::sql_types::Timestamp;
    use diesel::sqlite::SqliteConnection;
    use time::macros::datetime;

    use super::{fast, general, parse, Stamp};

    /// The shapes the portal and SQLite write are read by the direct path, to the same
    /// value as `time`'s general parser gives.
    #[test]
    fn the_portals_own_shapes_are_read_directly_and_exactly() {
        for (text, at) in [
            (
                "2026-11-27 21:56:20.178723",
                datetime!(2026-11-27 21:56:20.178723),
            ),
            ("2014-11-11 07:01:58", datetime!(2014-11-11 07:01:58)),
            ("2014-11-11T07:01:58.5", datetime!(2014-11-11 07:01:58.5)),
            (
                "2024-02-29 23:59:59.000000001",
                datetime!(2024-02-29 23:59:59.000000001),
            ),
        ] {
            assert_eq!(fast(text.as_bytes()), Some(at), "{text}");
            assert_eq!(general(text), Some(at), "{text}");
        }
    }

    #[test]
    fn other_shapes_are_read_as_diesel_reads_them_and_nonsense_is_refused() {
        assert_eq!(parse("2014-11-11 07:01"), Some(datetime!(2014-11-11 07:01)));
        assert_eq!(
            parse("2014-11-11T07:01:58Z"),
            Some(datetime!(2014-11-11 07:01:58))
        );
        assert_eq!(
            parse("2014-11-11 07:01:58.25+00:00"),
            Some(datetime!(2014-11-11 07:01:58.25))
        );
        assert_eq!(parse("2440587.5"), Some(datetime!(1970-01-01 00:00)));
        // More than nanoseconds: `time` keeps the first nine digits, and so does Diesel.
        assert_eq!(
            parse("2014-11-11 07:01:58.1234567890"),
            Some(datetime!(2014-11-11 07:01:58.123456789))
        );
        for bad in [
            "",
            "2014-11-11",
            "2014-13-11 07:01:58",
            "2023-02-29 07:01:58",
            "2014-11-11 24:01:58",
            "2014-11-11 07:01:58.",
            "2014-11-11 07:01:5x",
            "yesterday",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    /// What SQLite itself writes and what Diesel writes read back the same through `Stamp`
    /// as through Diesel's own reading.
    #[test]
    fn a_column_reads_as_diesels_own_reading_does() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        for sql in [
            "SELECT CURRENT_TIMESTAMP",
            "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now')",
            "SELECT '2026-11-27 21:56:20.178723'",
            "SELECT '2014-11-11T07:01:58Z'",
        ] {
            // The text once, then read both ways: `now` moves between two statements.
            let text: String =
                diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(&sql[7..]))
                    .get_result(&mut c)
                    .unwrap();
            let literal = format!("'{text}'");
            let ours: Stamp = diesel::select(diesel::dsl::sql::<Timestamp>(&literal))
                .get_result(&mut c)
                .unwrap();
            let diesels: time::PrimitiveDateTime =
                diesel::select(diesel::dsl::sql::<Timestamp>(&literal))
                    .get_result(&mut c)
                    .unwrap();
            assert_eq!(ours.0, diesels, "{sql}");
        }
    }
}
