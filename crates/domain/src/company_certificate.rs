//! The company certificate («företagscertifikat») stays active while at least one
//! confirmed, current employee holds an active certificate of a type the catalogue marks
//! as qualifying. When the last one goes, it is at risk: the company's administrators
//! and the staff are told.

use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Never had a qualifying employee.
    None,
    Active,
    /// Had one, has none now.
    AtRisk,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::None => "none",
            Standing::Active => "active",
            Standing::AtRisk => "at_risk",
        }
    }

    pub fn parse(s: &str) -> Standing {
        match s {
            "active" => Standing::Active,
            "at_risk" => Standing::AtRisk,
            _ => Standing::None,
        }
    }

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
    certificate_status: &str,
    valid_until: Option<Date>,
    qualifies: bool,
    today: Date,
) -> bool {
    qualifies
        && certificate_status == "active"
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
            "active",
            Some(date!(2027 - 01 - 01)),
            true,
            today
        ));
        assert!(keeps_active("active", Some(today), true, today));
        assert!(
            !keeps_active("active", Some(date!(2026 - 11 - 24)), true, today),
            "expired"
        );
        assert!(
            !keeps_active("active", None, false, today),
            "type does not qualify"
        );
        assert!(!keeps_active("rejected", None, true, today));
    }
}
