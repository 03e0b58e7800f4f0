//! The certificate's life after issue (PRODUCT.md «After issue»): the yearly attestation
//! of professional activity («Årlig förlängning»), recertification («Omcertifiering»),
//! suspension and the reminders ahead of each date. Every rule takes `today`.

use time::{Date, Month};

use crate::rule::RuleError;

/// The yearly attestation opens, and its reminder goes out, this many months before it
/// is due.
pub const ANNUAL_OPENS_MONTHS_BEFORE: i32 = 2;
/// Recertification opens, and its reminder goes out, this many months before «Giltigt
/// till».
pub const RECERTIFICATION_OPENS_MONTHS_BEFORE: i32 = 6;
/// A suspension ends at most this many months after the day it is decided.
pub const MAX_SUSPENSION_MONTHS: i32 = 6;

crate::coded_enum! {
    /// On what ground a yearly attestation was given.
    pub enum AttestationBasis {
        /// A company administrator of the holder's confirmed current employer.
        Employer = "employer",
        /// The holder, having no confirmed current employment.
        SelfEmployed = "self_employed",
        /// Staff registered an attestation received on paper.
        Staff = "staff",
    }
}

crate::coded_enum! {
    /// A reminder sent once per certificate, kind and due date.
    pub enum ReminderKind {
        /// The yearly attestation is open.
        Annual = "annual",
        /// Recertification is open.
        Recertification = "recertification",
    }
}

/// `d` moved by `months` (negative: back), the day kept or, where the month is
/// shorter, its last day (31 August − 6 months = 28 or 29 February).
pub fn add_months(d: Date, months: i32) -> Date {
    let index = d.year() * 12 + (d.month() as i32 - 1) + months;
    let year = index.div_euclid(12);
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let last = month.length(year);
    Date::from_calendar_date(year, month, d.day().min(last)).unwrap_or(d)
}

/// `d` moved by whole years (29 February becomes 28 February in a common year).
pub fn add_years(d: Date, years: i32) -> Date {
    add_months(d, years * 12)
}

/// The yearly attestation is due on each anniversary of «Utfärdandedatum» that falls
/// before «Giltigt till» (the last year is covered by recertification). This is the
/// first one after `after`: the next due date once the one on `after` is attested.
pub fn next_annual_due(issued_on: Date, valid_until: Date, after: Date) -> Option<Date> {
    let mut years = (after.year() - issued_on.year()).max(1);
    loop {
        let due = add_years(issued_on, years);
        if due >= valid_until {
            return None;
        }
        if due > after {
            return Some(due);
        }
        years += 1;
    }
}

/// The first yearly attestation of a certificate issued on `issued_on`.
pub fn first_annual_due(issued_on: Date, valid_until: Date) -> Option<Date> {
    next_annual_due(issued_on, valid_until, issued_on)
}

/// The day the attestation due on `due` opens.
pub fn annual_opens_on(due: Date) -> Date {
    add_months(due, -ANNUAL_OPENS_MONTHS_BEFORE)
}

/// Where a certificate stands with its yearly attestation, as lists tag it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnualState {
    /// Not open yet.
    Later,
    /// Open: it may be given now.
    Open,
    /// Its due date has passed without it.
    Overdue,
}

pub fn annual_state(due: Date, today: Date) -> AnnualState {
    if today > due {
        AnnualState::Overdue
    } else if today >= annual_opens_on(due) {
        AnnualState::Open
    } else {
        AnnualState::Later
    }
}

/// A yearly attestation for the year due on `due` may be given today: it is open, and
/// the certificate is still within its validity (an attestation made late brings an
/// inactive certificate back only while it is valid).
pub fn check_annual_open(
    due: Option<Date>,
    valid_until: Option<Date>,
    today: Date,
) -> Result<Date, RuleError> {
    let due = due.ok_or(RuleError::NotAttestable)?;
    if valid_until.is_some_and(|v| today > v) {
        return Err(RuleError::NotAttestable);
    }
    if annual_state(due, today) == AnnualState::Later {
        return Err(RuleError::AttestationNotOpen);
    }
    Ok(due)
}

