//! What the final review («Slutgranskning») of a case rests on, read in one statement.

use diesel::prelude::*;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::attestation::Attestation;
use crate::models::case::{row_of, Case, CaseRow};
use crate::models::catalog::{Area, CertificateType, CommitmentText};
use crate::models::company::Company;
use crate::models::invoice::InvoiceRecipient;
use crate::models::person::Person;
use crate::prepared::PreparedDsl;
use crate::schema::{
    areas, attestations, cases, certificate_types, commitment_texts, companies, invoice_recipients,
    moment_reviews, persons,
};

/// A case as the final review shows it.
#[derive(Debug, Clone)]
pub struct FinalReviewCase {
    pub row: CaseRow,
    /// The whole person whose case it is: the page shows their personnummer and e-mail.
    pub person: Person,
    /// The applicant's attestation with the commitment text it answered.
    pub attestation: Option<(Attestation, Option<CommitmentText>)>,
    /// The invoice recipient with the company it names, if any.
    pub invoice: Option<(InvoiceRecipient, Option<Company>)>,
    /// Whether the officer reading the page reviewed a moment of the case: the one thing
    /// the rule that bars a case's reviewers from deciding it asks of its reviews.
    pub caller_reviewed: bool,
}

type Found = (
    Case,
    CertificateType,
    Area,
    Person,
    Option<Attestation>,
    Option<CommitmentText>,
    Option<InvoiceRecipient>,
    Option<Company>,
    bool,
);

impl FinalReviewCase {
    /// The case, its holder, attestation and invoice recipient, and whether `caller_id`
    /// reviewed one of its moments, in one statement, where they were four: on PostgreSQL
    /// each statement is a round trip, and the final review made seven. A case has one
    /// attestation at most (`attestations.case_id` is unique) and one invoice recipient
    /// (its key is the case's), so the left joins add no rows; the reviews are an
    /// `EXISTS` over `moment_reviews_case`, a case's few rows.
    pub fn find(
        conn: &mut DbConn,
        id: &str,
        caller_id: &str,
    ) -> StoreResult<Option<FinalReviewCase>> {
        let found: Option<Found> = crate::native!(conn, c => cases::table
            .inner_join(certificate_types::table.inner_join(areas::table))
            .inner_join(persons::table)
            .left_join(attestations::table.on(attestations::case_id.eq(cases::id)))
            .left_join(
                commitment_texts::table.on(commitment_texts::id.eq(attestations::commitment_id)),
            )
            .left_join(invoice_recipients::table.on(invoice_recipients::case_id.eq(cases::id)))
            .left_join(
                companies::table.on(companies::id.nullable().eq(invoice_recipients::company_id)),
            )
            .filter(cases::id.eq(id))
            .select((
                Case::as_select(),
                CertificateType::as_select(),
                Area::as_select(),
                Person::as_select(),
                Option::<Attestation>::as_select(),
                Option::<CommitmentText>::as_select(),
                Option::<InvoiceRecipient>::as_select(),
                Option::<Company>::as_select(),
                diesel::dsl::exists(
                    moment_reviews::table
                        .filter(moment_reviews::case_id.eq(cases::id))
                        .filter(moment_reviews::reviewer_id.eq(caller_id)),
                ),
            ))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?;
        Ok(found.map(
            |(case, cert_type, area, person, attestation, text, invoice, company, reviewed)| {
                FinalReviewCase {
                    row: row_of(case, cert_type, area, &person),
                    person,
                    attestation: attestation.map(|a| (a, text)),
                    invoice: invoice.map(|i| (i, company)),
                    caller_reviewed: reviewed,
                }
            },
        ))
    }
}
