//! The company certificate («företagscertifikat») stays active while at least one
//! confirmed, current employee holds an active certificate of a type the catalogue marks
//! as qualifying. When the last one goes, it is at risk: the company's administrators
//! and the staff are told.

use time::Date;

use crate::certification::CaseStatus;

crate::coded_enum! {
    pub enum Standing {
        /// Never had a qualifying employee.
        None = "none",
        Active = "active",
        /// Had one, has none now.
        AtRisk = "at_risk",
    }
}

impl Standing {
    /// The standing given how many employees keep it active now.
    pub fn next(self, qualifying_holders: usize) -> Standing {
        if qualifying_holders > 0 {
            Standing::Active
        } else if self == Standing::None {
            Standing::None
        } else {
            Standing::AtRisk
        }
    }

    /// True exactly when the last qualifying holder just went.
    pub fn was_lost(self, next: Standing) -> bool {
        self == Standing::Active && next == Standing::AtRisk
    }
}

/// Whether one employee's certificate keeps the company certificate active today.
pub fn keeps_active(
    certificate_status: CaseStatus,
    valid_until: Option<Date>,
    qualifies: bool,
    today: Date,
) -> bool {
    qualifies
        && certificate_status == CaseStatus::Active
        && !crate::certification::status::has_expired(valid_until, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn standing_follows_the_holders() {
        assert_eq!(Standing::None.next(0), Standing::None);
        assert_eq!(Standing::None.next(1), Standing::Active);
        assert_eq!(Standing::Active.next(2), Standing::Active);
        assert_eq!(Standing::Active.next(0), Standing::AtRisk);
        assert!(Standing::Active.was_lost(Standing::AtRisk));
        assert!(
            !Standing::AtRisk.was_lost(Standing::AtRisk),
            "told once, not on every recount"
        );
        assert_eq!(Standing::AtRisk.next(1), Standing::Active);
    }

    #[test]
    fn only_active_valid_qualifying_certificates_count() {
        let today = date!(2026 - 11 - 25);
        assert!(keeps_active(
            CaseStatus::Active,
            Some(date!(2027 - 01 - 01)),
            true,
            today
        ));
        assert!(keeps_active(CaseStatus::Active, Some(today), true, today));
        assert!(
            !keeps_active(CaseStatus::Active, Some(date!(2026 - 11 - 24)), true, today),
            "«Giltigt till» has passed"
        );
        assert!(
            !keeps_active(CaseStatus::Active, None, false, today),
            "type does not qualify"
        );
        assert!(!keeps_active(CaseStatus::Rejected, None, true, today));
    }
}
