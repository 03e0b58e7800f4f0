//! Times shown to users are Swedish local time. The portal stores UTC and
//! converts here with the EU summer-time rule, which Sweden has followed since
//! 1996, instead of shipping a time-zone database for a single zone.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// Summer and winter time both change at 01:00 UTC.
const CHANGE_UTC: Time = time::macros::time!(01:00);

/// The last Sunday of `month` (March or October; both have 31 days).
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, 31).ok()?;
    let back = last.weekday().number_days_from_sunday();
    last.checked_sub(Duration::days(i64::from(back)))
}

/// True if the UTC instant falls in Central European Summer Time: from the
/// last Sunday of March 01:00 UTC up to the last Sunday of October 01:00 UTC.
fn is_summer_time(utc: PrimitiveDateTime) -> bool {
    let year = utc.year();
    match (
        last_sunday(year, Month::March),
        last_sunday(year, Month::October),
    ) {
        (Some(start), Some(end)) => {
            PrimitiveDateTime::new(start, CHANGE_UTC) <= utc
                && utc < PrimitiveDateTime::new(end, CHANGE_UTC)
        }
        // Only at the very ends of the representable range; winter time then.
        _ => false,
    }
}

/// Converts a UTC wall-clock value to Stockholm wall-clock time.
pub fn to_stockholm(utc: PrimitiveDateTime) -> PrimitiveDateTime {
    let hours = if is_summer_time(utc) { 2 } else { 1 };
    utc.saturating_add(Duration::hours(hours))
}

/// `yyyy-mm-dd hh:mm` in Stockholm time, the ISO-like form Swedes write.
pub fn format_datetime(utc: PrimitiveDateTime) -> String {
    let local = to_stockholm(utc);
    let mut text = format_date(local.date());
    text.push(' ');
    push_two(&mut text, local.hour());
    text.push(':');
    push_two(&mut text, local.minute());
    text
}

/// `yyyy-mm-dd`; a date has no time zone, so nothing is converted. Written digit by digit:
/// every date of every page comes through here, and `format!` took a tenth of a long
/// list's rendering.
pub fn format_date(d: Date) -> String {
    let Ok(year) = u16::try_from(d.year()) else {
        return format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    };
    if year > 9999 {
        return format!("{year}-{:02}-{:02}", u8::from(d.month()), d.day());
    }
    let mut text = String::with_capacity(16);
    push_two(&mut text, u8::try_from(year / 100).unwrap_or(0));
    push_two(&mut text, u8::try_from(year % 100).unwrap_or(0));
    text.push('-');
    push_two(&mut text, u8::from(d.month()));
    text.push('-');
    push_two(&mut text, d.day());
    text
}

/// Two decimal digits of `n` (below 100).
fn push_two(text: &mut String, n: u8) {
    text.push(char::from(b'0' + n / 10 % 10));
    text.push(char::from(b'0' + n % 10));
}

/// The instant a day begins in Stockholm (its local midnight), in UTC: a credential valid
/// from the day of issue is valid from that moment, not from midnight in London.
pub fn start_of_day(d: Date) -> OffsetDateTime {
    let midnight = d.midnight();
    for hours in [1, 2] {
        let utc = midnight.saturating_sub(Duration::hours(hours));
        if to_stockholm(utc) == midnight {
            return utc.assume_utc();
        }
    }
    midnight.assume_utc()
}

/// Today's date in Stockholm, e.g. to decide whether a birth date or a
/// deadline lies in the future.
pub fn today_stockholm(now_utc: OffsetDateTime) -> Date {
    let utc = now_utc.checked_to_offset(UtcOffset::UTC).unwrap_or(now_utc);
    to_stockholm(PrimitiveDateTime::new(utc.date(), utc.time())).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};
    use time::Weekday;

    #[test]
    fn dates_are_written_as_format_writes_them() {
        let written =
            |d: Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
        let mut day = date!(-0002 - 12 - 25);
        let last = date!(9999 - 12 - 31);
        while day < last {
            assert_eq!(format_date(day), written(day), "{day}");
            day = day.saturating_add(Duration::days(13));
        }
        for d in [
            date!(0000 - 01 - 01),
            date!(0999 - 09 - 09),
            date!(2026 - 11 - 28),
            last,
        ] {
            assert_eq!(format_date(d), written(d));
        }
        assert_eq!(format_date(date!(0007 - 03 - 04)), "0007-03-04");
    }

    #[test]
    fn last_sundays() {
        assert_eq!(last_sunday(2026, Month::March), Some(date!(2026 - 03 - 29)));
        assert_eq!(
            last_sunday(2026, Month::October),
            Some(date!(2026 - 10 - 25))
        );
        // 2024-03-31 is itself a Sunday.
        assert_eq!(last_sunday(2024, Month::March), Some(date!(2024 - 03 - 31)));
        assert_eq!(
            last_sunday(2025, Month::October),
            Some(date!(2025 - 10 - 26))
        );
        assert_eq!(Weekday::Sunday, date!(2026 - 03 - 29).weekday());
    }

    #[test]
    fn spring_forward() {
        assert_eq!(
            format_datetime(datetime!(2026-03-29 00:59)),
            "2026-03-29 01:59"
        );
        assert_eq!(
            format_datetime(datetime!(2026-03-29 01:00)),
            "2026-03-29 03:00"
        );
    }

    #[test]
    fn fall_back() {
        assert_eq!(
            format_datetime(datetime!(2026-10-25 00:59)),
            "2026-10-25 02:59"
        );
        assert_eq!(
            format_datetime(datetime!(2026-10-25 01:00)),
            "2026-10-25 02:00"
        );
    }

    #[test]
    fn midsummer_and_winter() {
        assert_eq!(
            format_datetime(datetime!(2026-06-19 10:30)),
            "2026-06-19 12:30"
        );
        assert_eq!(
            format_datetime(datetime!(2026-12-24 15:00)),
            "2026-12-24 16:00"
        );
        assert_eq!(
            format_datetime(datetime!(2026-01-01 00:00)),
            "2026-01-01 01:00"
        );
        // New Year's Eve in UTC is already next year in Stockholm.
        assert_eq!(
            format_datetime(datetime!(2026-12-31 23:30)),
            "2027-01-01 00:30"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(format_date(date!(2026 - 06 - 19)), "2026-06-19");
        assert_eq!(format_date(date!(0999 - 01 - 02)), "0999-01-02");
    }

    #[test]
    fn today_follows_stockholm_midnight() {
        assert_eq!(
            today_stockholm(datetime!(2026-06-18 22:30 UTC)),
            date!(2026 - 06 - 19)
        );
        assert_eq!(
            today_stockholm(datetime!(2026-06-18 21:59 UTC)),
            date!(2026 - 06 - 18)
        );
        assert_eq!(
            today_stockholm(datetime!(2026-12-31 23:00 UTC)),
            date!(2027 - 01 - 01)
        );
        // An offset other than UTC is converted first.
        assert_eq!(
            today_stockholm(datetime!(2026-12-31 18:00 -05:00)),
            date!(2027 - 01 - 01)
        );
    }

    #[test]
    fn a_day_begins_at_stockholm_midnight() {
        use time::macros::{date, datetime};
        assert_eq!(
            start_of_day(date!(2026 - 11 - 26)),
            datetime!(2026-11-25 23:00 UTC)
        );
        assert_eq!(
            start_of_day(date!(2026 - 07 - 01)),
            datetime!(2026-06-30 22:00 UTC)
        );
    }
}
