//! The certification process of the manual: a case's five steps, its moments' states,
//! who may decide, and the certificate number.

pub mod decision;
pub mod invoice;
pub mod life;
pub mod moment;
pub mod process;
pub mod scheme;
pub mod status;

pub use crate::rule::RuleError;
pub use decision::{
    check_external_issuer, check_not_own_case, check_valid_until, default_valid_until, may_decide,
    DecisionKind,
};
pub use invoice::InvoiceRecipientKind;
pub use life::{AnnualState, AttestationBasis, Attester, ReminderKind};
pub use moment::{check_may_review, MomentKind, MomentStatus};
pub use process::{CaseFacts, Step, STEPS};
pub use scheme::Subject;
pub use status::{has_expired, CaseStatus};

/// The certificate number as the manual shows it («00000»): at least five digits.
pub fn certificate_number(n: i64) -> String {
    format!("{n:05}")
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
}
