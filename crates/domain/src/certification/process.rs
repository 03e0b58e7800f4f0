//! The five steps of the manual's progress bar and when each is done:
//! 1 «Ansök om certifikat» (the case exists), 2 «Genomför momenten» (every moment
//! «Godkänt»), 3 «Intyga certifikatansökan» (attested, offered only after step 2),
//! 4 «Ange fakturamottagare» (a valid recipient saved, at any time), 5 «Certifikat
//! utfärdat». Steps 2–4 done makes the case ready for the final review.

use crate::certification::moment::MomentStatus;
use crate::certification::status::CaseStatus;
use crate::rule::RuleError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Apply,
    Moments,
    Attest,
    Invoice,
    Issued,
}

pub const STEPS: [Step; 5] = [
    Step::Apply,
    Step::Moments,
    Step::Attest,
    Step::Invoice,
    Step::Issued,
];

impl Step {
    pub fn number(self) -> usize {
        match self {
            Step::Apply => 1,
            Step::Moments => 2,
            Step::Attest => 3,
            Step::Invoice => 4,
            Step::Issued => 5,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Step::Apply => "step-apply",
            Step::Moments => "step-moments",
            Step::Attest => "step-attest",
            Step::Invoice => "step-invoice",
            Step::Issued => "step-issued",
        }
    }
}

/// What is known about a case, from which every rule below follows.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub status: CaseStatus,
    pub moments: Vec<MomentStatus>,
    pub attested: bool,
    pub has_invoice_recipient: bool,
}

impl CaseFacts {
    /// The status of a case that can still be completed and decided. The store's query
    /// for the final-review queue is written with these two values, so it and
    /// `ready_for_final_review` cannot drift apart.
    pub const OPEN: CaseStatus = CaseStatus::InProgress;
    /// The status every moment must have before the final review.
    pub const DONE_MOMENT: MomentStatus = MomentStatus::Approved;

    pub fn all_moments_approved(&self) -> bool {
        self.moments.iter().all(|m| *m == Self::DONE_MOMENT)
    }

    pub fn is_done(&self, step: Step) -> bool {
        match step {
            Step::Apply => true,
            Step::Moments => self.all_moments_approved(),
            Step::Attest => self.attested,
            Step::Invoice => self.has_invoice_recipient,
            // Issued once decided for: whatever the certificate's life brought since.
            Step::Issued => !matches!(self.status, CaseStatus::InProgress | CaseStatus::Rejected),
        }
    }

    /// The step to mark `aria-current`: the first one not done (None when all are).
    pub fn current_step(&self) -> Option<Step> {
        STEPS.into_iter().find(|s| !self.is_done(*s))
    }

    /// The ⚠ notice and its link show exactly when this holds.
    pub fn must_attest(&self) -> bool {
        self.status.is_open() && self.all_moments_approved() && !self.attested
    }

    pub fn check_attest(&self) -> Result<(), RuleError> {
        if !self.status.is_open() {
            Err(RuleError::CaseClosed)
        } else if self.attested {
            Err(RuleError::AlreadyAttested)
        } else if !self.all_moments_approved() {
            Err(RuleError::MomentsNotApproved)
        } else {
            Ok(())
        }
    }

    /// Steps 2–4 done on an open case: it waits in the decision makers' queue.
    pub fn ready_for_final_review(&self) -> bool {
        self.status == Self::OPEN
            && self.all_moments_approved()
            && self.attested
            && self.has_invoice_recipient
    }

    /// Issue or reject: only a complete open case, and never by one of its reviewers.
    pub fn check_decision(
        &self,
        decider_id: &str,
        reviewer_ids: &[String],
    ) -> Result<(), RuleError> {
        if !self.status.is_open() {
            return Err(RuleError::CaseClosed);
        }
        if !self.ready_for_final_review() {
            return Err(RuleError::NotReadyForDecision);
        }
        if !crate::certification::decision::may_decide(decider_id, reviewer_ids) {
            return Err(RuleError::ReviewerMayNotDecide);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MomentStatus::*;

    fn facts(moments: Vec<MomentStatus>, attested: bool, invoice: bool) -> CaseFacts {
        CaseFacts {
            status: CaseStatus::InProgress,
            moments,
            attested,
            has_invoice_recipient: invoice,
        }
    }

    #[test]
    fn steps_follow_the_manual() {
        let f = facts(vec![AwaitingFile], false, false);
        assert_eq!(f.current_step(), Some(Step::Moments));
        assert!(!f.must_attest());
        assert_eq!(f.check_attest(), Err(RuleError::MomentsNotApproved));

        // The invoice recipient can come first; attesting still waits for the moments.
        let f = facts(vec![AwaitingReview, Approved], false, true);
        assert!(f.is_done(Step::Invoice));
        assert_eq!(f.current_step(), Some(Step::Moments));

        let f = facts(vec![Approved, Approved], false, false);
        assert!(f.must_attest());
        assert_eq!(f.current_step(), Some(Step::Attest));
        assert_eq!(f.check_attest(), Ok(()));

        let f = facts(vec![Approved], true, false);
        assert_eq!(f.current_step(), Some(Step::Invoice));
        assert!(!f.ready_for_final_review());
        assert_eq!(f.check_attest(), Err(RuleError::AlreadyAttested));

        let f = facts(vec![Approved], true, true);
        assert!(f.ready_for_final_review());
        assert_eq!(f.current_step(), Some(Step::Issued));
    }

    #[test]
    fn decisions_need_a_complete_case_and_another_person() {
        let reviewers = vec!["hanna".to_string()];
        let f = facts(vec![Approved], true, false);
        assert_eq!(
            f.check_decision("bertil", &reviewers),
            Err(RuleError::NotReadyForDecision)
        );
        let f = facts(vec![Approved], true, true);
        assert_eq!(
            f.check_decision("hanna", &reviewers),
            Err(RuleError::ReviewerMayNotDecide)
        );
        assert_eq!(f.check_decision("bertil", &reviewers), Ok(()));
        let closed = CaseFacts {
            status: CaseStatus::Active,
            ..f
        };
        assert_eq!(
            closed.check_decision("bertil", &reviewers),
            Err(RuleError::CaseClosed)
        );
        assert_eq!(closed.current_step(), None);
    }
}
