//! A moment («Moment») is one requirement of a case:
//! «Inväntar fil» → upload → «Inväntar granskning» → review → «Godkänt» or «Ej godkänt»;
//! after «Ej godkänt» the person uploads again and it is back to «Inväntar granskning».
//! An exam moment waits «Inväntar prov» until a passed exam result of its kind satisfies
//! it (or staff review it by hand, for an exam taken elsewhere).

use crate::certification::decision::check_not_own_case;
use crate::certification::status::CaseStatus;
use crate::rule::RuleError;

crate::coded_enum! {
    pub enum MomentStatus {
        AwaitingFile = "awaiting_file",
        AwaitingReview = "awaiting_review",
        Approved = "approved",
        NotApproved = "not_approved",
        AwaitingExam = "awaiting_exam",
    }
}

crate::coded_enum! {
    /// What a moment asks for: a file from the person, or a check the staff make themselves.
    pub enum MomentKind {
        File = "file",
        Staff = "staff",
        /// A passed exam of a kind that satisfies it («Teoretiskt prov», «Praktiskt prov»).
        Exam = "exam",
    }
}

impl MomentKind {
    /// The state a new moment starts in: a file moment waits for the file, a staff check
    /// waits for the staff.
    pub fn initial_status(self) -> MomentStatus {
        match self {
            MomentKind::File => MomentStatus::AwaitingFile,
            MomentKind::Staff => MomentStatus::AwaitingReview,
            MomentKind::Exam => MomentStatus::AwaitingExam,
        }
    }
}

impl MomentStatus {
    /// Whether the moment waits in the officers' queue (since when is kept on the row).
    pub fn awaits_review(self) -> bool {
        self == MomentStatus::AwaitingReview
    }

    /// A new file was uploaded. Every version is kept; an approved moment is final.
    pub fn after_upload(self, kind: MomentKind) -> Result<MomentStatus, RuleError> {
        if kind != MomentKind::File {
            return Err(RuleError::NotAFileMoment);
        }
        match self {
            MomentStatus::Approved => Err(RuleError::AlreadyApproved),
            _ => Ok(MomentStatus::AwaitingReview),
        }
    }

    /// Whether staff may review it now: it waits for a review, or for an exam (reviewed by
    /// hand when the exam was taken at another body).
    pub fn reviewable(self) -> bool {
        matches!(
            self,
            MomentStatus::AwaitingReview | MomentStatus::AwaitingExam
        )
    }

    /// A passed exam result satisfies the moment: anything but «Godkänt» becomes it.
    pub fn after_passed_exam(self) -> Option<MomentStatus> {
        (self != MomentStatus::Approved).then_some(MomentStatus::Approved)
    }

    /// The staff reviewed it. «Ej godkänt» must say what to complete.
    pub fn after_review(self, approve: bool, comment: &str) -> Result<MomentStatus, RuleError> {
        if !self.reviewable() {
            return Err(RuleError::NothingToReview);
        }
        if approve {
            Ok(MomentStatus::Approved)
        } else if comment.trim().is_empty() {
            Err(RuleError::CommentRequired)
        } else {
            Ok(MomentStatus::NotApproved)
        }
    }
}

/// Whether `reviewer_id` may review a moment of `holder_id`'s case now: never their own
/// case (impartiality), only while the case is open, and only a moment that waits for a
/// review. The review page asks this to decide whether to offer the form; the review
/// itself asks it again in its transaction.
pub fn check_may_review(
    reviewer_id: &str,
    holder_id: &str,
    case: CaseStatus,
    moment: MomentStatus,
) -> Result<(), RuleError> {
    check_not_own_case(reviewer_id, holder_id)?;
    if !case.is_open() {
        return Err(RuleError::CaseClosed);
    }
    if !moment.reviewable() {
        return Err(RuleError::NothingToReview);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::MomentKind::*;
    use super::MomentStatus::*;
    use super::*;

    #[test]
    fn the_manuals_walk() {
        let s = File.initial_status();
        assert_eq!(s, AwaitingFile);
        let s = s.after_upload(File).unwrap_or(s);
        assert_eq!(s, AwaitingReview);
        assert_eq!(s.after_review(false, ""), Err(RuleError::CommentRequired));
        let s = s.after_review(false, "Bilden är oskarp").unwrap_or(s);
        assert_eq!(s, NotApproved);
        let s = s.after_upload(File).unwrap_or(s);
        assert_eq!(s, AwaitingReview);
        let s = s.after_review(true, "").unwrap_or(s);
        assert_eq!(s, Approved);
        assert_eq!(s.after_upload(File), Err(RuleError::AlreadyApproved));
        assert_eq!(s.after_review(true, ""), Err(RuleError::NothingToReview));
    }

    #[test]
    fn nothing_to_review_before_a_file() {
        assert_eq!(
            AwaitingFile.after_review(true, ""),
            Err(RuleError::NothingToReview)
        );
    }

    #[test]
    fn staff_checks_take_no_files() {
        assert_eq!(Staff.initial_status(), AwaitingReview);
        assert_eq!(
            AwaitingReview.after_upload(Staff),
            Err(RuleError::NotAFileMoment)
        );
    }

    #[test]
    fn a_review_needs_another_person_an_open_case_and_a_waiting_moment() {
        use crate::certification::CaseStatus::{Active, InProgress};
        assert_eq!(
            check_may_review("hanna", "anna", InProgress, AwaitingReview),
            Ok(())
        );
        assert_eq!(
            check_may_review("anna", "anna", InProgress, AwaitingReview),
            Err(RuleError::OwnCase)
        );
        // Their own case is refused first, whatever state it is in.
        assert_eq!(
            check_may_review("anna", "anna", Active, Approved),
            Err(RuleError::OwnCase)
        );
        assert_eq!(
            check_may_review("hanna", "anna", Active, AwaitingReview),
            Err(RuleError::CaseClosed)
        );
        for done in [AwaitingFile, Approved, NotApproved] {
            assert_eq!(
                check_may_review("hanna", "anna", InProgress, done),
                Err(RuleError::NothingToReview)
            );
        }
    }

    #[test]
    fn an_exam_moment_waits_for_an_exam_or_a_review_by_hand() {
        assert_eq!(Exam.initial_status(), AwaitingExam);
        assert!(!AwaitingExam.awaits_review(), "not in the officers' queue");
        assert_eq!(
            AwaitingExam.after_upload(Exam),
            Err(RuleError::NotAFileMoment)
        );
        assert_eq!(AwaitingExam.after_passed_exam(), Some(Approved));
        assert_eq!(NotApproved.after_passed_exam(), Some(Approved));
        assert_eq!(Approved.after_passed_exam(), None);
        assert_eq!(AwaitingExam.after_review(true, ""), Ok(Approved));
        use crate::certification::CaseStatus::InProgress;
        assert_eq!(
            check_may_review("hanna", "anna", InProgress, AwaitingExam),
            Ok(())
        );
    }

    #[test]
    fn names_round_trip() {
        for s in [
            AwaitingFile,
            AwaitingReview,
            Approved,
            NotApproved,
            AwaitingExam,
        ] {
            assert_eq!(MomentStatus::from_code(s.code()), Some(s));
        }
    }
}
