//! A case's status: «Pågående» from application to decision, then «Aktivt» or «Avslag»;
//! an active certificate becomes «Utgånget» the day after «Giltigt till».

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    InProgress,
    Active,
    Rejected,
    Expired,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Active => "active",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        match s {
            "in_progress" => Some(CaseStatus::InProgress),
            "active" => Some(CaseStatus::Active),
            "rejected" => Some(CaseStatus::Rejected),
            "expired" => Some(CaseStatus::Expired),
            _ => None,
        }
    }

    /// Only an open case takes uploads, attestations and invoice changes.
    pub fn is_open(self) -> bool {
        self == CaseStatus::InProgress
    }

    /// The colour of its tag (DESIGN.md): text always goes with it.
    pub fn tone(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "blue",
            CaseStatus::Active => "green",
            CaseStatus::Rejected => "red",
            CaseStatus::Expired => "amber",
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
        for s in [
            CaseStatus::InProgress,
            CaseStatus::Active,
            CaseStatus::Rejected,
            CaseStatus::Expired,
        ] {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
        }
    }
}