/// Who is attesting a holder's yearly activity, as far as the rule cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attester {
    /// The holder of the certificate.
    Holder,
    /// A company administrator of the holder's confirmed current employer (who is not
    /// the holder: two administrators may attest each other).
    EmployerAdmin,
    /// Staff registering a paper attestation.
    Staff,
    /// Anybody else.
    Other,
}

/// The basis an attestation is recorded on, or why it may not be given: the employer
/// attests for an employed holder, never the holder for their own certificate; a holder
/// without a confirmed current employment attests as self-employed.
pub fn attestation_basis(
    attester: Attester,
    holder_has_confirmed_employer: bool,
) -> Result<AttestationBasis, RuleError> {
    match attester {
        Attester::Staff => Ok(AttestationBasis::Staff),
        Attester::EmployerAdmin => Ok(AttestationBasis::Employer),
        Attester::Holder if holder_has_confirmed_employer => Err(RuleError::EmployerAttests),
        Attester::Holder => Ok(AttestationBasis::SelfEmployed),
        Attester::Other => Err(RuleError::NotHoldersEmployer),
    }
}

/// A suspension decided today may end at the earliest tomorrow and at the latest
/// [`MAX_SUSPENSION_MONTHS`] ahead.
pub fn check_suspension_end(until: Date, today: Date) -> Result<(), RuleError> {
    if until <= today {
        Err(RuleError::SuspensionEndPast)
    } else if until > add_months(today, MAX_SUSPENSION_MONTHS) {
        Err(RuleError::SuspensionTooLong)
    } else {
        Ok(())
    }
}

/// The day recertification opens for a certificate valid until `valid_until`.
pub fn recertification_opens_on(valid_until: Date) -> Date {
    add_months(valid_until, -RECERTIFICATION_OPENS_MONTHS_BEFORE)
}

/// Recertification may be applied for today: the type has it, and it is open (from six
/// months before «Giltigt till»; after it the certificate has expired).
pub fn check_recertification_open(
    recertification_years: i32,
    valid_until: Option<Date>,
    today: Date,
) -> Result<Date, RuleError> {
    let valid_until = valid_until
        .filter(|_| recertification_years > 0)
        .ok_or(RuleError::NotRecertifiable)?;
    if today > valid_until {
        return Err(RuleError::NotRecertifiable);
    }
    if today < recertification_opens_on(valid_until) {
        return Err(RuleError::RecertificationNotOpen);
    }
    Ok(valid_until)
}

