//! A case's status: «Pågående» from application to decision, then «Aktivt» or «Avslag»;
//! an active certificate becomes «Utgånget» the day after «Giltigt till».

use crate::rule::RuleError;

crate::coded_enum! {
    pub enum CaseStatus {
        InProgress = "in_progress",
        Active = "active",
        Rejected = "rejected",
        Expired = "expired",
    }
}

impl CaseStatus {
    /// Only an open case takes uploads, attestations and invoice changes.
    pub fn is_open(self) -> bool {
        self == CaseStatus::InProgress
    }

    /// The person's changes to a case (an upload, the invoice recipient) need it open:
    /// once decided, the case is closed.
    pub fn check_open(self) -> Result<(), RuleError> {
        if self.is_open() {
            Ok(())
        } else {
            Err(RuleError::CaseClosed)
        }
    }

    /// «Utfärda certifikat»: an open case becomes an active certificate.
    pub fn after_issue(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::InProgress => Ok(CaseStatus::Active),
            _ => Err(RuleError::CaseClosed),
        }
    }

    /// «Avslå»: an open case is rejected.
    pub fn after_reject(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::InProgress => Ok(CaseStatus::Rejected),
            _ => Err(RuleError::CaseClosed),
        }
    }

    /// The day after «Giltigt till» an active certificate has expired; nothing else
    /// expires.
    pub fn after_expiry(self) -> Option<CaseStatus> {
        (self == CaseStatus::Active).then_some(CaseStatus::Expired)
    }
}

/// Whether an active certificate has expired: «Giltigt till» is the last valid day.
pub fn has_expired(valid_until: Option<time::Date>, today: time::Date) -> bool {
    valid_until.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn valid_until_is_the_last_valid_day() {
        let today = date!(2026 - 11 - 25);
        assert!(!has_expired(Some(today), today));
        assert!(has_expired(Some(date!(2026 - 11 - 24)), today));
        assert!(!has_expired(None, today));
    }

    #[test]
    fn names_round_trip() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(CaseStatus::from_code("bogus"), None);
    }

    #[test]
    fn only_an_open_case_takes_the_persons_changes() {
        assert_eq!(CaseStatus::InProgress.check_open(), Ok(()));
        for closed in [
            CaseStatus::Active,
            CaseStatus::Rejected,
            CaseStatus::Expired,
        ] {
            assert_eq!(closed.check_open(), Err(RuleError::CaseClosed));
        }
    }

    #[test]
    fn only_an_open_case_is_decided_and_only_an_active_one_expires() {
        use CaseStatus::*;
        assert_eq!(InProgress.after_issue(), Ok(Active));
        assert_eq!(InProgress.after_reject(), Ok(Rejected));
        for closed in [Active, Rejected, Expired] {
            assert_eq!(closed.after_issue(), Err(RuleError::CaseClosed));
            assert_eq!(closed.after_reject(), Err(RuleError::CaseClosed));
        }
        assert_eq!(Active.after_expiry(), Some(Expired));
        assert_eq!(InProgress.after_expiry(), None);
        assert_eq!(Rejected.after_expiry(), None);
    }
}
