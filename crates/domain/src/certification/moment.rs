//! A moment («Moment») is one requirement of a case:
//! «Inväntar fil» → upload → «Inväntar granskning» → review → «Godkänt» or «Ej godkänt»;
//! after «Ej godkänt» the person uploads again and it is back to «Inväntar granskning».

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentStatus {
    AwaitingFile,
    AwaitingReview,
    Approved,
    NotApproved,
}

/// What a moment asks for: a file from the person, or a check the staff make themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MomentKind {
    File,
    Staff,
}

/// A rule of the process refused the action; `message_key` says why, in the UI's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("the moment is already approved")]
    AlreadyApproved,
    #[error("the moment does not take files")]
    NotAFileMoment,
    #[error("the moment has nothing to review")]
    NothingToReview,
    #[error("the case is closed")]
    CaseClosed,
    #[error("not every moment is approved")]
    MomentsNotApproved,
    #[error("already attested")]
    AlreadyAttested,
    #[error("the case is not complete")]
    NotReadyForDecision,
    #[error("the decider reviewed a moment of this case")]
    ReviewerMayNotDecide,
    #[error("a not-approved review needs a comment")]
    CommentRequired,
}

impl RuleError {
    pub fn message_key(&self) -> &'static str {
        match self {
            RuleError::AlreadyApproved => "rule-already-approved",
            RuleError::NotAFileMoment => "rule-not-a-file-moment",
            RuleError::NothingToReview => "rule-nothing-to-review",
            RuleError::CaseClosed => "rule-case-closed",
            RuleError::MomentsNotApproved => "rule-moments-not-approved",
            RuleError::AlreadyAttested => "rule-already-attested",
            RuleError::NotReadyForDecision => "rule-not-ready-for-decision",
            RuleError::ReviewerMayNotDecide => "rule-reviewer-may-not-decide",
            RuleError::CommentRequired => "rule-comment-required",
        }
    }
}

impl MomentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MomentKind::File => "file",
            MomentKind::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<MomentKind> {
        match s {
            "file" => Some(MomentKind::File),
            "staff" => Some(MomentKind::Staff),
            _ => None,
        }
    }

    /// The state a new moment starts in: a file moment waits for the file, a staff check
    /// waits for the staff.
    pub fn initial_status(self) -> MomentStatus {
        match self {
            MomentKind::File => MomentStatus::AwaitingFile,
            MomentKind::Staff => MomentStatus::AwaitingReview,
        }
    }
}

impl MomentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MomentStatus::AwaitingFile => "awaiting_file",
            MomentStatus::AwaitingReview => "awaiting_review",
            MomentStatus::Approved => "approved",
            MomentStatus::NotApproved => "not_approved",
        }
    }

    pub fn parse(s: &str) -> Option<MomentStatus> {
        match s {
            "awaiting_file" => Some(MomentStatus::AwaitingFile),
            "awaiting_review" => Some(MomentStatus::AwaitingReview),
            "approved" => Some(MomentStatus::Approved),
            "not_approved" => Some(MomentStatus::NotApproved),
            _ => None,
        }
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

    /// The staff reviewed it. «Ej godkänt» must say what to complete.
    pub fn after_review(self, approve: bool, comment: &str) -> Result<MomentStatus, RuleError> {
        if self != MomentStatus::AwaitingReview {
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
    fn names_round_trip() {
        for s in [AwaitingFile, AwaitingReview, Approved, NotApproved] {
            assert_eq!(MomentStatus::parse(s.as_str()), Some(s));
        }
    }
}
