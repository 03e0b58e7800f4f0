//! The certification process of the manual: a case's five steps, its moments' states,
//! who may do what, and the certificate number.

pub mod moment;
pub mod process;
pub mod status;

pub use moment::{MomentKind, MomentStatus, RuleError};
pub use process::{CaseFacts, Step, STEPS};
pub use status::{has_expired, CaseStatus};

/// The certificate number as the manual shows it («00000»): at least five digits.
pub fn certificate_number(n: i64) -> String {
    format!("{n:05}")
}

/// Separation of duties (ISO/IEC 17024): whoever assessed a moment of the case may not
/// decide it.
pub fn may_decide(decider_id: &str, reviewer_ids: &[String]) -> bool {
    !reviewer_ids.iter().any(|r| r == decider_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_to_five_digits() {
        assert_eq!(certificate_number(0), "00000");
        assert_eq!(certificate_number(42), "00042");
        assert_eq!(certificate_number(123456), "123456");
    }

    #[test]
    fn a_reviewer_may_not_decide() {
        let reviewers = vec!["hanna".to_string()];
        assert!(!may_decide("hanna", &reviewers));
        assert!(may_decide("bertil", &reviewers));
        assert!(may_decide("bertil", &[]));
    }
}
