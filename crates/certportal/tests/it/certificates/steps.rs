//! Steps 3 and 4: «Intyga certifikatansökan» and «Ange fakturamottagare».

use axum::http::StatusCode;
use domain::certification::{InvoiceRecipientKind, MomentStatus};
use store::models::moment::Moment;

use super::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, PDF};

crate::on_both_backends!(
    invoice_recipient_choices_and_validation,
    ; and_s3:
    attesting_waits_for_approved_moments,
);

async fn attesting_waits_for_approved_moments(mut app: TestApp) {
    let pid = app
        .signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let r = app.get(&format!("/cases/{id}/attest")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Alla moment måste vara godkända");
    let commitment = app
        .state
        .db
        .run(|c| store::models::catalog::CommitmentText::current(c, "externt"))
        .await
        .unwrap()
        .unwrap();
    let r = app
        .post(
            &format!("/cases/{id}/attest"),
            &[("commitment_id", &commitment.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(app.count("attestations").await, 0);

    // The moment is approved (by the staff; here straight in the store).
    let moment = moment_ids(&app, &id).await.remove(0);
    app.upload(
        &format!("/cases/{id}/moments/{moment}/upload"),
        "certifikat.pdf",
        PDF,
    )
    .await;
    let (m, p) = (moment.clone(), pid.clone());
    app.state
        .db
        .run(move |c| {
            Moment::set_status(
                c,
                &m,
                MomentStatus::AwaitingReview,
                MomentStatus::Approved,
                "",
                &p,
            )
        })
        .await
        .unwrap();

    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("⚠").assert_contains("Du måste nu intyga din certifikatsansökan. Det gör du genom att klicka på länken till höger.");
    page.assert_contains("Klicka här för att intyga din certifikatsansökan");
    let form = app.get(&format!("/cases/{id}/attest")).await;
    form.assert_contains("Förbindelsetext")
        .assert_contains("Jag intygar")
        .assert_contains(">Ja<")
        .assert_contains("Avbryt");
    // An outdated text version is not accepted.
    let r = app
        .post(&format!("/cases/{id}/attest"), &[("commitment_id", "old")])
        .await;
    assert_eq!(r.location(), format!("/cases/{id}/attest"));
    assert_eq!(app.count("attestations").await, 0);
    let r = app
        .post(
            &format!("/cases/{id}/attest"),
            &[("commitment_id", &commitment.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.follow(r).await;
    page.assert_contains("Din ansökan är intygad");
    assert!(!page.body.contains("Du måste nu intyga"));
    let cid = id.clone();
    let att = app
        .state
        .db
        .run(move |c| store::models::attestation::Attestation::for_case(c, &cid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            att.person_id.as_str(),
            att.commitment_id.as_str(),
            att.answer.as_str()
        ),
        (pid.as_str(), commitment.id.as_str(), "ja")
    );
    let r = app
        .post(
            &format!("/cases/{id}/attest"),
            &[("commitment_id", &commitment.id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "attesting twice is refused");
    app.get(&format!("/cases/{id}/events"))
        .await
        .assert_contains("Ansökan intygad");
}

async fn invoice_recipient_choices_and_validation(mut app: TestApp) {
    let pid = app
        .signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    web::admin::create_company(&app.state, "556012-5790", "Test Företag AB", None)
        .await
        .unwrap();
    let id = apply(&mut app, KAT_V).await;
    let path = format!("/cases/{id}/invoice");
    let form = app.get(&path).await;
    for label in [
        "Fakturan ska skickas till",
        "Företag",
        "Rekommenderad",
        "Sök efter annat företag",
        "Mig personligen",
        "Alternativ fakturaadress",
        "Adressrad 1",
        "Adressrad 2",
        "Ort",
        "Land",
        "Postnummer",
        "Telefonnummer",
        "E-postadress",
        "Fakturareferens/Ordernr",
        "Sök på fullständigt organisationsnummer. Endast exakt matchning ger resultat.",
    ] {
        form.assert_contains(label);
    }
    let r = app.post(&path, &[("action", "save")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj vem fakturan ska skickas till")
        .assert_contains("Ange adressrad 1")
        .assert_contains("Ange ort");
    let r = app
        .post(
            &path,
            &[
                ("action", "save"),
                ("kind", "alternative"),
                ("address_line1", "Gatan 1"),
                ("city", "Umeå"),
                ("country", "Sverige"),
                ("postal_code", "9032"),
            ],
        )
        .await;
    r.assert_contains("fem siffror")
        .assert_contains("value=\"Gatan 1\"");
    // A partial number finds nothing; the exact one, with or without the hyphen, finds the company.
    let r = app
        .post(&path, &[("action", "search"), ("orgnr", "556012")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.body.contains("Test Företag AB"));
    let r = app
        .post(&path, &[("action", "search"), ("orgnr", "5560125790")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Test Företag AB");
    assert_eq!(app.count("invoice_recipients").await, 0);

    // «Mig personligen» takes the profile's address when the fields are left empty.
    app.post(
        &format!("/persons/{pid}"),
        &[
            ("first_name", "Test"),
            ("last_name", "Testsson"),
            ("address_line1", "Storgatan 1"),
            ("postal_code", "90325"),
            ("city", "Umeå"),
            ("country", "Sverige"),
            ("language", "sv"),
        ],
    )
    .await;
    let r = app
        .post(&path, &[("action", "save"), ("kind", "personal")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    app.follow(r)
        .await
        .assert_contains("Fakturamottagaren är sparad");
    let cid = id.clone();
    let saved = app
        .state
        .db
        .run(move |c| store::models::invoice::InvoiceRecipient::for_case(c, &cid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            saved.kind,
            saved.address_line1.as_str(),
            saved.postal_code.as_str()
        ),
        (InvoiceRecipientKind::Personal, "Storgatan 1", "903 25")
    );
    // Changeable: now the company, with a reference.
    let r = app
        .post(
            &path,
            &[
                ("action", "save"),
                ("kind", "company"),
                ("orgnr", "556012-5790"),
                ("address_line1", "Box 1"),
                ("city", "Göteborg"),
                ("country", "Sverige"),
                ("postal_code", "405 08"),
                ("reference", "PO-77"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cid = id.clone();
    let saved = app
        .state
        .db
        .run(move |c| store::models::invoice::InvoiceRecipient::for_case(c, &cid))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.kind, saved.name.as_str(), saved.reference.as_str()),
        (InvoiceRecipientKind::Company, "Test Företag AB", "PO-77")
    );
    assert!(saved.company_id.is_some());
    let form = app.get(&path).await;
    form.assert_contains("value=\"PO-77\"")
        .assert_contains("556012-5790");
    app.get(&format!("/cases/{id}/events"))
        .await
        .assert_contains("Fakturamottagare angiven");
}
