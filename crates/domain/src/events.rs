//! What «Händelselogg» records: every kind of event, as the stable key the UI translates
//! (`event-<code>`).

crate::coded_enum! {
    pub enum EventKind {
        AccountCreated = "account-created",
        AccountRegistered = "account-registered",
        EmailVerified = "email-verified",
        PasswordReset = "password-reset",
        PasswordChanged = "password-changed",
        ProfileUpdated = "profile-updated",
        CaseCreated = "case-created",
        FileUploaded = "file-uploaded",
        MomentApproved = "moment-approved",
        MomentRejected = "moment-rejected",
        CaseAttested = "case-attested",
        InvoiceRecipientSet = "invoice-recipient-set",
        CertificateIssued = "certificate-issued",
        ApplicationRejected = "application-rejected",
        CertificateExpired = "certificate-expired",
        CompanyCreated = "company-created",
        CompanyUpdated = "company-updated",
        CompanyAdminGranted = "company-admin-granted",
        CompanyAdminRemoved = "company-admin-removed",
        CompanyCertificateActive = "company-certificate-active",
        CompanyCertificateAtRisk = "company-certificate-at-risk",
        EmploymentRequested = "employment-requested",
        EmploymentConfirmed = "employment-confirmed",
        EmploymentRejected = "employment-rejected",
        EmploymentEnded = "employment-ended",
    }
}
