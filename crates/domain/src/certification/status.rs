//! A case's status: «Pågående» from application to decision, then «Aktivt» or «Avslag».

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    InProgress,
    Active,
    Rejected,
}

impl CaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Active => "active",
            CaseStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        match s {
            "in_progress" => Some(CaseStatus::InProgress),
            "active" => Some(CaseStatus::Active),
            "rejected" => Some(CaseStatus::Rejected),
            _ => None,
        }
    }

    /// Only an open case takes uploads, attestations and invoice changes.
    pub fn is_open(self) -> bool {
        self == CaseStatus::InProgress
    }

    /// The colour of its tag (DESIGN.md): text always goes with it.
    pub fn tone(self) -> &'static str {
        match self {
            CaseStatus::InProgress => "blue",
            CaseStatus::Active => "green",
            CaseStatus::Rejected => "red",
        }
    }
}
