//! The certificate's life after issue (PRODUCT.md «After issue»): the yearly attestation
//! («Årlig förlängning»), recertification («Omcertifiering») and the decisions after issue
//! (suspend, lift, withdraw, reduce scope). Each change, its event, its letters and the
//! company standing's recount commit in one transaction; the rules are
//! `domain::certification::life`'s and `CaseStatus`'s.

mod after_issue;
mod annual;
mod notify;
mod recertify;

pub use after_issue::{decide_after_issue, AfterIssue};
pub use annual::{attest_as_employer, attest_self, holder_annual, register_paper, HolderAnnual};
pub use notify::{to_holder_and_employer, EMPLOYER_SUFFIX};
pub use recertify::{apply_recertification, may_apply_recertification};