/// A recertified certificate is valid for the type's validity from the old «Giltigt
/// till», so recertifying early loses nothing.
pub fn recertified_valid_until(old_valid_until: Date, validity_years: i32) -> Date {
    add_years(old_valid_until, validity_years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_keep_the_day_or_take_the_last_one() {
        assert_eq!(add_months(date!(2026 - 08 - 31), -6), date!(2026 - 02 - 28));
        assert_eq!(add_months(date!(2027 - 08 - 31), -6), date!(2027 - 02 - 28));
        assert_eq!(add_months(date!(2028 - 08 - 31), -6), date!(2028 - 02 - 29));
        assert_eq!(add_months(date!(2026 - 11 - 25), 2), date!(2027 - 01 - 25));
        assert_eq!(add_months(date!(2026 - 01 - 15), -2), date!(2025 - 11 - 15));
        assert_eq!(add_years(date!(2028 - 02 - 29), 1), date!(2029 - 02 - 28));
        assert_eq!(add_years(date!(2028 - 02 - 29), 4), date!(2032 - 02 - 29));
    }

    #[test]
    fn attestations_fall_due_on_each_anniversary_before_valid_until() {
        let issued = date!(2026 - 11 - 25);
        let valid = date!(2031 - 11 - 25);
        let first = first_annual_due(issued, valid);
        assert_eq!(first, Some(date!(2027 - 11 - 25)));
        let mut dues = vec![];
        let mut next = first;
        while let Some(d) = next {
            dues.push(d);
            next = next_annual_due(issued, valid, d);
        }
        assert_eq!(
            dues,
            [
                date!(2027 - 11 - 25),
                date!(2028 - 11 - 25),
                date!(2029 - 11 - 25),
                date!(2030 - 11 - 25)
            ]
        );
        // A leap-day issue falls due on 28 February in common years, 29 in leap years.
        let leap = date!(2028 - 02 - 29);
        assert_eq!(
            first_annual_due(leap, date!(2033 - 02 - 28)),
            Some(date!(2029 - 02 - 28))
        );
        assert_eq!(
            next_annual_due(leap, date!(2033 - 02 - 28), date!(2031 - 02 - 28)),
            Some(date!(2032 - 02 - 29))
        );
        // A one-year certificate has none.
        assert_eq!(first_annual_due(issued, date!(2027 - 11 - 25)), None);
    }

    #[test]
    fn the_attestation_opens_two_months_before_and_is_overdue_after() {
        let due = date!(2027 - 11 - 25);
        assert_eq!(annual_state(due, date!(2027 - 09 - 24)), AnnualState::Later);
        assert_eq!(annual_state(due, date!(2027 - 09 - 25)), AnnualState::Open);
        assert_eq!(annual_state(due, due), AnnualState::Open);
        assert_eq!(
            annual_state(due, date!(2027 - 11 - 26)),
            AnnualState::Overdue
        );
        let valid = Some(date!(2031 - 11 - 25));
        assert_eq!(
            check_annual_open(Some(due), valid, date!(2027 - 09 - 24)),
            Err(RuleError::AttestationNotOpen)
        );
        assert_eq!(
            check_annual_open(Some(due), valid, date!(2028 - 03 - 01)),
            Ok(due)
        );
        assert_eq!(
            check_annual_open(None, valid, date!(2028 - 03 - 01)),
            Err(RuleError::NotAttestable)
        );
        assert_eq!(
            check_annual_open(Some(due), valid, date!(2031 - 11 - 26)),
            Err(RuleError::NotAttestable),
            "after the validity"
        );
    }

    #[test]
    fn the_employer_attests_the_employed_and_the_holder_only_when_self_employed() {
        assert_eq!(
            attestation_basis(Attester::Holder, true),
            Err(RuleError::EmployerAttests)
        );
        assert_eq!(
            attestation_basis(Attester::Holder, false),
            Ok(AttestationBasis::SelfEmployed)
        );
        assert_eq!(
            attestation_basis(Attester::EmployerAdmin, true),
            Ok(AttestationBasis::Employer)
        );
        assert_eq!(
            attestation_basis(Attester::Staff, true),
            Ok(AttestationBasis::Staff)
        );
        assert_eq!(
            attestation_basis(Attester::Other, true),
            Err(RuleError::NotHoldersEmployer)
        );
        assert_eq!(
            attestation_basis(Attester::Other, false),
            Err(RuleError::NotHoldersEmployer)
        );
    }

    #[test]
    fn a_suspension_ends_within_six_months() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(check_suspension_end(date!(2026 - 11 - 26), today), Ok(()));
        assert_eq!(check_suspension_end(date!(2027 - 05 - 25), today), Ok(()));
        assert_eq!(
            check_suspension_end(date!(2027 - 05 - 26), today),
            Err(RuleError::SuspensionTooLong)
        );
        assert_eq!(
            check_suspension_end(today, today),
            Err(RuleError::SuspensionEndPast)
        );
    }

    #[test]
    fn recertification_opens_six_months_ahead_and_adds_the_validity() {
        let valid = date!(2031 - 11 - 25);
        assert_eq!(recertification_opens_on(valid), date!(2031 - 05 - 25));
        assert_eq!(
            check_recertification_open(5, Some(valid), date!(2031 - 05 - 24)),
            Err(RuleError::RecertificationNotOpen)
        );
        assert_eq!(
            check_recertification_open(5, Some(valid), date!(2031 - 05 - 25)),
            Ok(valid)
        );
        assert_eq!(
            check_recertification_open(0, Some(valid), date!(2031 - 06 - 01)),
            Err(RuleError::NotRecertifiable)
        );
        assert_eq!(
            check_recertification_open(5, Some(valid), date!(2031 - 11 - 26)),
            Err(RuleError::NotRecertifiable)
        );
        assert_eq!(recertified_valid_until(valid, 5), date!(2036 - 11 - 25));
    }

    #[test]
    fn codes_round_trip() {
        for b in AttestationBasis::ALL {
            assert_eq!(AttestationBasis::from_code(b.code()), Some(*b));
        }
        for k in ReminderKind::ALL {
            assert_eq!(ReminderKind::from_code(k.code()), Some(*k));
        }
    }
}
