//! A case's status: «Pågående» from application to decision, then «Aktivt» or «Avslag».
//! An active certificate lives on: «Inaktivt» when a yearly attestation is missed (until
//! it comes), «Suspenderat» and «Återkallat» by decision, «Omcertifierad» once a
//! recertification case has taken its number over, and «Utgånget» the day after
//! «Giltigt till».

use crate::rule::RuleError;

crate::coded_enum! {
    pub enum CaseStatus {
        InProgress = "in_progress",
        Active = "active",
        Rejected = "rejected",
        Expired = "expired",
        Inactive = "inactive",
        Suspended = "suspended",
        Withdrawn = "withdrawn",
        Recertified = "recertified",
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

    /// The statuses a certificate passes through after issue until its end: it still
    /// exists, may be attested, suspended, withdrawn or expire.
    pub const LIVE: &'static [CaseStatus] = &[
        CaseStatus::Active,
        CaseStatus::Inactive,
        CaseStatus::Suspended,
    ];

    /// An issued certificate that has not ended (withdrawn, expired or recertified).
    pub fn is_live(self) -> bool {
        CaseStatus::LIVE.contains(&self)
    }

    /// The day after «Giltigt till» a live certificate has expired (a suspended one too:
    /// the suspension cannot outlast the validity); nothing else expires.
    pub fn after_expiry(self) -> Option<CaseStatus> {
        self.is_live().then_some(CaseStatus::Expired)
    }

    /// A yearly attestation that was due passed without one: «Aktivt» becomes «Inaktivt».
    pub fn after_lapse(self) -> Option<CaseStatus> {
        (self == CaseStatus::Active).then_some(CaseStatus::Inactive)
    }

    /// «Årlig förlängning» given: an active certificate stays active, an inactive one is
    /// active again. A suspended or ended one takes no attestation.
    pub fn after_annual_attestation(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::Active | CaseStatus::Inactive => Ok(CaseStatus::Active),
            _ => Err(RuleError::NotAttestable),
        }
    }

    /// «Suspendera»: an active or inactive certificate is suspended.
    pub fn after_suspend(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::Active | CaseStatus::Inactive => Ok(CaseStatus::Suspended),
            CaseStatus::Suspended => Err(RuleError::AlreadySuspended),
            _ => Err(RuleError::CertificateNotLive),
        }
    }

    /// «Häv suspension»: a suspended certificate is active again.
    pub fn after_lift(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::Suspended => Ok(CaseStatus::Active),
            _ => Err(RuleError::NotSuspended),
        }
    }

    /// «Återkalla»: any live certificate is withdrawn, for good.
    pub fn after_withdraw(self) -> Result<CaseStatus, RuleError> {
        if self.is_live() {
            Ok(CaseStatus::Withdrawn)
        } else {
            Err(RuleError::CertificateNotLive)
        }
    }

    /// «Begränsa omfattning» needs a certificate that is live.
    pub fn check_live(self) -> Result<(), RuleError> {
        if self.is_live() {
            Ok(())
        } else {
            Err(RuleError::CertificateNotLive)
        }
    }

    /// «Ansök om omcertifiering» is offered on an active or inactive certificate (not a
    /// suspended one: a suspension is decided first).
    pub fn may_recertify(self) -> bool {
        matches!(self, CaseStatus::Active | CaseStatus::Inactive)
    }

    /// The recertification case is issued: the old case hands its number over and shows
    /// «Omcertifierad». A certificate that expired while the application was handled is
    /// still recertified; a suspended or withdrawn one is not.
    pub fn after_recertification(self) -> Result<CaseStatus, RuleError> {
        match self {
            CaseStatus::Active | CaseStatus::Inactive | CaseStatus::Expired => {
                Ok(CaseStatus::Recertified)
            }
            _ => Err(RuleError::NotRecertifiable),
        }
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
        for closed in CaseStatus::ALL
            .iter()
            .copied()
            .filter(|s| *s != CaseStatus::InProgress)
        {
            assert_eq!(closed.check_open(), Err(RuleError::CaseClosed));
        }
    }

    #[test]
    fn only_an_open_case_is_decided_and_only_an_active_one_expires() {
        use CaseStatus::*;
        assert_eq!(InProgress.after_issue(), Ok(Active));
        assert_eq!(InProgress.after_reject(), Ok(Rejected));
        for closed in CaseStatus::ALL.iter().copied().filter(|s| *s != InProgress) {
            assert_eq!(closed.after_issue(), Err(RuleError::CaseClosed));
            assert_eq!(closed.after_reject(), Err(RuleError::CaseClosed));
        }
        for live in [Active, Inactive, Suspended] {
            assert_eq!(live.after_expiry(), Some(Expired));
        }
        for other in [InProgress, Rejected, Expired, Withdrawn, Recertified] {
            assert_eq!(other.after_expiry(), None, "{other:?}");
        }
    }

    #[test]
    fn a_missed_attestation_makes_inactive_and_an_attestation_active_again() {
        use CaseStatus::*;
        assert_eq!(Active.after_lapse(), Some(Inactive));
        for s in [
            InProgress, Inactive, Suspended, Withdrawn, Expired, Rejected,
        ] {
            assert_eq!(s.after_lapse(), None, "{s:?}");
        }
        assert_eq!(Active.after_annual_attestation(), Ok(Active));
        assert_eq!(Inactive.after_annual_attestation(), Ok(Active));
        for s in [InProgress, Suspended, Withdrawn, Expired, Recertified] {
            assert_eq!(
                s.after_annual_attestation(),
                Err(RuleError::NotAttestable),
                "{s:?}"
            );
        }
    }

    #[test]
    fn suspension_lift_and_withdrawal() {
        use CaseStatus::*;
        assert_eq!(Active.after_suspend(), Ok(Suspended));
        assert_eq!(Inactive.after_suspend(), Ok(Suspended));
        assert_eq!(Suspended.after_suspend(), Err(RuleError::AlreadySuspended));
        assert_eq!(
            Withdrawn.after_suspend(),
            Err(RuleError::CertificateNotLive)
        );
        assert_eq!(Suspended.after_lift(), Ok(Active));
        assert_eq!(Active.after_lift(), Err(RuleError::NotSuspended));
        for live in [Active, Inactive, Suspended] {
            assert_eq!(live.after_withdraw(), Ok(Withdrawn));
            assert_eq!(live.check_live(), Ok(()));
        }
        for ended in [Withdrawn, Expired, Recertified, Rejected, InProgress] {
            assert_eq!(ended.after_withdraw(), Err(RuleError::CertificateNotLive));
            assert_eq!(ended.check_live(), Err(RuleError::CertificateNotLive));
        }
    }

    #[test]
    fn recertification_takes_over_an_active_inactive_or_expired_certificate() {
        use CaseStatus::*;
        assert!(Active.may_recertify() && Inactive.may_recertify());
        assert!(!Suspended.may_recertify() && !Withdrawn.may_recertify());
        for s in [Active, Inactive, Expired] {
            assert_eq!(s.after_recertification(), Ok(Recertified));
        }
        for s in [Suspended, Withdrawn, Recertified, InProgress, Rejected] {
            assert_eq!(s.after_recertification(), Err(RuleError::NotRecertifiable));
        }
    }
}
