//! The final review: who may decide a case, and what an issue decides by default.
//!
//! Impartiality (ISO/IEC 17024): staff never handle their own case, and whoever assessed
//! a moment of the case may not decide it.

use time::Date;

use crate::rule::RuleError;

crate::coded_enum! {
    /// What a decision on a case was.
    pub enum DecisionKind {
        Issue = "issue",
        Reject = "reject",
        Suspend = "suspend",
        LiftSuspension = "lift_suspension",
        Withdraw = "withdraw",
        ReduceScope = "reduce_scope",
    }
}

impl DecisionKind {
    /// The decisions of the final review, which end an application; every other kind is
    /// a decision on the certificate after issue.
    pub const FINAL_REVIEW: [DecisionKind; 2] = [DecisionKind::Issue, DecisionKind::Reject];

    /// Whether this is a decision on the certificate after its issue (a suspension, a
    /// withdrawal…).
    pub fn is_after_issue(self) -> bool {
        !Self::FINAL_REVIEW.contains(&self)
    }
}

/// Staff act on their own application only as the applicant, never as officer or
/// decision maker.
pub fn check_not_own_case(actor_id: &str, holder_id: &str) -> Result<(), RuleError> {
    if actor_id == holder_id {
        Err(RuleError::OwnCase)
    } else {
        Ok(())
    }
}

/// Separation of duties: whoever assessed a moment of the case may not decide it.
pub fn may_decide(decider_id: &str, reviewer_ids: &[String]) -> bool {
    !reviewer_ids.iter().any(|r| r == decider_id)
}

/// The «Giltigt till» the issue form suggests: today plus the type's validity (29
/// February becomes 28 February in a common year). An external certificate takes the
/// other body's date, so nothing is suggested for it; nor for a type without a validity.
pub fn default_valid_until(validity_years: i32, is_external: bool, today: Date) -> Option<Date> {
    if is_external || validity_years <= 0 {
        return None;
    }
    let year = today.year() + validity_years;
    today
        .replace_year(year)
        .or_else(|_| Date::from_calendar_date(year, today.month(), 28))
        .ok()
}

/// The furthest «Giltigt till» an issue may set, in years from the issue day. The longest
/// validity in the scheme is five years; a date beyond ten is a typo (2203 for 2030).
pub const MAX_VALID_YEARS: i32 = 10;

/// «Giltigt till» chosen at issue must lie after the issue day (a certificate that has
/// already stopped being valid is not issued) and at most [`MAX_VALID_YEARS`] ahead.
pub fn check_valid_until(valid_until: Date, today: Date) -> Result<(), RuleError> {
    if valid_until <= today {
        return Err(RuleError::ValidUntilNotAfterIssue);
    }
    let latest = default_valid_until(MAX_VALID_YEARS, false, today).unwrap_or(Date::MAX);
    if valid_until > latest {
        return Err(RuleError::ValidUntilTooFar);
    }
    Ok(())
}

/// An external certificate is issued on another body's: the decision records that
/// body, its country and its number. Our own certificates carry none.
pub fn check_external_issuer(is_external: bool, issuer_given: bool) -> Result<(), RuleError> {
    if is_external && !issuer_given {
        Err(RuleError::ExternalIssuerMissing)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn only_the_final_reviews_decisions_come_before_issue() {
        use DecisionKind::*;
        assert!(!Issue.is_after_issue() && !Reject.is_after_issue());
        for kind in [Suspend, LiftSuspension, Withdraw, ReduceScope] {
            assert!(kind.is_after_issue(), "{kind:?}");
        }
    }

    #[test]
    fn a_reviewer_may_not_decide() {
        let reviewers = vec!["hanna".to_string()];
        assert!(!may_decide("hanna", &reviewers));
        assert!(may_decide("bertil", &reviewers));
        assert!(may_decide("bertil", &[]));
    }

    #[test]
    fn nobody_handles_their_own_case() {
        assert_eq!(check_not_own_case("p1", "p1"), Err(RuleError::OwnCase));
        assert_eq!(check_not_own_case("p1", "p2"), Ok(()));
    }

    #[test]
    fn the_default_validity_adds_the_types_years() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(
            default_valid_until(5, false, today),
            Some(date!(2031 - 11 - 25))
        );
        assert_eq!(default_valid_until(5, true, today), None, "external");
        assert_eq!(default_valid_until(0, false, today), None, "no validity");
        assert_eq!(
            default_valid_until(1, false, date!(2028 - 02 - 29)),
            Some(date!(2029 - 02 - 28))
        );
    }

    #[test]
    fn valid_until_lies_after_the_issue_day() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(check_valid_until(date!(2026 - 11 - 26), today), Ok(()));
        assert_eq!(
            check_valid_until(today, today),
            Err(RuleError::ValidUntilNotAfterIssue)
        );
        assert_eq!(
            check_valid_until(date!(2020 - 01 - 01), today),
            Err(RuleError::ValidUntilNotAfterIssue)
        );
    }

    #[test]
    fn valid_until_lies_at_most_ten_years_ahead() {
        let today = date!(2026 - 11 - 25);
        assert_eq!(check_valid_until(date!(2036 - 11 - 25), today), Ok(()));
        assert_eq!(
            check_valid_until(date!(2036 - 11 - 26), today),
            Err(RuleError::ValidUntilTooFar)
        );
        assert_eq!(
            check_valid_until(date!(2100 - 12 - 31), today),
            Err(RuleError::ValidUntilTooFar)
        );
        // From a leap day, ten years ahead is 28 February.
        let leap = date!(2028 - 02 - 29);
        assert_eq!(check_valid_until(date!(2038 - 02 - 28), leap), Ok(()));
        assert_eq!(
            check_valid_until(date!(2038 - 03 - 01), leap),
            Err(RuleError::ValidUntilTooFar)
        );
        // Every validity the scheme's types suggest is accepted.
        for years in 1..=MAX_VALID_YEARS {
            let suggested = default_valid_until(years, false, today).expect("a date");
            assert_eq!(check_valid_until(suggested, today), Ok(()), "{years}");
        }
    }

    #[test]
    fn an_external_certificate_names_its_issuer() {
        assert_eq!(
            check_external_issuer(true, false),
            Err(RuleError::ExternalIssuerMissing)
        );
        assert_eq!(check_external_issuer(true, true), Ok(()));
        assert_eq!(check_external_issuer(false, false), Ok(()));
    }
}
