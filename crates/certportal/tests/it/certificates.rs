//! The person's side of the manual: apply, the case page, uploads, attestation and the
//! invoice recipient, and that nobody else can touch any of it.

use axum::http::StatusCode;
use domain::certification::{InvoiceRecipientKind, MomentStatus};
use store::models::case::Case;
use store::models::catalog::{Area, CertificateType, MomentTemplate};
use store::models::moment::Moment;

use crate::harness::{TestApp, EXE, PDF, PNG};

crate::on_both_backends!(
    apply_list_and_case_page,
    second_open_case_and_mismatched_pair_are_refused,
    a_second_application_racing_the_first_is_refused,
    uploads_are_checked_by_content_and_size,
    a_refused_upload_leaves_no_file,
    another_person_cannot_reach_the_case,
    attesting_waits_for_approved_moments,
    invoice_recipient_choices_and_validation,
    a_type_with_two_moments,
);

pub const KAT_V: &str = "Personcertifikat f-gas kat V - Externt";

/// The ids of the area and type with this Swedish type name.
pub async fn type_ids(app: &TestApp, type_name: &str) -> (String, String) {
    let name = type_name.to_string();
    app.state
        .db
        .run(move |c| {
            let t = CertificateType::all(c)?
                .into_iter()
                .find(|t| t.name_sv == name)
                .expect("type in catalogue");
            let a = Area::all(c)?
                .into_iter()
                .find(|a| a.id == t.area_id)
                .expect("area");
            Ok((a.id, t.id))
        })
        .await
        .unwrap()
}

/// Applies through «+ Ansök om nytt certifikat»; returns the case id.
pub async fn apply(app: &mut TestApp, type_name: &str) -> String {
    let (area, cert) = type_ids(app, type_name).await;
    let r = app
        .post(
            "/certificates/new",
            &[("area", &area), ("certificate", &cert)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().trim_start_matches("/cases/").to_string()
}

pub async fn moment_ids(app: &TestApp, case_id: &str) -> Vec<String> {
    let id = case_id.to_string();
    let mut rows = app
        .state
        .db
        .run(move |c| Moment::for_case(c, &id))
        .await
        .unwrap();
    rows.sort_by_key(|r| r.moment.sort_order);
    rows.into_iter().map(|r| r.moment.id).collect()
}

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
    let (other_area, _) = type_ids(&app, "Personcertifikat f-gas kategori I").await;
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

async fn uploads_are_checked_by_content_and_size(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    let form = app.get(&path).await;
    form.assert_contains("Ladda upp fil")
        .assert_contains("Fil")
        .assert_contains("Ladda upp")
        .assert_contains("multipart/form-data");

    let r = app.upload(&path, "certifikat.pdf", EXE).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("inte en PDF, JPEG eller PNG");
    let r = app.upload(&path, "certifikat.pdf", b"").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Filen är tom");
    let limit = app.state.config.upload_limit_bytes;
    let mut big = PDF.to_vec();
    big.resize(limit + 1, b' ');
    let r = app.upload(&path, "certifikat.pdf", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Filen är större än 2 MB");
    // Far beyond the limit: refused before it is read.
    let mut huge = PDF.to_vec();
    huge.resize(limit + 2 * 1024 * 1024, b' ');
    let r = app.upload(&path, "certifikat.pdf", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without the token nothing is read.
    let r = app
        .upload_with_csrf(&path, &"0".repeat(64), "certifikat.pdf", PDF)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("files").await, 0);
    let stored: Vec<_> = walk(&app.state.config.files_dir());
    assert!(stored.is_empty(), "nothing left in storage: {stored:?}");
    app.get(&format!("/cases/{id}"))
        .await
        .assert_contains("Inväntar fil");

    let r = app.upload(&path, "certifikat.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.follow(r).await;
    page.assert_contains("Inväntar granskning")
        .assert_contains("certifikat.pdf")
        .assert_contains("Filen är uppladdad");
    // A second version is kept beside the first.
    let r = app.upload(&path, "bild.png", PNG).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("files").await, 2);
    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("bild.png");
    let file_id = page
        .body
        .split("/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = app.get(&format!("/files/{file_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get("content-type").unwrap(), "image/png");
    assert!(r
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    app.get(&format!("/cases/{id}/events"))
        .await
        .assert_contains("Fil uppladdad");
}

/// An upload the rules refuse leaves neither a row nor bytes behind: refused by the page's
/// check before it is read, or by `app::cases::upload_evidence` after the bytes are
/// stored, when the moment is approved while the file is on its way.
async fn a_refused_upload_leaves_no_file(mut app: TestApp) {
    let pid = app
        .signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    let r = app.upload(&path, "certifikat.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let files_dir = app.state.config.files_dir();
    assert_eq!(walk(&files_dir).len(), 1);

    // The review approves the moment and holds its write transaction open while the
    // next file streams in and is stored; it commits just after.
    let db = app.state.db.clone();
    let (held, is_held) = std::sync::mpsc::channel::<()>();
    let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
    let (m, p) = (moment.clone(), pid.clone());
    let review = std::thread::spawn(move || {
        db.run_blocking(|c| {
            store::write_tx(c, |c| {
                let changed = Moment::set_status(
                    c,
                    &m,
                    MomentStatus::AwaitingReview,
                    MomentStatus::Approved,
                    "",
                    &p,
                )?;
                let _ = held.send(());
                let _ = wait_for_go.recv();
                Ok::<_, store::StoreError>(changed)
            })
        })
    });
    tokio::task::block_in_place(|| is_held.recv()).expect("review holds its transaction");
    let (r, ()) = tokio::join!(app.upload(&path, "bild.png", PNG), async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let _ = go.send(());
    });
    assert!(review.join().expect("review thread").expect("review"));
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    r.assert_contains("Momentet är redan godkänt");
    assert_eq!(app.count("files").await, 1);
    let stored = walk(&files_dir);
    assert_eq!(
        stored.len(),
        1,
        "only the first file in storage: {stored:?}"
    );

    // Approved now: refused before a byte is read.
    let r = app.upload(&path, "bild.png", PNG).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Momentet är redan godkänt");
    assert_eq!(app.count("files").await, 1);
    assert_eq!(walk(&files_dir).len(), 1);
    assert!(!app
        .get(&format!("/cases/{id}"))
        .await
        .body
        .contains("bild.png"));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
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

async fn a_type_with_two_moments(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, "Personcertifikat f-gas kategori I").await;
    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("2 träffar")
        .assert_contains("Intyg om genomförd utbildning")
        .assert_contains("Praktiskt prov");
    page.assert_contains("Inväntar fil")
        .assert_contains("Inväntar granskning");
    let moments = moment_ids(&app, &id).await;
    // The staff's check takes no upload.
    let r = app
        .get(&format!("/cases/{id}/moments/{}/upload", moments[1]))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("tar inte emot filer");
}
