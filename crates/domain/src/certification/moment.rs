//! A moment («Moment») is one requirement of a case:
//! «Inväntar fil» → upload → «Inväntar granskning» → review → «Godkänt» or «Ej godkänt»;
//! after «Ej godkänt» the person uploads again and it is back to «Inväntar granskning».

use crate::rule::RuleError;

crate::coded_enum! {
    pub enum MomentStatus {
        AwaitingFile = "awaiting_file",
        AwaitingReview = "awaiting_review",
        Approved = "approved",
        NotApproved = "not_approved",
    }
}

crate::coded_enum! {
    /// What a moment asks for: a file from the person, or a check the staff make themselves.
    pub enum MomentKind {
        File = "file",
        Staff = "staff",
    }
}

impl MomentKind {
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
            assert_eq!(MomentStatus::from_code(s.code()), Some(s));
        }
    }
}
