//! The one way a rule of the portal says no. Every variant carries the message key the
//! reader sees (in `texts`), so a refusal reads the same on every page that can hit it.

/// A rule refused the action; `message_key` says why, in the UI's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    // The case and its moments.
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
    #[error("staff do not handle their own case")]
    OwnCase,
    #[error("«Giltigt till» is not after the issue day")]
    ValidUntilNotAfterIssue,
    #[error("«Giltigt till» is more than ten years ahead")]
    ValidUntilTooFar,
    #[error("an external certificate needs its issuing body, country and number")]
    ExternalIssuerMissing,
    #[error("an open case of this type exists")]
    OpenCaseExists,
    // The certificate's life after issue.
    #[error("the certificate takes no yearly attestation now")]
    NotAttestable,
    #[error("the yearly attestation is not open yet")]
    AttestationNotOpen,
    #[error("this year's attestation is given already")]
    AlreadyAttestedThisYear,
    #[error("an employed holder's attestation is given by the employer")]
    EmployerAttests,
    #[error("only the holder's employer's administrator attests")]
    NotHoldersEmployer,
    #[error("the certificate has ended")]
    CertificateNotLive,
    #[error("the certificate is suspended already")]
    AlreadySuspended,
    #[error("the certificate is not suspended")]
    NotSuspended,
    #[error("the suspension's end is not after today")]
    SuspensionEndPast,
    #[error("a suspension lasts at most six months")]
    SuspensionTooLong,
    #[error("the certificate cannot be recertified")]
    NotRecertifiable,
    #[error("recertification is not open yet")]
    RecertificationNotOpen,
    #[error("the type is closed to new applications")]
    TypeClosed,
    #[error("a decision needs its reason")]
    ReasonRequired,
    #[error("a reduced scope needs its text")]
    ScopeRequired,
    // Exams.
    #[error("the session has no free seat")]
    SessionFull,
    #[error("the last day to book has passed")]
    BookingClosed,
    #[error("the last day to cancel has passed")]
    CancelClosed,
    #[error("an open booking of this exam exists")]
    OpenBookingExists,
    #[error("too many attempts at this exam within twelve months")]
    TooManyAttempts,
    #[error("the booking is not open")]
    BookingNotOpen,
    #[error("the session's results are fixed")]
    ResultsFixed,
    #[error("the results are not fixed yet")]
    ResultsNotFixed,
    #[error("points above the exam's maximum")]
    PointsOutOfRange,
    #[error("an examiner does not register their own result")]
    OwnResult,
    #[error("the centre does not hold this exam")]
    CentreDoesNotHoldExam,
    #[error("the session's dates do not fit")]
    SessionDates,
    #[error("an exam session needs at least one seat")]
    NoSeats,
    #[error("every present person needs points")]
    PointsMissing,
    // Employments and companies.
    #[error("an open employment request or employment exists")]
    EmploymentOpen,
    #[error("the employment is not waiting for confirmation")]
    EmploymentNotPending,
    #[error("the employment is not confirmed")]
    EmploymentNotConfirmed,
    #[error("the end date is before the start")]
    EndBeforeStart,
    #[error("the end date is in the future")]
    EndInFuture,
    #[error("the start date is more than a year ahead")]
    StartTooFar,
    #[error("only a confirmed current employee can be a company administrator")]
    GrantNotEmployee,
    #[error("the organisationsnummer is registered already")]
    CompanyExists,
    #[error("the person administers the company already")]
    AlreadyCompanyAdmin,
    // Accounts.
    #[error("the e-mailed link is unknown, used or expired")]
    LinkUnusable,
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
            RuleError::OwnCase => "staff-rule-own-case",
            RuleError::ValidUntilNotAfterIssue => "staff-err-valid-until-past",
            RuleError::ValidUntilTooFar => "err-valid-until-too-far",
            RuleError::ExternalIssuerMissing => "staff-rule-external-issuer-missing",
            RuleError::OpenCaseExists => "err-certificate-open-case",
            RuleError::NotAttestable => "rule-not-attestable",
            RuleError::AttestationNotOpen => "rule-attestation-not-open",
            RuleError::AlreadyAttestedThisYear => "rule-already-attested-this-year",
            RuleError::EmployerAttests => "rule-employer-attests",
            RuleError::NotHoldersEmployer => "rule-not-holders-employer",
            RuleError::CertificateNotLive => "rule-certificate-not-live",
            RuleError::AlreadySuspended => "rule-already-suspended",
            RuleError::NotSuspended => "rule-not-suspended",
            RuleError::SuspensionEndPast => "rule-suspension-end-past",
            RuleError::SuspensionTooLong => "rule-suspension-too-long",
            RuleError::NotRecertifiable => "rule-not-recertifiable",
            RuleError::RecertificationNotOpen => "rule-recertification-not-open",
            RuleError::TypeClosed => "rule-type-closed",
            RuleError::ReasonRequired => "rule-reason-required",
            RuleError::ScopeRequired => "rule-scope-required",
            RuleError::SessionFull => "rule-session-full",
            RuleError::BookingClosed => "rule-booking-closed",
            RuleError::CancelClosed => "rule-cancel-closed",
            RuleError::OpenBookingExists => "rule-open-booking-exists",
            RuleError::TooManyAttempts => "rule-too-many-attempts",
            RuleError::BookingNotOpen => "rule-booking-not-open",
            RuleError::ResultsFixed => "rule-results-fixed",
            RuleError::ResultsNotFixed => "rule-results-not-fixed",
            RuleError::PointsOutOfRange => "rule-points-out-of-range",
            RuleError::OwnResult => "rule-own-result",
            RuleError::CentreDoesNotHoldExam => "rule-centre-does-not-hold-exam",
            RuleError::SessionDates => "rule-session-dates",
            RuleError::NoSeats => "rule-no-seats",
            RuleError::PointsMissing => "rule-points-missing",
            RuleError::EmploymentOpen => "err-employment-open",
            RuleError::EmploymentNotPending => "err-employment-not-pending",
            RuleError::EmploymentNotConfirmed => "err-employment-not-confirmed",
            RuleError::EndBeforeStart => "err-end-before-start",
            RuleError::EndInFuture => "err-end-in-future",
            RuleError::StartTooFar => "err-start-date-far",
            RuleError::GrantNotEmployee => "err-grant-not-employee",
            RuleError::CompanyExists => "err-company-exists",
            RuleError::AlreadyCompanyAdmin => "err-admin-already",
            RuleError::LinkUnusable => "err-link-unusable",
        }
    }
}
