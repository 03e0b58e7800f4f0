//! The public facts of one certificate, as the register, the verification page, the API
//! and the PDF all state them: one place decides what the public may see.

use domain::certification::{CaseStatus, DecisionKind};
use serde::Serialize;
use store::models::register::Entry;
use time::Date;
use utoipa::ToSchema;

/// The status as of `today`, with the date that goes with it: an active (or inactive or
/// suspended) certificate whose «Giltigt till» has passed is expired even before the
/// nightly job has marked it so.
pub fn status_now(entry: &Entry, today: Date) -> (CaseStatus, Option<Date>) {
    let c = &entry.case;
    let live = matches!(
        c.status,
        CaseStatus::Active | CaseStatus::Inactive | CaseStatus::Suspended
    );
    if live && c.valid_until.is_some_and(|v| v < today) {
        return (CaseStatus::Expired, c.valid_until);
    }
    let date = match c.status {
        CaseStatus::Active | CaseStatus::Expired => c.valid_until,
        CaseStatus::Inactive => c.annual_renewal_on,
        CaseStatus::Suspended => c.suspended_until,
        CaseStatus::Withdrawn => c.latest_decision_on,
        _ => None,
    };
    (c.status, date)
}

/// The text key of the status line under the status («Giltigt till …», «Suspenderat till
/// …»); its argument is `date`.
pub fn status_line_key(status: CaseStatus) -> Option<&'static str> {
    match status {
        CaseStatus::Active => Some("public-verify-active-until"),
        CaseStatus::Inactive => Some("public-verify-inactive-since"),
        CaseStatus::Suspended => Some("public-verify-suspended-until"),
        CaseStatus::Withdrawn => Some("public-verify-withdrawn-on"),
        CaseStatus::Expired => Some("public-verify-expired-on"),
        _ => None,
    }
}

/// A name in both languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Named {
    /// A stable code (the catalogue's).
    pub code: String,
    pub name_sv: String,
    pub name_en: String,
}

/// The other body's certificate that an external certificate records.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExternalIssuer {
    pub body: String,
    pub country: String,
    pub number: String,
}

/// The latest decision on a certificate.
#[derive(Debug, Serialize, ToSchema)]
pub struct LatestDecision {
    /// issue, suspend, lift_suspension, withdraw or reduce_scope.
    pub kind: String,
    #[schema(format = Date, example = "2026-03-01")]
    pub on: String,
}

/// A certificate as the public register states it. Never a personnummer, a date of birth,
/// an address, an e-mail address or a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCertificate {
    #[schema(example = "00042")]
    pub number: String,
    /// The holder's full name.
    #[schema(example = "Anna Svensson")]
    pub holder_name: String,
    pub certificate_type: Named,
    /// «Teknikområde».
    pub area: Named,
    /// The status as of today: active, inactive, suspended, withdrawn or expired.
    pub status: String,
    /// The date that goes with the status: valid until (active), the missed yearly
    /// attestation (inactive), suspended until, withdrawn on, expired on.
    #[schema(format = Date, example = "2031-03-01")]
    pub status_date: Option<String>,
    #[schema(format = Date)]
    pub issued_on: Option<String>,
    #[schema(format = Date)]
    pub valid_until: Option<String>,
    /// «Begränsad omfattning», when the scope is reduced.
    pub reduced_scope: Option<String>,
    /// The holder's current employer.
    pub employer: Option<String>,
    /// For an external certificate: the other body's certificate.
    pub external: Option<ExternalIssuer>,
    pub latest_decision: Option<LatestDecision>,
    /// The verification page (the one the PDF's QR code opens).
    pub verification_url: String,
}

fn iso(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

impl PublicCertificate {
    pub fn new(
        e: &Entry,
        latest: Option<DecisionKind>,
        today: Date,
        base_url: &str,
    ) -> PublicCertificate {
        let (status, date) = status_now(e, today);
        let number = e.case.certificate_number.clone().unwrap_or_default();
        let c = &e.case;
        PublicCertificate {
            verification_url: verification_url(base_url, &number),
            number,
            holder_name: e.holder_name(),
            certificate_type: Named {
                code: e.cert_type.code.clone(),
                name_sv: e.cert_type.name_sv.clone(),
                name_en: e.cert_type.name_en.clone(),
            },
            area: Named {
                code: e.area.code.clone(),
                name_sv: e.area.name_sv.clone(),
                name_en: e.area.name_en.clone(),
            },
            status: status.code().to_string(),
            status_date: iso(date),
            issued_on: iso(c.issued_on),
            valid_until: iso(c.valid_until),
            reduced_scope: (!c.scope_note.is_empty()).then(|| c.scope_note.clone()),
            employer: e.employer.clone(),
            external: e.cert_type.is_external.then(|| ExternalIssuer {
                body: c.external_body.clone(),
                country: c.external_country.clone(),
                number: c.external_number.clone(),
            }),
            latest_decision: latest.and_then(|k| {
                c.latest_decision_on.map(|on| LatestDecision {
                    kind: k.code().to_string(),
                    on: on.to_string(),
                })
            }),
        }
    }
}

/// The verification page of a certificate number.
pub fn verification_url(base_url: &str, number: &str) -> String {
    format!(
        "{base_url}/verifiera/{}",
        crate::auth::user::urlencode(number)
    )
}
