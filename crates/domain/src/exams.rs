//! «Prov»: exam sessions at exam centres, bookings and results (PRODUCT.md «Exams»).
//! A session has seats and last days to book and to cancel; a person holds one open
//! booking per exam kind and at most a catalogue-set number of attempts a year; the
//! examiner registers attendance and points, then fixes the results; a passed result
//! counts towards an application for the kind's counting period.

use time::Date;

use crate::certification::life::add_months;
use crate::rule::RuleError;

crate::coded_enum! {
    /// A booking: «Bokad» until the results are fixed («Genomförd») or it is cancelled.
    pub enum BookingStatus {
        Booked = "booked",
        Cancelled = "cancelled",
        Done = "done",
    }
}

crate::coded_enum! {
    /// «Närvarande» / «Frånvarande».
    pub enum Attendance {
        Present = "present",
        Absent = "absent",
    }
}

crate::coded_enum! {
    /// A session takes results until they are fixed («Fastställ resultat»).
    pub enum SessionStatus {
        Open = "open",
        Fixed = "fixed",
    }
}

/// What the booking rule needs to know.
#[derive(Debug, Clone, Copy)]
pub struct BookingFacts {
    pub today: Date,
    pub last_booking_day: Date,
    pub has_open_booking_of_kind: bool,
    /// Bookings of the kind (not cancelled) in the twelve months up to today.
    pub attempts_last_year: i64,
    pub max_attempts: i32,
}

/// Whether a person may book a seat (the free seat itself is taken by a guarded update).
pub fn check_booking(f: &BookingFacts) -> Result<(), RuleError> {
    if f.today > f.last_booking_day {
        return Err(RuleError::BookingClosed);
    }
    if f.has_open_booking_of_kind {
        return Err(RuleError::OpenBookingExists);
    }
    if f.attempts_last_year >= i64::from(f.max_attempts.max(1)) {
        return Err(RuleError::TooManyAttempts);
    }
    Ok(())
}

/// The first day of the twelve months attempts are counted over.
pub fn attempts_since(today: Date) -> Date {
    add_months(today, -12)
}

/// Cancelling is possible through the session's last cancel day.
pub fn check_cancel(
    status: BookingStatus,
    last_cancel_day: Date,
    today: Date,
) -> Result<(), RuleError> {
    if status != BookingStatus::Booked {
        return Err(RuleError::BookingNotOpen);
    }
    if today > last_cancel_day {
        return Err(RuleError::CancelClosed);
    }
    Ok(())
}

/// A new session: seats, a day after today, and last days to book and cancel on or
/// before it.
pub fn check_session(
    seats: i32,
    on: Date,
    last_booking_day: Date,
    last_cancel_day: Date,
    today: Date,
) -> Result<(), RuleError> {
    if seats < 1 {
        return Err(RuleError::NoSeats);
    }
    if on <= today || last_booking_day > on || last_cancel_day > on {
        return Err(RuleError::SessionDates);
    }
    Ok(())
}

/// Points are whole and between 0 and the exam's maximum.
pub fn check_points(points: i32, max_points: i32) -> Result<(), RuleError> {
    if (0..=max_points).contains(&points) {
        Ok(())
    } else {
        Err(RuleError::PointsOutOfRange)
    }
}

/// Passed: present with at least the pass mark.
pub fn passed(attendance: Attendance, points: Option<i32>, pass_points: i32) -> bool {
    attendance == Attendance::Present && points.is_some_and(|p| p >= pass_points)
}

/// A passed result taken on `taken_on` still counts towards an application today.
pub fn still_counts(taken_on: Date, valid_months: i32, today: Date) -> bool {
    taken_on <= today && today <= add_months(taken_on, valid_months)
}

/// An examiner never registers their own result.
pub fn check_not_own_result(examiner_id: &str, person_id: &str) -> Result<(), RuleError> {
    if examiner_id == person_id {
        Err(RuleError::OwnResult)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn facts() -> BookingFacts {
        BookingFacts {
            today: date!(2026 - 11 - 25),
            last_booking_day: date!(2026 - 12 - 01),
            has_open_booking_of_kind: false,
            attempts_last_year: 0,
            max_attempts: 3,
        }
    }

    #[test]
    fn booking_rules() {
        assert_eq!(check_booking(&facts()), Ok(()));
        let late = BookingFacts {
            today: date!(2026 - 12 - 02),
            ..facts()
        };
        assert_eq!(check_booking(&late), Err(RuleError::BookingClosed));
        let open = BookingFacts {
            has_open_booking_of_kind: true,
            ..facts()
        };
        assert_eq!(check_booking(&open), Err(RuleError::OpenBookingExists));
        let third = BookingFacts {
            attempts_last_year: 2,
            ..facts()
        };
        assert_eq!(check_booking(&third), Ok(()));
        let fourth = BookingFacts {
            attempts_last_year: 3,
            ..facts()
        };
        assert_eq!(check_booking(&fourth), Err(RuleError::TooManyAttempts));
        assert_eq!(attempts_since(date!(2026 - 11 - 25)), date!(2025 - 11 - 25));
    }

    #[test]
    fn cancel_until_the_last_day() {
        let last = date!(2026 - 12 - 01);
        assert_eq!(check_cancel(BookingStatus::Booked, last, last), Ok(()));
        assert_eq!(
            check_cancel(BookingStatus::Booked, last, date!(2026 - 12 - 02)),
            Err(RuleError::CancelClosed)
        );
        assert_eq!(
            check_cancel(BookingStatus::Cancelled, last, last),
            Err(RuleError::BookingNotOpen)
        );
    }

    #[test]
    fn sessions_lie_ahead_with_their_last_days_before() {
        let today = date!(2026 - 11 - 25);
        let on = date!(2026 - 12 - 10);
        assert_eq!(
            check_session(5, on, date!(2026 - 12 - 03), on, today),
            Ok(())
        );
        assert_eq!(check_session(0, on, on, on, today), Err(RuleError::NoSeats));
        assert_eq!(
            check_session(5, today, today, today, today),
            Err(RuleError::SessionDates)
        );
        assert_eq!(
            check_session(5, on, date!(2026 - 12 - 11), on, today),
            Err(RuleError::SessionDates)
        );
    }

    #[test]
    fn results() {
        assert_eq!(check_points(0, 40), Ok(()));
        assert_eq!(check_points(40, 40), Ok(()));
        assert_eq!(check_points(41, 40), Err(RuleError::PointsOutOfRange));
        assert_eq!(check_points(-1, 40), Err(RuleError::PointsOutOfRange));
        assert!(passed(Attendance::Present, Some(28), 28));
        assert!(!passed(Attendance::Present, Some(27), 28));
        assert!(!passed(Attendance::Absent, Some(40), 28));
        assert!(!passed(Attendance::Present, None, 28));
        let taken = date!(2026 - 01 - 15);
        assert!(still_counts(taken, 12, date!(2027 - 01 - 15)));
        assert!(!still_counts(taken, 12, date!(2027 - 01 - 16)));
        assert!(!still_counts(taken, 12, date!(2026 - 01 - 14)));
        assert_eq!(check_not_own_result("e", "e"), Err(RuleError::OwnResult));
        assert_eq!(check_not_own_result("e", "p"), Ok(()));
    }
}
