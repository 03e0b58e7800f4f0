//! The colour of each status tag (DESIGN.md: blue in progress, green done, red refused,
//! amber needs attention, neutral waiting). Presentation, so it lives here and not in
//! `domain`; the tag's text always goes with it (`ctx.tp`).

use domain::certification::{CaseStatus, MomentStatus};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;

pub fn case(status: CaseStatus) -> &'static str {
    match status {
        CaseStatus::InProgress => "blue",
        CaseStatus::Active => "green",
        CaseStatus::Rejected => "red",
        CaseStatus::Expired => "amber",
        CaseStatus::Inactive => "amber",
        CaseStatus::Suspended => "amber",
        CaseStatus::Withdrawn => "red",
        CaseStatus::Recertified => "neutral",
    }
}

pub fn moment(status: MomentStatus) -> &'static str {
    match status {
        MomentStatus::AwaitingFile => "neutral",
        MomentStatus::AwaitingReview => "blue",
        MomentStatus::Approved => "green",
        MomentStatus::NotApproved => "red",
        MomentStatus::AwaitingExam => "neutral",
    }
}

pub fn employment(status: EmploymentStatus) -> &'static str {
    match status {
        EmploymentStatus::Pending => "blue",
        EmploymentStatus::Confirmed => "green",
        EmploymentStatus::Rejected => "red",
        EmploymentStatus::Ended => "neutral",
    }
}

pub fn standing(standing: Standing) -> &'static str {
    match standing {
        Standing::Active => "green",
        Standing::AtRisk => "amber",
        Standing::None => "neutral",
    }
}
