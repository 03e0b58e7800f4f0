//! The officers' two pages about one case read it in one statement: the final review its
//! case with the holder, attestation and invoice recipient, and whether the caller reviewed
//! a moment of it (`FinalReviewCase::find`), the
//! review page its moment with the template, case and holder (`ReviewMoment::find`). The
//! same rows as the statements they stand for, which on PostgreSQL were a round trip each.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::connection::Connection;
use domain::certification::InvoiceRecipientKind;
use store::models::attestation::Attestation;
use store::models::case::Case;
use store::models::catalog::{Catalogue, CommitmentText};
use store::models::company::Company;
use store::models::final_review::FinalReviewCase;
use store::models::invoice::InvoiceRecipient;
use store::models::moment::Moment;
use store::models::person::Person;
use store::models::review::ReviewMoment;

use super::case_page::{seed_small, seeded_case_ids, Sent};
use crate::harness::TestApp;

crate::on_both_backends!(a_staff_pages_case_is_one_statement);

async fn a_staff_pages_case_is_one_statement(app: TestApp) {
    seed_small(&app).await;
    let (cases, attested, invoiced, with_company, moments, reviewed) = app
        .state
        .db
        .run(|c| {
            let catalogue = Catalogue::read(c)?;
            let mut ids = seeded_case_ids(c, &catalogue)?;
            // The seed invoices persons: one recipient names a company, for the last join.
            let company_id = Company::create(c, "5591234567", "Fakturabolaget AB")?;
            for id in &ids {
                if let Some(mut recipient) = InvoiceRecipient::for_case(c, id)? {
                    recipient.kind = InvoiceRecipientKind::Company;
                    recipient.company_id = Some(company_id);
                    InvoiceRecipient::save(c, &recipient)?;
                    break;
                }
            }
            // A case or moment that is not there is no row, not an error.
            let missing = uuid::Uuid::new_v4().to_string();
            let mut moment_ids = vec![missing.clone()];
            ids.push(missing);
            let sent = Arc::new(AtomicUsize::new(0));
            c.set_instrumentation(Sent(sent.clone()));
            let (mut attested, mut invoiced, mut with_company, mut reviewed) = (0, 0, 0, 0);
            // An officer who reviewed nothing of any case.
            let stranger = uuid::Uuid::new_v4().to_string();
            for id in &ids {
                let before = sent.load(Ordering::Relaxed);
                let joined = FinalReviewCase::find(c, id, &stranger)?;
                assert_eq!(
                    sent.load(Ordering::Relaxed) - before,
                    1,
                    "case {id}: the final review's case took more than one statement"
                );
                if let Some(f) = &joined {
                    assert!(
                        !f.caller_reviewed,
                        "case {id}: a stranger counted as its reviewer"
                    );
                }
                // Each of the case's reviewers, as the decisions read them, is its reviewer
                // here too.
                for reviewer in Moment::reviewers(c, id)? {
                    let found = FinalReviewCase::find(c, id, &reviewer)?;
                    assert!(
                        found.is_some_and(|f| f.caller_reviewed),
                        "case {id}: its reviewer {reviewer} was not seen as one"
                    );
                    reviewed += 1;
                }
                let separate = match Case::find_row(c, id)? {
                    Some(row) => {
                        let person = Person::find(c, &row.case.person_id)?;
                        let attestation = match Attestation::for_case(c, id)? {
                            Some(a) => {
                                let text = CommitmentText::find(c, &a.commitment_id)?;
                                Some((a, text))
                            }
                            None => None,
                        };
                        let invoice = InvoiceRecipient::with_company(c, id)?;
                        Some((row, person, attestation, invoice))
                    }
                    None => None,
                };
                let joined = joined.map(|f| (f.row, Some(f.person), f.attestation, f.invoice));
                assert_eq!(
                    format!("{joined:?}"),
                    format!("{separate:?}"),
                    "case {id}: one statement read otherwise than four"
                );
                if let Some((_, _, attestation, invoice)) = &joined {
                    attested += usize::from(attestation.is_some());
                    invoiced += usize::from(invoice.is_some());
                    with_company += usize::from(matches!(invoice, Some((_, Some(_)))));
                }
                if let Some((row, ..)) = &joined {
                    moment_ids.extend(
                        Moment::for_case(c, &catalogue, &row.case.id)?
                            .into_iter()
                            .map(|m| m.moment.id),
                    );
                }
            }
            for id in &moment_ids {
                let before = sent.load(Ordering::Relaxed);
                let joined = ReviewMoment::find(c, id)?;
                assert_eq!(
                    sent.load(Ordering::Relaxed) - before,
                    1,
                    "moment {id}: the review page's moment took more than one statement"
                );
                let separate = match Moment::find(c, id)? {
                    Some((moment, template)) => {
                        let row = Case::find_row(c, &moment.case_id)?;
                        let person = match &row {
                            Some(row) => Person::find(c, &row.case.person_id)?,
                            None => None,
                        };
                        Some((moment, template, row, person))
                    }
                    None => None,
                };
                let joined = joined.map(|r| (r.moment, r.template, Some(r.row), Some(r.person)));
                assert_eq!(
                    format!("{joined:?}"),
                    format!("{separate:?}"),
                    "moment {id}: one statement read otherwise than three"
                );
            }
            Ok((
                ids.len(),
                attested,
                invoiced,
                with_company,
                moment_ids.len(),
                reviewed,
            ))
        })
        .await
        .unwrap();
    assert!(cases > 40, "too few cases compared: {cases}");
    assert!(moments > 40, "too few moments compared: {moments}");
    assert!(attested > 0, "no compared case was attested");
    assert!(reviewed > 0, "no compared case had a reviewed moment");
    // The left joins' other side: a case with neither (an application just begun).
    assert!(
        attested < cases - 1 && invoiced < cases - 1,
        "every compared case was attested and invoiced"
    );
    assert!(invoiced > 0, "no compared case had an invoice recipient");
    assert!(
        with_company > 0,
        "no compared case's invoice recipient named a company"
    );
}
