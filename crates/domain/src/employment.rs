//! An employment («Anställning»): the person asks, a company administrator confirms or
//! declines; a confirmed employment is ended by either side with an end date.
//! «Väntar på bekräftelse» → «Bekräftad» | «Avböjd»; «Bekräftad» → «Avslutad».

use time::{Date, Duration};

use crate::rule::RuleError;

crate::coded_enum! {
    pub enum EmploymentStatus {
        Pending = "pending",
        Confirmed = "confirmed",
        Rejected = "rejected",
        Ended = "ended",
    }
}

/// How far ahead a start date may lie: a new job agreed for next year, not a typo.
pub const MAX_START_AHEAD: Duration = Duration::days(366);

impl EmploymentStatus {
    /// Pending and confirmed employments are open: a person has at most one open per
    /// company.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            EmploymentStatus::Pending | EmploymentStatus::Confirmed
        )
    }

    /// A company administrator answers a request.
    pub fn after_decision(self, confirm: bool) -> Result<EmploymentStatus, RuleError> {
        match (self, confirm) {
            (EmploymentStatus::Pending, true) => Ok(EmploymentStatus::Confirmed),
            (EmploymentStatus::Pending, false) => Ok(EmploymentStatus::Rejected),
            _ => Err(RuleError::EmploymentNotPending),
        }
    }

    /// «Avsluta anställning».
    pub fn after_end(self) -> Result<EmploymentStatus, RuleError> {
        match self {
            EmploymentStatus::Confirmed => Ok(EmploymentStatus::Ended),
            _ => Err(RuleError::EmploymentNotConfirmed),
        }
    }
}

/// A requested start date: at most a year ahead (any past date is a fact to record).
pub fn check_start_date(start: Date, today: Date) -> Result<Date, RuleError> {
    if start > today + MAX_START_AHEAD {
        Err(RuleError::StartTooFar)
    } else {
        Ok(start)
    }
}

/// An end date: not before the start, and not in the future (nothing ends an employment
/// later by itself, so a future end would be a promise the portal cannot keep).
pub fn check_end_date(end: Date, start: Date, today: Date) -> Result<Date, RuleError> {
    if end < start {
        Err(RuleError::EndBeforeStart)
    } else if end > today {
        Err(RuleError::EndInFuture)
    } else {
        Ok(end)
    }
}

#[cfg(test)]
mod tests {
    use super::EmploymentStatus::*;
    use super::*;
    use time::macros::date;

    #[test]
    fn requests_are_answered_once_and_only_confirmed_ones_end() {
        assert_eq!(Pending.after_decision(true), Ok(Confirmed));
        assert_eq!(Pending.after_decision(false), Ok(Rejected));
        for s in [Confirmed, Rejected, Ended] {
            assert_eq!(s.after_decision(true), Err(RuleError::EmploymentNotPending));
        }
        assert_eq!(Confirmed.after_end(), Ok(Ended));
        for s in [Pending, Rejected, Ended] {
            assert_eq!(s.after_end(), Err(RuleError::EmploymentNotConfirmed));
        }
        assert!(Pending.is_open() && Confirmed.is_open());
        assert!(!Rejected.is_open() && !Ended.is_open());
    }

    #[test]
    fn end_dates_lie_between_the_start_and_today() {
        let today = date!(2026 - 11 - 25);
        let start = date!(2020 - 01 - 01);
        assert_eq!(check_end_date(today, start, today), Ok(today));
        assert_eq!(check_end_date(start, start, today), Ok(start));
        assert_eq!(
            check_end_date(date!(2019 - 12 - 31), start, today),
            Err(RuleError::EndBeforeStart)
        );
        assert_eq!(
            check_end_date(date!(2026 - 11 - 26), start, today),
            Err(RuleError::EndInFuture)
        );
    }

    #[test]
    fn a_start_date_is_at_most_a_year_ahead() {
        let today = date!(2026 - 11 - 25);
        assert!(check_start_date(date!(1999 - 01 - 01), today).is_ok());
        assert!(check_start_date(today + MAX_START_AHEAD, today).is_ok());
        assert_eq!(
            check_start_date(today + MAX_START_AHEAD + Duration::days(1), today),
            Err(RuleError::StartTooFar)
        );
    }
}
