//! «Omcertifiering»: open from six months before «Giltigt till»; the new case has the
//! type's recertification moments and the old invoice recipient; on issue the certificate
//! keeps its number and gains the type's validity from the old «Giltigt till», and the old
//! case shows «Omcertifierad».

use app::decisions::IssueInput;
use app::life::apply_recertification;
use domain::RuleError;
use store::models::attestation::Attestation;
use store::models::catalog::CommitmentText;
use store::models::invoice::InvoiceRecipient;
use store::models::moment::Moment;

use super::*;

crate::on_both_backends!(early_recertification_keeps_the_number_and_adds_the_validity,);

async fn apply(app: &TestApp, who: &str, case_id: &str, today: Date) -> app::Result<String> {
    let (who, id) = (who.to_string(), case_id.to_string());
    db(app, move |c| {
        apply_recertification(c, &actor(&who), &id, today)
    })
    .await
}

async fn early_recertification_keeps_the_number_and_adds_the_validity(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let bertil = person(&app, 106, "Bertil", "sv").await;
    let old = certificate(&app, &eva, "00007").await;
    // The certificate's invoice recipient, to be prefilled.
    db(&app, {
        let (id, e) = (old.clone(), eva.clone());
        move |c| {
            InvoiceRecipient::save(
                c,
                &InvoiceRecipient {
                    case_id: id,
                    kind: domain::certification::InvoiceRecipientKind::Personal,
                    company_id: None,
                    name: "Eva Testsson".into(),
                    address_line1: "Storgatan 1".into(),
                    address_line2: String::new(),
                    postal_code: "903 25".into(),
                    city: "Umeå".into(),
                    country: "Sverige".into(),
                    phone: String::new(),
                    email: String::new(),
                    reference: String::new(),
                    updated_at: store::now(),
                    updated_by: e,
                },
            )
            .unwrap()
        }
    })
    .await;

    // Not before six months ahead of «Giltigt till» (2031-01-15: from 2030-07-15).
    let r = apply(&app, &eva, &old, date!(2030 - 07 - 14)).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::RecertificationNotOpen))),
        "{r:?}"
    );
    // Only the holder.
    let r = apply(&app, &bertil, &old, date!(2030 - 08 - 01)).await;
    assert!(matches!(r, Err(app::Error::NotFound)), "{r:?}");

    let early = date!(2030 - 08 - 01);
    let new = apply(&app, &eva, &old, early).await.unwrap();
    let r = apply(&app, &eva, &old, early).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::OpenCaseExists))),
        "{r:?}"
    );
    let (moments, invoice) = db(&app, {
        let id = new.clone();
        move |c| {
            (
                crate::harness::case_moments(c, &id).unwrap(),
                InvoiceRecipient::for_case(c, &id).unwrap(),
            )
        }
    })
    .await;
    let names: Vec<_> = moments.iter().map(|m| m.template.name_sv.clone()).collect();
    assert_eq!(names, ["Intyg om yrkesverksamhet"]);
    assert_eq!(invoice.expect("prefilled").address_line1, "Storgatan 1");
    let case = case_of(&app, &new).await;
    assert_eq!(case.renews_case_id.as_deref(), Some(old.as_str()));
    assert_eq!(
        event_kinds(&app, &new).await[0],
        EventKind::RecertificationApplied
    );

    // The moment approved and the case attested, the decision maker issues it.
    db(&app, {
        let (id, e, b) = (new.clone(), eva.clone(), bertil.clone());
        move |c| {
            store::write_tx(c, |c| {
                for m in crate::harness::case_moments(c, &id)? {
                    Moment::set_status(
                        c,
                        &m.moment.id,
                        m.moment.status,
                        MomentStatus::Approved,
                        "",
                        &b,
                    )?;
                }
                let text = CommitmentText::current(c, "personcertifikat")?.expect("text");
                Attestation::record(c, &id, &e, &text.id)
            })
            .unwrap()
        }
    })
    .await;
    let counter_before = db(&app, |c| {
        store::models::counter::current(c, "certificate").unwrap()
    })
    .await;
    let issued = db(&app, {
        let (id, b, url) = (new.clone(), bertil.clone(), base(&app));
        move |c| {
            app::decisions::issue(
                c,
                &decider(&b),
                &id,
                // Whatever is entered, a recertification gets the old date plus five years.
                &IssueInput {
                    valid_until: date!(2031 - 08 - 01),
                    external: None,
                },
                early,
                &url,
            )
        }
    })
    .await
    .unwrap();
    assert_eq!(issued.number, "00007", "the certificate keeps its number");
    let renewed = case_of(&app, &new).await;
    assert_eq!(renewed.status, CaseStatus::Active);
    // The new credential gets a place of its own in the status lists, drawn at issue.
    let drawn = db(&app, |c| {
        store::models::counter::current(c, app::decisions::STATUS_LIST_COUNTER).unwrap()
    })
    .await;
    assert!(drawn >= 1);
    assert_eq!(renewed.status_index, Some(drawn));
    assert_eq!(renewed.certificate_number.as_deref(), Some("00007"));
    assert_eq!(
        renewed.valid_until,
        Some(date!(2036 - 01 - 15)),
        "nothing lost by applying early"
    );
    assert_eq!(renewed.issued_on, Some(early));
    assert_eq!(renewed.annual_renewal_on, Some(date!(2031 - 08 - 01)));
    let old_case = case_of(&app, &old).await;
    assert_eq!(old_case.status, CaseStatus::Recertified);
    assert_eq!(old_case.renewed_by_case_id.as_deref(), Some(new.as_str()));
    assert_eq!(old_case.certificate_number.as_deref(), Some("00007"));
    assert_eq!(
        event_kinds(&app, &old).await[0],
        EventKind::CertificateRecertified
    );
    let counter_after = db(&app, |c| {
        store::models::counter::current(c, "certificate").unwrap()
    })
    .await;
    assert_eq!(counter_before, counter_after, "no new number drawn");
    // A recertified certificate is not recertified again.
    let r = apply(&app, &eva, &old, early).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::NotRecertifiable))),
        "{r:?}"
    );
}
