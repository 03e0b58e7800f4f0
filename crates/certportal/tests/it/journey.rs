//! The whole manual, «Skapa personkonto» to «Ditt externa certifikat är utfärdat», through
//! HTTP only, on both backends: the person's side and the staff's side together.

use axum::http::StatusCode;

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, PASSWORD, PDF};

crate::on_both_backends!(
    ; and_s3:
    the_manual_end_to_end,
);

async fn staff(
    app: &TestApp,
    email: &str,
    first: &str,
    last: &str,
    roles: web::admin::StaffRoles,
) -> TestApp {
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: email.into(),
            first_name: first.into(),
            last_name: last.into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles,
        },
    )
    .await
    .unwrap();
    let mut b = app.new_browser();
    b.login(email, PASSWORD).await;
    b
}

async fn the_manual_end_to_end(mut app: TestApp) {
    // «Skapa ett personkonto»
    app.signed_in_person("19811218-9876", "Test", "test.person@example.se")
        .await;
    // «Ansök om externt certifikat»
    let case_id = apply(&mut app, KAT_V).await;
    let list = app.get("/certificates").await;
    list.assert_contains(&format!("Externt certifikat - {KAT_V}"))
        .assert_contains("Pågående")
        .assert_contains("1 träff");
    // «Genomför momenten»
    let moment = moment_ids(&app, &case_id).await.remove(0);
    let upload = format!("/cases/{case_id}/moments/{moment}/upload");
    assert_eq!(
        app.upload(&upload, "foto.pdf", PDF).await.status,
        StatusCode::SEE_OTHER
    );
    // «Ange fakturamottagare» (any time)
    let r = app
        .post(
            &format!("/cases/{case_id}/invoice"),
            &[
                ("action", "save"),
                ("kind", "alternative"),
                ("address_line1", "Kylvägen 3"),
                ("city", "Umeå"),
                ("country", "Sverige"),
                ("postal_code", "903 25"),
                ("reference", "Order 12"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The case officer: not approved, with what to complete.
    let mut hanna = staff(
        &app,
        "hanna@example.se",
        "Hanna",
        "Handläggare",
        web::admin::StaffRoles {
            handlaggare: true,
            ..Default::default()
        },
    )
    .await;
    let queue = hanna.get("/staff/moments").await;
    queue
        .assert_contains("Test Testsson")
        .assert_contains("Kopia av aktivt extern certifikat");
    hanna
        .get(&format!("/staff/moments/{moment}"))
        .await
        .assert_contains("foto.pdf")
        .assert_contains("?inline=1");
    let r = hanna
        .post(
            &format!("/staff/moments/{moment}/review"),
            &[
                ("decision", "reject"),
                ("comment", "Bilden är oskarp, ladda upp en skarpare kopia."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mail = app.mails_to("test.person@example.se").await.pop().unwrap();
    assert!(mail.body.contains("Bilden är oskarp"), "{}", mail.body);
    assert!(mail.body.contains(&format!("/cases/{case_id}")));
    let page = app.get(&format!("/cases/{case_id}")).await;
    page.assert_contains("Ej godkänt")
        .assert_contains("Bilden är oskarp");
    // Uploading again returns it to review.
    assert_eq!(
        app.upload(&upload, "certifikat.pdf", PDF).await.status,
        StatusCode::SEE_OTHER
    );
    app.get(&format!("/cases/{case_id}"))
        .await
        .assert_contains("Inväntar granskning");
    let r = hanna
        .post(
            &format!("/staff/moments/{moment}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mail = app.mails_to("test.person@example.se").await.pop().unwrap();
    assert!(
        mail.subject.contains("är godkänt"),
        "{} {}",
        mail.subject,
        mail.body
    );

    // «Intyga certifikatansökan»
    let page = app.get(&format!("/cases/{case_id}")).await;
    page.assert_contains("Du måste nu intyga din certifikatsansökan")
        .assert_contains("Klicka här för att intyga din certifikatsansökan");
    let form = app.get(&format!("/cases/{case_id}/attest")).await;
    let commitment = form
        .body
        .split("name=\"commitment_id\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        app.post(
            &format!("/cases/{case_id}/attest"),
            &[("commitment_id", &commitment)]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );

    // «Certifieringsorganet gör en slutgranskning»: Hanna reviewed, so she may not decide even
    // as a decision maker; Bertil issues.
    let mut bertil = staff(
        &app,
        "bertil@example.se",
        "Bertil",
        "Beslutsfattare",
        web::admin::StaffRoles {
            beslutsfattare: true,
            ..Default::default()
        },
    )
    .await;
    bertil
        .get("/staff/cases")
        .await
        .assert_contains("Test Testsson");
    let review = bertil.get(&format!("/staff/cases/{case_id}")).await;
    review
        .assert_contains("Utfärda certifikat")
        .assert_contains("Giltigt till")
        .assert_contains("Kylvägen 3")
        .assert_contains("Ansökan intygad");
    let valid_until = domain::stockholm::format_date(app::today() + time::Duration::days(700));
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid_until),
                ("external_body", "Kiwa Certifiering"),
                ("external_country", "Sverige"),
                ("external_number", "K-4711"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mail = app.mails_to("test.person@example.se").await.pop().unwrap();
    assert!(mail.body.contains("00001"), "{}", mail.body);

    // «Ditt externa certifikat är utfärdat»
    let page = app.get(&format!("/cases/{case_id}")).await;
    for text in [
        "Aktivt",
        "Certifikatnummer",
        "00001",
        "Utfärdandedatum",
        "Giltigt till",
        &valid_until,
        "Senaste beslut",
        "Godkänt",
        "certifikat.pdf",
        "Hanna Handläggare",
    ] {
        page.assert_contains(text);
    }
    assert!(
        !page.body.contains("Ladda upp fil</span>"),
        "nothing to upload on an issued case"
    );
    let events = app.get(&format!("/cases/{case_id}/events")).await;
    for kind in [
        "Ansökan skapad",
        "Fil uppladdad",
        "Moment ej godkänt",
        "Moment godkänt",
        "Ansökan intygad",
        "Fakturamottagare angiven",
        "Certifikat utfärdat",
    ] {
        events.assert_contains(kind);
    }
    app.get("/certificates").await.assert_contains("Aktivt");
    // Closed: no more uploads, attestations or invoice changes.
    assert_eq!(
        app.upload(&upload, "x.pdf", PDF).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.get(&format!("/cases/{case_id}/invoice")).await.status,
        StatusCode::CONFLICT
    );
}
