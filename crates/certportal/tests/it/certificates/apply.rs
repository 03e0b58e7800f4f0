//! «+ Ansök om nytt certifikat», the list and the case page, and that nobody else reaches
//! a case.

use axum::http::StatusCode;
use store::models::case::Case;
use store::models::catalog::MomentTemplate;

use super::{apply, moment_ids, type_ids, KAT_V};
use crate::harness::{TestApp, PDF};

crate::on_both_backends!(
    apply_list_and_case_page,
    second_open_case_and_mismatched_pair_are_refused,
    a_second_application_racing_the_first_is_refused,
    a_type_with_several_kinds_of_moments,
    a_moment_whose_template_the_portal_has_not_read,
    ; and_s3:
    another_person_cannot_reach_the_case,
);

async fn apply_list_and_case_page(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let empty = app.get("/certificates").await;
    empty
        .assert_contains("0 träffar")
        .assert_contains("+ Ansök om nytt certifikat");
    let form = app.get("/certificates/new").await;
    for label in [
        "Ansök om nytt certifikat",
        "Teknikområde",
        "Certifikat",
        "Externt certifikat",
        KAT_V,
        "Spara",
        "Avbryt",
    ] {
        form.assert_contains(label);
    }
    let id = apply(&mut app, KAT_V).await;
    let page = app.get(&format!("/cases/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&format!("Test Testsson: Externt certifikat - {KAT_V}"));
    for label in [
        "Visa person",
        "Ange fakturamottagare",
        "Ansök om certifikat",
        "Genomför momenten",
        "Intyga certifikatansökan",
        "Certifikat utfärdat",
        "Information",
        "Pågående",
        "Senaste beslut",
        "Händelselogg",
        "Alla dessa ska genomföras",
        "1 träff",
        "Kopia av aktivt extern certifikat",
        "Inväntar fil",
        "Filmall",
        "Senast uppladdad fil",
        "Skapad av",
        "Senast ändrad av",
        "Ladda upp fil",
        "Din ansökan är skapad",
    ] {
        page.assert_contains(label);
    }
    page.assert_contains("aria-current=\"step\"");
    page.assert_contains("Steg 2 av 5: Genomför momenten");
    assert!(
        !page.body.contains("Du måste nu intyga"),
        "no attestation notice yet"
    );

    let list = app.get("/certificates").await;
    list.assert_contains("1 träff")
        .assert_contains(&format!("Externt certifikat - {KAT_V}"))
        .assert_contains("Pågående");
    for col in [
        "Nr",
        "Status",
        "Årlig förlängning",
        "Omcertifiering",
        "Sök certifikat",
        "Gruppera på",
        "Visa certifieringsprocess",
    ] {
        list.assert_contains(col);
    }
    list.assert_contains("aria-sort=\"descending\"");
    app.get("/certificates?q=kat+V")
        .await
        .assert_contains("1 träff");
    app.get("/certificates?q=zzz")
        .await
        .assert_contains("0 träffar");
    app.get("/certificates?group=status")
        .await
        .assert_contains("rowgroup");
    let sorted = app.get("/certificates?sort=cert&dir=asc").await;
    sorted
        .assert_contains("aria-sort=\"ascending\"")
        .assert_contains("▲");

    let events = app.get(&format!("/cases/{id}/events")).await;
    events.assert_contains("Ansökan skapad");
    // The English UI shows the same case in English.
    app.get("/lang/en?next=/").await;
    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("Complete the moments")
        .assert_contains("Awaiting file")
        .assert_contains("Copy of the active external certificate");
}

async fn second_open_case_and_mismatched_pair_are_refused(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    apply(&mut app, KAT_V).await;
    let (area, cert) = type_ids(&app, KAT_V).await;
    let r = app
        .post(
            "/certificates/new",
            &[("area", &area), ("certificate", &cert)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("redan en pågående ansökan");
    let (other_area, _) = type_ids(&app, "Personcertifikat f-gas kat A1").await;
    let r = app
        .post(
            "/certificates/new",
            &[("area", &other_area), ("certificate", &cert)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("hör inte till det valda teknikområdet");
    let r = app
        .post("/certificates/new", &[("area", ""), ("certificate", "")])
        .await;
    r.assert_contains("Välj ett teknikområde")
        .assert_contains("Välj vilket certifikat");
    assert_eq!(app.count("cases").await, 1);
}

/// Two applications for the same type at once: the second waits for the first and is
/// refused on its field, whether the check or the unique index of open cases stops it
/// (PostgreSQL does not lock on read, so there it is the index).
async fn a_second_application_racing_the_first_is_refused(mut app: TestApp) {
    let pid = app
        .signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let (area, cert) = type_ids(&app, KAT_V).await;
    let db = app.state.db.clone();
    let (held, is_held) = std::sync::mpsc::channel::<()>();
    let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
    let (p, t) = (pid.clone(), cert.clone());
    let first = std::thread::spawn(move || {
        db.run_blocking(|c| {
            store::write_tx(c, |c| {
                let templates = MomentTemplate::for_type(c, &t)?;
                let id = Case::create(c, &p, &t, &templates, |m| m.kind.initial_status())?;
                let _ = held.send(());
                let _ = wait_for_go.recv();
                Ok::<_, store::StoreError>(id)
            })
        })
    });
    tokio::task::block_in_place(|| is_held.recv()).expect("first application holds");
    let fields = [("area", area.as_str()), ("certificate", cert.as_str())];
    let (r, ()) = tokio::join!(app.post("/certificates/new", &fields), async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let _ = go.send(());
    });
    first
        .join()
        .expect("first thread")
        .expect("first application");
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    r.assert_contains("redan en pågående ansökan");
    assert_eq!(app.count("cases").await, 1);
}

async fn another_person_cannot_reach_the_case(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let upload = format!("/cases/{id}/moments/{moment}/upload");
    app.upload(&upload, "certifikat.pdf", PDF).await;
    let page = app.get(&format!("/cases/{id}")).await;
    let file_id = page
        .body
        .split("/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();

    let mut bo = app.new_browser();
    bo.signed_in_person("701063-2391", "Bo", "bo@example.se")
        .await;
    for path in [
        format!("/cases/{id}"),
        format!("/cases/{id}/events"),
        format!("/files/{file_id}"),
        upload.clone(),
        format!("/cases/{id}/attest"),
        format!("/cases/{id}/invoice"),
    ] {
        assert_eq!(bo.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(
        bo.upload(&upload, "x.pdf", PDF).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        bo.post(&format!("/cases/{id}/attest"), &[("commitment_id", "x")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = bo
        .post(
            &format!("/cases/{id}/invoice"),
            &[
                ("kind", "alternative"),
                ("address_line1", "Fejkgatan 1"),
                ("city", "Ort"),
                ("country", "Sverige"),
                ("postal_code", "11122"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.count("files").await, 1);
    assert_eq!(app.count("invoice_recipients").await, 0);
    assert!(!bo.get("/certificates").await.body.contains(KAT_V));
    // Logged out: sent to «Logga in».
    let mut anon = app.new_browser();
    assert!(anon
        .get(&format!("/files/{file_id}"))
        .await
        .location()
        .starts_with("/login"));
}

async fn a_type_with_several_kinds_of_moments(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, "Personcertifikat f-gas kat A1").await;
    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("4 träffar")
        .assert_contains("Utbildningsintyg")
        .assert_contains("Kontroll av behörighet")
        .assert_contains("Teoretiskt prov")
        .assert_contains("Praktiskt prov");
    page.assert_contains("Inväntar fil")
        .assert_contains("Inväntar granskning")
        .assert_contains("Inväntar prov");
    let moments = moment_ids(&app, &id).await;
    // The staff's check takes no upload.
    let r = app
        .get(&format!("/cases/{id}/moments/{}/upload", moments[1]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("tar inte emot filer");
    // Nor does an exam.
    let r = app
        .get(&format!("/cases/{id}/moments/{}/upload", moments[2]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

/// A template another instance (or the catalogue's import) added after this one read its
/// catalogue: a case with its moment still shows the moment, named from the database's
/// catalogue (the case page names moments from the one the portal keeps).
async fn a_moment_whose_template_the_portal_has_not_read(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let (_, type_id) = type_ids(&app, KAT_V).await;
    let template = MomentTemplate {
        id: store::new_id(),
        type_id,
        code: "sent-tillagt".into(),
        name_sv: "Moment tillagt efter start".into(),
        name_en: "Moment added after start".into(),
        kind: domain::certification::MomentKind::File,
        file_template: None,
        sort_order: 99,
        for_recertification: false,
    };
    let id = template.id.clone();
    assert!(app.state.catalogue.template(&id).is_none());
    app.state
        .db
        .run(move |c| MomentTemplate::insert(c, &template))
        .await
        .unwrap();
    let case_id = apply(&mut app, KAT_V).await;
    let page = app.get(&format!("/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Moment tillagt efter start")
        .assert_contains("Kopia av aktivt extern certifikat")
        .assert_contains("2 träffar");
}
