//! «Handläggning»: the queues, moment review, the final review, issuing and rejecting,
//! the role checks and separation of duties, and certificate numbers under concurrency.
//!
//! The person's pages are exercised elsewhere; here a case is put into the state a test
//! needs straight through the store (open, "upload", attest, invoice recipient), and
//! everything the staff do goes through HTTP.

use axum::http::StatusCode;
use domain::certification::{CaseStatus, InvoiceRecipientKind, MomentKind, MomentStatus};
use domain::events::EventKind;
use store::models::attestation::Attestation;
use store::models::case::Case;
use store::models::catalog::{CertificateType, CommitmentText, MomentTemplate};
use store::models::event::Event;
use store::models::file::FileMeta;
use store::models::invoice::InvoiceRecipient;
use store::models::moment::Moment;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    staff_pages_need_a_staff_role,
    approving_a_moment,
    not_approved_needs_a_comment,
    review_queue_is_oldest_first_filters_and_pages,
    final_review_refuses_an_incomplete_case,
    a_case_officer_sees_the_final_review_but_cannot_decide,
    the_reviewer_may_not_decide,
    staff_do_not_handle_their_own_case,
    issuing_a_certificate,
    rejecting_an_application,
    parallel_issuing_gives_unique_gap_free_numbers,
);

const KAT_V: &str = "Personcertifikat f-gas kat V - Externt";
const KAT_I: &str = "Personcertifikat f-gas kat I - Externt";
const MOMENT: &str = "Kopia av aktivt extern certifikat";

// ---------------------------------------------------------------------------------------
// Set-up

/// A valid personnummer born 1980-01-01 with the serial `n` (100..=999).
fn pnr(n: u32) -> String {
    let body = format!("800101{n:03}");
    let check = domain::identifiers::luhn_check_digit(&body);
    format!("19{body}{check}")
}

fn pnr_display(n: u32) -> String {
    let p = pnr(n);
    format!("{}-{}", &p[..8], &p[8..])
}

/// Registers and verifies a person in a browser of their own; returns id and e-mail.
async fn person(app: &TestApp, n: u32, first: &str) -> (String, String) {
    let mut b = app.new_browser();
    let email = format!("{}@example.se", first.to_lowercase());
    let id = b.signed_in_person(&pnr(n), first, &email).await;
    (id, email)
}

/// A person straight in the store, for lists that need many (no password, no mail).
async fn bare_person(app: &TestApp, n: u32, first: &str) -> String {
    let first = first.to_string();
    app.state
        .db
        .run(move |c| {
            let id = store::new_id();
            let now = store::now();
            store::models::person::Person::insert(
                c,
                &store::models::person::NewPerson {
                    id: id.clone(),
                    personnummer: Some(pnr(n)),
                    first_name: first,
                    last_name: "Testsson".into(),
                    email: format!("p{n}@example.se"),
                    email_verified_at: Some(now),
                    password_hash: None,
                    language: "sv".into(),
                    is_handlaggare: false,
                    is_beslutsfattare: false,
                    is_administrator: false,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            Ok(id)
        })
        .await
        .unwrap()
}

/// A staff account, logged in in a browser of its own.
async fn staff(
    app: &TestApp,
    first: &str,
    handlaggare: bool,
    beslutsfattare: bool,
) -> (String, TestApp) {
    let email = format!("{}@cert.example.se", first.to_lowercase());
    let id = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: email.clone(),
            first_name: first.into(),
            last_name: "Personal".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare,
                beslutsfattare,
                administrator: false,
            },
        },
    )
    .await
    .unwrap();
    let mut b = app.new_browser();
    b.login(&email, PASSWORD).await;
    (id, b)
}

/// Opens a case of the type named `type_name`; returns the case's and its first moment's ids.
async fn open_case(app: &TestApp, person_id: &str, type_name: &str) -> (String, String) {
    let pid = person_id.to_string();
    let name = type_name.to_string();
    app.state
        .db
        .run(move |c| {
            let t = CertificateType::all(c)?
                .into_iter()
                .find(|t| t.name_sv == name)
                .expect("type in the catalogue");
            let templates = MomentTemplate::for_type(c, &t.id)?;
            let case_id = store::write_tx(c, |c| {
                Case::create(c, &pid, &t.id, &templates, |t| {
                    if t.kind == MomentKind::Staff {
                        MomentStatus::AwaitingReview
                    } else {
                        MomentStatus::AwaitingFile
                    }
                })
            })?;
            let moment_id = Moment::for_case(c, &case_id)?.remove(0).moment.id;
            Ok((case_id, moment_id))
        })
        .await
        .unwrap()
}

/// What the upload page would store: the file's record and the moment «Inväntar granskning».
async fn upload(
    app: &TestApp,
    person_id: &str,
    case_id: &str,
    moment_id: &str,
    name: &str,
    content_type: &str,
) -> String {
    let (pid, cid, mid) = (
        person_id.to_string(),
        case_id.to_string(),
        moment_id.to_string(),
    );
    let (name, content_type) = (name.to_string(), content_type.to_string());
    app.state
        .db
        .run(move |c| {
            store::write_tx(c, |c| {
                let (moment, _) = Moment::find(c, &mid)?.expect("moment");
                let id = store::new_id();
                FileMeta::insert(
                    c,
                    &FileMeta {
                        id: id.clone(),
                        moment_id: mid.clone(),
                        case_id: cid.clone(),
                        uploaded_by: pid.clone(),
                        uploaded_at: store::now(),
                        original_name: name,
                        content_type,
                        size_bytes: 2048,
                        sha256: "0".repeat(64),
                        storage_key: format!("test/{id}"),
                    },
                )?;
                assert!(Moment::set_status(
                    c,
                    &mid,
                    moment.status,
                    MomentStatus::AwaitingReview,
                    "",
                    &pid
                )?);
                Ok(id)
            })
        })
        .await
        .unwrap()
}

/// «Intyga» and «Ange fakturamottagare», as the person's pages would store them.
async fn attest_and_invoice(app: &TestApp, person_id: &str, case_id: &str) {
    let (pid, cid) = (person_id.to_string(), case_id.to_string());
    app.state
        .db
        .run(move |c| {
            store::write_tx(c, |c| {
                let case = Case::find(c, &cid)?.expect("case");
                let t = CertificateType::find(c, &case.type_id)?.expect("type");
                let text =
                    CommitmentText::current(c, &t.commitment_code)?.expect("commitment text");
                Attestation::record(c, &cid, &pid, &text.id)?;
                InvoiceRecipient::save(
                    c,
                    &InvoiceRecipient {
                        case_id: cid.clone(),
                        kind: InvoiceRecipientKind::Personal,
                        company_id: None,
                        name: "Privat Mottagare".into(),
                        address_line1: "Storgatan 1".into(),
                        address_line2: String::new(),
                        postal_code: "903 25".into(),
                        city: "Umeå".into(),
                        country: "Sverige".into(),
                        phone: String::new(),
                        email: String::new(),
                        reference: "Order 4711".into(),
                        updated_at: store::now(),
                        updated_by: pid.clone(),
                    },
                )
            })
        })
        .await
        .unwrap();
}

/// A case ready for the final review: uploaded, approved by `officer` through the review
/// page, attested and with an invoice recipient.
async fn ready_case(app: &TestApp, officer: &mut TestApp, person_id: &str) -> String {
    let (case_id, moment_id) = open_case(app, person_id, KAT_V).await;
    upload(
        app,
        person_id,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let r = officer
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    attest_and_invoice(app, person_id, &case_id).await;
    case_id
}

async fn case_of(app: &TestApp, id: &str) -> Case {
    let id = id.to_string();
    app.state
        .db
        .run(move |c| Case::find(c, &id))
        .await
        .unwrap()
        .expect("case")
}

async fn moment_of(app: &TestApp, id: &str) -> Moment {
    let id = id.to_string();
    app.state
        .db
        .run(move |c| Moment::find(c, &id))
        .await
        .unwrap()
        .expect("moment")
        .0
}

/// The case's events, newest first.
async fn events_of(app: &TestApp, case_id: &str) -> Vec<Event> {
    let id = case_id.to_string();
    app.state
        .db
        .run(move |c| Event::for_case(c, &id, 1, 500))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.event)
        .collect()
}

/// The case's decisions: (kind, decided_by, reason).
async fn decisions_of(app: &TestApp, case_id: &str) -> Vec<(String, String, String)> {
    use diesel::sql_types::Text;
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        kind: String,
        #[diesel(sql_type = Text)]
        decided_by: String,
        #[diesel(sql_type = Text)]
        reason: String,
    }
    // A UUID, so it can stand in the text: binds are spelled differently per backend.
    assert!(case_id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
    let sql = format!("SELECT kind, decided_by, reason FROM decisions WHERE case_id = '{case_id}'");
    app.state
        .db
        .run(move |c| Ok(diesel::sql_query(sql).load::<Row>(c)?))
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.kind, r.decided_by, r.reason))
        .collect()
}

/// The last certificate number handed out.
async fn certificate_counter(app: &TestApp) -> i64 {
    app.state
        .db
        .run(|c| {
            use diesel::prelude::*;
            use store::schema::counters;
            Ok(counters::table
                .find("certificate")
                .select(counters::value)
                .first::<i64>(c)?)
        })
        .await
        .unwrap()
}

/// What a refused action must leave alone: rows counted, and the certificate counter.
async fn footprint(app: &TestApp) -> [i64; 5] {
    [
        app.count("events").await,
        app.count("outbox").await,
        app.count("decisions").await,
        app.count("moment_reviews").await,
        certificate_counter(app).await,
    ]
}

fn today() -> time::Date {
    domain::stockholm::today_stockholm(time::OffsetDateTime::now_utc())
}

fn ymd(d: time::Date) -> String {
    domain::stockholm::format_date(d)
}

// ---------------------------------------------------------------------------------------
// Tests

async fn staff_pages_need_a_staff_role(mut app: TestApp) {
    let anna = app
        .signed_in_person(&pnr(101), "Anna", "anna@example.se")
        .await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let before = footprint(&app).await;
    for path in [
        "/staff".to_string(),
        "/staff/moments".to_string(),
        "/staff/cases".to_string(),
        format!("/staff/moments/{moment_id}"),
        format!("/staff/cases/{case_id}"),
        format!("/staff/cases/{case_id}/reject"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        r.assert_contains("Du har inte behörighet");
    }
    let r = app
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[("valid_until", "2040-01-01")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::AwaitingReview
    );
    assert_eq!(footprint(&app).await, before);

    // Signed out: to the login page, and back here after it.
    let mut stranger = app.new_browser();
    let r = stranger.get("/staff/moments").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login?next="), "{}", r.location());

    // A case officer gets the overview with the counts and links of both queues.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna.get("/staff").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Handläggning</h1>")
        .assert_contains("href=\"/staff/moments\"")
        .assert_contains("Inväntar granskning")
        .assert_contains("1 moment väntar")
        .assert_contains("href=\"/staff/cases\"")
        .assert_contains("Klara för slutgranskning")
        .assert_contains("0 ärenden väntar")
        .assert_contains("aria-current=\"page\"");
    hanna.get("/lang/en?next=/staff").await;
    let r = hanna.get("/staff").await;
    r.assert_contains("Awaiting review")
        .assert_contains("1 moment waiting")
        .assert_contains("Ready for final review");
}

async fn approving_a_moment(app: TestApp) {
    let (anna, anna_email) = person(&app, 102, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    let file_id = upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let (hanna, mut officer) = staff(&app, "Hanna", true, false).await;
    let number = case_of(&app, &case_id).await.number;

    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1>Granska moment</h1>",
        "Anna Testsson",
        &pnr_display(102),
        &format!("<dd><a href=\"/staff/cases/{case_id}\">{number}</a></dd>"),
        "Externt certifikat - Personcertifikat f-gas kat V - Externt",
        MOMENT,
        "Inväntar granskning",
        &format!("<iframe class=\"file-preview\" src=\"/files/{file_id}?inline=1\" title="),
        &format!("href=\"/files/{file_id}\">certifikat.pdf</a>"),
        "Godkänn",
        "Ej godkänt",
        "Kommentar",
        "Spara granskning",
        "name=\"csrf\"",
    ] {
        page.assert_contains(text);
    }
    assert!(!page.body.contains("<img class=\"file-preview-image\""));

    let events_before = events_of(&app, &case_id).await.len();
    let r = officer
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/staff/moments");
    let queue = officer.follow(r).await;
    queue
        .assert_contains("Momentet är godkänt")
        .assert_contains("0 träffar");

    let m = moment_of(&app, &moment_id).await;
    assert_eq!(m.status, MomentStatus::Approved);
    assert_eq!(m.updated_by, hanna);
    assert!(m.awaiting_since.is_none());
    assert_eq!(app.count("moment_reviews").await, 1);
    let reviewers = {
        let id = case_id.clone();
        app.state
            .db
            .run(move |c| Moment::reviewers(c, &id))
            .await
            .unwrap()
    };
    assert_eq!(reviewers, vec![hanna.clone()]);
    let events = events_of(&app, &case_id).await;
    assert_eq!(events.len(), events_before + 1);
    assert_eq!(events[0].kind, EventKind::MomentApproved);
    assert_eq!(events[0].actor_id.as_deref(), Some(hanna.as_str()));
    assert_eq!(events[0].person_id.as_deref(), Some(anna.as_str()));
    let mails = app.mails_to(&anna_email).await;
    let mail = mails.last().unwrap();
    assert!(mail.subject.contains("är godkänt"), "{}", mail.subject);
    assert!(
        mail.body.contains(MOMENT) && mail.body.contains("Hej Anna!"),
        "{}",
        mail.body
    );
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));

    // Someone was first: a second review is refused and changes nothing.
    let before = footprint(&app).await;
    let r = officer
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "reject"), ("comment", "Sent påkommet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Momentet har inget att granska just nu");
    assert_eq!(footprint(&app).await, before);
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::Approved
    );

    // The page now shows the review done, and no form.
    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("Tidigare granskningar")
        .assert_contains("Hanna Personal")
        .assert_contains("Momentet har inget att granska just nu");
    assert!(!page.body.contains("Spara granskning"));
}

async fn not_approved_needs_a_comment(app: TestApp) {
    let (anna, anna_email) = person(&app, 103, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    let file_id = upload(&app, &anna, &case_id, &moment_id, "bild.png", "image/png").await;
    let (hanna, mut officer) = staff(&app, "Hanna", true, false).await;

    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains(&format!(
        "<img class=\"file-preview-image\" src=\"/files/{file_id}?inline=1\" alt="
    ));
    assert!(!page.body.contains("<iframe"));

    let before = footprint(&app).await;
    let path = format!("/staff/moments/{moment_id}/review");
    let r = officer
        .post(&path, &[("decision", "reject"), ("comment", "   ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Skriv en kommentar som talar om vad som behöver kompletteras")
        .assert_contains("href=\"#f-comment\"")
        .assert_contains("aria-invalid=\"true\"")
        .assert_contains("value=\"reject\" checked");
    let r = officer.post(&path, &[("comment", "Oklart")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj Godkänn eller Ej godkänt")
        .assert_contains(">Oklart</textarea>");
    assert_eq!(footprint(&app).await, before, "nothing stored");
    assert_eq!(
        moment_of(&app, &moment_id).await.status,
        MomentStatus::AwaitingReview
    );

    let comment = "Bilden är oskarp. Ladda upp en skarpare kopia av certifikatet.";
    let r = officer
        .post(&path, &[("decision", "reject"), ("comment", comment)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    officer
        .follow(r)
        .await
        .assert_contains("Momentet är inte godkänt");
    let m = moment_of(&app, &moment_id).await;
    assert_eq!(m.status, MomentStatus::NotApproved);
    assert_eq!(m.review_comment, comment);
    assert_eq!(m.updated_by, hanna);
    assert_eq!(app.count("moment_reviews").await, 1);
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::MomentRejected);
    assert_eq!(events[0].detail, comment);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("inte godkänt"), "{}", mail.subject);
    assert!(mail.body.contains(comment), "{}", mail.body);
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));

    // A new upload: both versions are listed, with the earlier comment.
    let second = upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "skarpare.pdf",
        "application/pdf",
    )
    .await;
    let page = officer.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("2 träffar")
        .assert_contains(&format!("href=\"/files/{file_id}\">bild.png</a>"))
        .assert_contains(&format!("src=\"/files/{second}?inline=1\""))
        .assert_contains(comment)
        .assert_contains("Spara granskning");

    // An approval may carry a comment too; the mail passes it on.
    let r = officer
        .post(&path, &[("decision", "approve"), ("comment", "Bra nu")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(
        mail.body.contains("Kommentar från handläggaren: Bra nu"),
        "{}",
        mail.body
    );
}

async fn review_queue_is_oldest_first_filters_and_pages(app: TestApp) {
    let (first, _) = person(&app, 104, "Första").await;
    let (second, _) = person(&app, 105, "Andra").await;
    let (third, _) = person(&app, 106, "Tredje").await;
    for (pid, kind) in [(&first, KAT_V), (&second, KAT_I), (&third, KAT_V)] {
        let (case_id, moment_id) = open_case(&app, pid, kind).await;
        upload(
            &app,
            pid,
            &case_id,
            &moment_id,
            "certifikat.pdf",
            "application/pdf",
        )
        .await;
    }
    // One still waiting for its file is not in the queue.
    let (fourth, _) = person(&app, 107, "Fjärde").await;
    open_case(&app, &fourth, KAT_V).await;
    let (_, mut officer) = staff(&app, "Hanna", true, false).await;

    let page = officer.get("/staff/moments").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Inväntar granskning</h1>")
        .assert_contains("3 träffar")
        .assert_contains("Teknikområde")
        .assert_contains("Certifikat")
        .assert_contains("Filtrera")
        .assert_contains(">Granska")
        .assert_contains("data-label=");
    let pos = |name: &str| {
        page.body
            .find(&format!("{name} Testsson"))
            .unwrap_or_else(|| panic!("{name} listed"))
    };
    assert!(
        pos("Första") < pos("Andra") && pos("Andra") < pos("Tredje"),
        "oldest first"
    );
    assert!(!page.body.contains("Fjärde Testsson"));

    let (kat_v, kat_i, externt, kyla) = app
        .state
        .db
        .run(|c| {
            let types = CertificateType::all(c)?;
            let id = |n: &str| types.iter().find(|t| t.name_sv == n).unwrap().id.clone();
            let areas = store::models::catalog::Area::all(c)?;
            let area = |code: &str| areas.iter().find(|a| a.code == code).unwrap().id.clone();
            Ok((id(KAT_V), id(KAT_I), area("externt"), area("kyla")))
        })
        .await
        .unwrap();
    let page = officer
        .get(&format!("/staff/moments?area=&type={kat_v}"))
        .await;
    page.assert_contains("2 träffar")
        .assert_contains("Första Testsson")
        .assert_contains("Tredje Testsson")
        .assert_contains(&format!("<option value=\"{kat_v}\" selected>"));
    assert!(!page.body.contains("Andra Testsson"));
    let page = officer.get(&format!("/staff/moments?type={kat_i}")).await;
    page.assert_contains("1 träff")
        .assert_contains("Andra Testsson");
    let page = officer.get(&format!("/staff/moments?area={externt}")).await;
    page.assert_contains("3 träffar");
    let page = officer.get(&format!("/staff/moments?area={kyla}")).await;
    page.assert_contains("0 träffar")
        .assert_contains("Inga moment inväntar granskning med det här urvalet");

    // 25 a page: 27 waiting make two pages, the second with the two newest.
    for i in 0..24u32 {
        let many = bare_person(&app, 200 + i, "Många").await;
        let (case_id, moment_id) = open_case(&app, &many, KAT_I).await;
        upload(
            &app,
            &many,
            &case_id,
            &moment_id,
            "c.pdf",
            "application/pdf",
        )
        .await;
    }
    let page = officer.get("/staff/moments").await;
    page.assert_contains("27 träffar")
        .assert_contains("Första Testsson")
        .assert_contains("page=2\" rel=\"next\"");
    let page = officer.get("/staff/moments?area=&type=&page=2").await;
    page.assert_contains("27 träffar");
    assert_eq!(
        page.body.matches("Många Testsson").count(),
        4,
        "two rows: the name and the hidden link text"
    );
    assert!(!page.body.contains("Första Testsson"));
    let page = officer
        .get(&format!("/staff/moments?type={kat_i}&page=2"))
        .await;
    page.assert_contains("25 träffar");
    // Nonsense paging is the first page, not an error.
    assert_eq!(
        officer.get("/staff/moments?page=x").await.status,
        StatusCode::OK
    );
}

async fn final_review_refuses_an_incomplete_case(app: TestApp) {
    let (anna, _) = person(&app, 109, "Anna").await;
    let (case_id, moment_id) = open_case(&app, &anna, KAT_V).await;
    upload(
        &app,
        &anna,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let (_, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Ärendet är inte klart för slutgranskning")
        .assert_contains("Anna Testsson")
        .assert_contains(MOMENT)
        .assert_contains("Ansökan är inte intygad ännu")
        .assert_contains("Ingen fakturamottagare är angiven ännu");
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(!page
        .body
        .contains(&format!("href=\"/staff/cases/{case_id}/reject\"")));
    bertil
        .get("/staff/cases")
        .await
        .assert_contains("0 träffar");

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Ärendet är inte klart för slutgranskning");
    assert_eq!(
        bertil
            .get(&format!("/staff/cases/{case_id}/reject"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Saknas")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::InProgress);
    assert!(case.certificate_number.is_none() && case.latest_decision_on.is_none());

    // Approved and attested, but still no invoice recipient: not ready either.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let (pid, cid) = (anna.clone(), case_id.clone());
    app.state
        .db
        .run(move |c| {
            let text = CommitmentText::current(c, "externt")?.unwrap();
            Attestation::record(c, &cid, &pid, &text.id)
        })
        .await
        .unwrap();
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[("valid_until", &valid)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
    assert_eq!(app.count("decisions").await, 0);
}

async fn a_case_officer_sees_the_final_review_but_cannot_decide(app: TestApp) {
    let (anna, anna_email) = person(&app, 110, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (_, mut harald) = staff(&app, "Harald", true, false).await;

    let list = harald.get("/staff/cases").await;
    list.assert_contains("<h1>Klara för slutgranskning</h1>")
        .assert_contains("1 träff")
        .assert_contains("Anna Testsson")
        .assert_contains(&format!("href=\"/staff/cases/{case_id}\""));
    harald
        .get("/staff")
        .await
        .assert_contains("1 ärende väntar");

    let page = harald.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<h1>Slutgranskning</h1>",
        "Anna Testsson",
        &pnr_display(110),
        "anna@example.se",
        "Externt certifikat - Personcertifikat f-gas kat V - Externt",
        "Pågående",
        MOMENT,
        "Godkänt",
        "Hanna Personal",
        "Version 1",
        "Mig personligen",
        "Privat Mottagare",
        "Storgatan 1",
        "903 25 Umeå",
        "Order 4711",
        "Händelselogg",
        "Moment godkänt",
        "Bara en beslutsfattare kan utfärda certifikatet",
    ] {
        page.assert_contains(text);
    }
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(
        !page.body.contains("Ladda upp fil"),
        "no upload links for staff"
    );

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let r = harald
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    r.assert_contains("Bara en beslutsfattare kan fatta det här beslutet");
    assert_eq!(
        harald
            .get(&format!("/staff/cases/{case_id}/reject"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = harald
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
    assert_eq!(
        app.mails_to(&anna_email).await.len(),
        2,
        "verification and the approval only"
    );
}

async fn the_reviewer_may_not_decide(app: TestApp) {
    let (anna, _) = person(&app, 111, "Anna").await;
    // Disa is both case officer and decision maker, and reviews the moment.
    let (_, mut disa) = staff(&app, "Disa", true, true).await;
    let case_id = ready_case(&app, &mut disa, &anna).await;

    let page = disa.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains(
        "Du har granskat ett moment i det här ärendet och får därför inte fatta beslut i det",
    );
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));
    assert!(!page
        .body
        .contains(&format!("href=\"/staff/cases/{case_id}/reject\"")));

    let before = footprint(&app).await;
    let valid = ymd(today() + time::Duration::days(400));
    let fields = [
        ("valid_until", valid.as_str()),
        ("external_body", "Kiwa"),
        ("external_country", "Sverige"),
        ("external_number", "K-1"),
    ];
    let r = disa
        .post(&format!("/staff/cases/{case_id}/issue"), &fields)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("får därför inte fatta beslut");
    let r = disa.get(&format!("/staff/cases/{case_id}/reject")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = disa
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("får därför inte fatta beslut");
    assert_eq!(footprint(&app).await, before);
    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::InProgress);
    assert!(case.certificate_number.is_none());

    // Another decision maker may, and gets the first number: the refusals used none.
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;
    let r = bertil
        .post(&format!("/staff/cases/{case_id}/issue"), &fields)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        case_of(&app, &case_id).await.certificate_number.as_deref(),
        Some("00001")
    );
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![("issue".to_string(), bertil_id, String::new())]
    );
}

async fn staff_do_not_handle_their_own_case(app: TestApp) {
    // A decision maker who also holds (applies for) a certificate.
    let (_, mut bertil) = staff(&app, "Bertil", true, true).await;
    let bertil_id = {
        app.state
            .db
            .run(|c| store::models::person::Person::find_by_email(c, "bertil@cert.example.se"))
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (case_id, moment_id) = open_case(&app, &bertil_id, KAT_V).await;
    upload(
        &app,
        &bertil_id,
        &case_id,
        &moment_id,
        "certifikat.pdf",
        "application/pdf",
    )
    .await;
    let page = bertil.get(&format!("/staff/moments/{moment_id}")).await;
    page.assert_contains("Det här är din egen ansökan");
    assert!(!page.body.contains("Spara granskning"));
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Det här är din egen ansökan");
    assert_eq!(footprint(&app).await, before);

    // Reviewed by someone else and complete: still not his to decide.
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let r = hanna
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    attest_and_invoice(&app, &bertil_id, &case_id).await;
    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    page.assert_contains("Det här är din egen ansökan");
    let valid = ymd(today() + time::Duration::days(400));
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/issue"),
            &[
                ("valid_until", &valid),
                ("external_body", "Kiwa"),
                ("external_country", "Sverige"),
                ("external_number", "K-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);
}

async fn issuing_a_certificate(app: TestApp) {
    let (anna, anna_email) = person(&app, 112, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}")).await;
    for text in [
        &format!("action=\"/staff/cases/{case_id}/issue\""),
        "Utfärda certifikat",
        "Giltigt till",
        "type=\"date\"",
        "Utfärdande organ",
        ">Land <span class=\"required\">*</span>",
        "Certifikatnummer hos det utfärdande organet",
        &format!("href=\"/staff/cases/{case_id}/reject\">Avslå</a>"),
    ] {
        page.assert_contains(text);
    }

    let path = format!("/staff/cases/{case_id}/issue");
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", ""),
                ("external_body", ""),
                ("external_country", ""),
                ("external_number", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Ange till vilket datum certifikatet gäller")
        .assert_contains("Ange vilket organ som har utfärdat certifikatet")
        .assert_contains("Ange i vilket land certifikatet är utfärdat")
        .assert_contains("Ange certifikatnumret hos det utfärdande organet")
        .assert_contains("href=\"#f-valid_until\"");
    let today_s = ymd(today());
    for (date, message) in [
        ("31/12/2030", "Ange datumet som år-månad-dag"),
        ("2030-02-30", "Ange datumet som år-månad-dag"),
        ("2020-01-01", "Datumet måste vara efter dagens datum"),
        (today_s.as_str(), "Datumet måste vara efter dagens datum"),
    ] {
        let r = bertil
            .post(
                &path,
                &[
                    ("valid_until", date),
                    ("external_body", "Kiwa Sverige"),
                    ("external_country", "Sverige"),
                    ("external_number", "K-123"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        r.assert_contains(message)
            .assert_contains("value=\"Kiwa Sverige\"");
    }
    assert_eq!(footprint(&app).await, before, "nothing changed");
    assert_eq!(case_of(&app, &case_id).await.status, CaseStatus::InProgress);

    let valid = today() + time::Duration::days(3 * 365);
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &ymd(valid)),
                ("external_body", "Kiwa Sverige"),
                ("external_country", "Sverige"),
                ("external_number", "K-123"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/staff/cases/{case_id}"));
    let page = bertil.follow(r).await;
    page.assert_contains("Certifikatet är utfärdat")
        .assert_contains("Aktivt")
        .assert_contains("00001")
        .assert_contains("Beslut är fattat i ärendet")
        .assert_contains("Certifikat utfärdat: 00001");
    assert!(!page
        .body
        .contains(&format!("action=\"/staff/cases/{case_id}/issue\"")));

    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Active);
    assert_eq!(case.certificate_number.as_deref(), Some("00001"));
    assert_eq!(case.issued_on, Some(today()));
    assert_eq!(case.valid_until, Some(valid));
    assert_eq!(case.latest_decision_on, Some(today()));
    assert_eq!(case.external_body, "Kiwa Sverige");
    assert_eq!(case.external_country, "Sverige");
    assert_eq!(case.external_number, "K-123");
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![("issue".to_string(), bertil_id.clone(), String::new())]
    );
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::CertificateIssued);
    assert_eq!(events[0].detail, "00001");
    assert_eq!(events[0].actor_id.as_deref(), Some(bertil_id.as_str()));
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("00001"), "{}", mail.subject);
    assert!(
        mail.body.contains(&ymd(valid)) && mail.body.contains("Certifikatnummer: 00001"),
        "{}",
        mail.body
    );
    assert!(mail
        .body
        .contains(&format!("{}/cases/{case_id}", app.state.config.base_url)));
    bertil
        .get("/staff/cases")
        .await
        .assert_contains("0 träffar");

    // A second decision on the same case is refused and changes nothing.
    let before = footprint(&app).await;
    let r = bertil
        .post(
            &path,
            &[
                ("valid_until", &ymd(valid)),
                ("external_body", "X"),
                ("external_country", "Y"),
                ("external_number", "Z"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Ärendet är avslutat");
    let r = bertil
        .post(
            &format!("/staff/cases/{case_id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
    assert_eq!(case_of(&app, &case_id).await.external_body, "Kiwa Sverige");
}

async fn rejecting_an_application(app: TestApp) {
    let (anna, anna_email) = person(&app, 113, "Anna").await;
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let case_id = ready_case(&app, &mut hanna, &anna).await;
    let (bertil_id, mut bertil) = staff(&app, "Bertil", false, true).await;

    let page = bertil.get(&format!("/staff/cases/{case_id}/reject")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Avslå ansökan</h1>")
        .assert_contains("Ansökan avslås")
        .assert_contains("Personen får ett e-postmeddelande")
        .assert_contains("Anna Testsson")
        .assert_contains("Motivering <span class=\"required\">*</span>")
        .assert_contains(">Avslå ansökan</button>")
        .assert_contains(&format!("href=\"/staff/cases/{case_id}\">Avbryt</a>"))
        .assert_contains("name=\"csrf\"");

    let path = format!("/staff/cases/{case_id}/reject");
    let before = footprint(&app).await;
    let r = bertil.post(&path, &[("reason", "  ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Skriv en motivering som förklarar varför ansökan avslås")
        .assert_contains("aria-invalid=\"true\"");
    assert_eq!(footprint(&app).await, before);

    let reason = "Det uppladdade certifikatet har slutat gälla.";
    let r = bertil.post(&path, &[("reason", reason)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/staff/cases/{case_id}"));
    let page = bertil.follow(r).await;
    page.assert_contains("Ansökan är avslagen")
        .assert_contains("Avslag")
        .assert_contains(reason);

    let case = case_of(&app, &case_id).await;
    assert_eq!(case.status, CaseStatus::Rejected);
    assert_eq!(case.decision_reason, reason);
    assert_eq!(case.latest_decision_on, Some(today()));
    assert!(case.certificate_number.is_none());
    assert_eq!(
        decisions_of(&app, &case_id).await,
        vec![("reject".to_string(), bertil_id, reason.to_string())]
    );
    let events = events_of(&app, &case_id).await;
    assert_eq!(events[0].kind, EventKind::ApplicationRejected);
    assert_eq!(events[0].detail, reason);
    let mail = app.mails_to(&anna_email).await.pop().unwrap();
    assert!(mail.subject.contains("avslagen"), "{}", mail.subject);
    assert!(mail.body.contains(reason), "{}", mail.body);

    let before = footprint(&app).await;
    let r = bertil.post(&path, &[("reason", "Igen")]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(footprint(&app).await, before);
}

async fn parallel_issuing_gives_unique_gap_free_numbers(app: TestApp) {
    let (_, mut hanna) = staff(&app, "Hanna", true, false).await;
    let mut cases = Vec::new();
    for i in 0..7u32 {
        let (pid, _) = person(&app, 120 + i, &format!("Person{i}")).await;
        cases.push(ready_case(&app, &mut hanna, &pid).await);
    }
    staff(&app, "Bertil", false, true).await;
    let mut browsers = Vec::new();
    for _ in 0..8 {
        let mut b = app.new_browser();
        b.login("bertil@cert.example.se", PASSWORD).await;
        b.get("/staff").await;
        browsers.push(b);
    }
    let valid = ymd(today() + time::Duration::days(700));
    // Six cases at once, and the seventh twice at once: one of those two must lose.
    let targets: Vec<String> = cases[..6]
        .iter()
        .cloned()
        .chain([cases[6].clone(), cases[6].clone()])
        .collect();
    let results =
        futures_util::future::join_all(browsers.iter_mut().zip(targets.iter()).map(|(b, id)| {
            let valid = valid.clone();
            async move {
                b.post(
                    &format!("/staff/cases/{id}/issue"),
                    &[
                        ("valid_until", valid.as_str()),
                        ("external_body", "Kiwa"),
                        ("external_country", "Sverige"),
                        ("external_number", "K-1"),
                    ],
                )
                .await
                .status
            }
        }))
        .await;
    assert!(
        results[..6].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{results:?}"
    );
    let mut last_two = results[6..].to_vec();
    last_two.sort();
    assert_eq!(
        last_two,
        vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT],
        "one decision per case"
    );

    let mut numbers = Vec::new();
    for id in &cases {
        let case = case_of(&app, id).await;
        assert_eq!(case.status, CaseStatus::Active);
        numbers.push(case.certificate_number.unwrap());
    }
    numbers.sort();
    let expected: Vec<String> = (1..=7).map(|n| format!("{n:05}")).collect();
    assert_eq!(numbers, expected, "unique and without gaps");
    assert_eq!(app.count("decisions").await, 7);
}

/// Every text id the staff pages and mails ask for exists in both languages. (The web
/// crate's own check reads only the top directories, not `routes/staff` or
/// `templates/staff`.) Not per backend: it reads files only.
#[test]
fn staff_texts_exist_in_both_languages() {
    use std::collections::BTreeSet;
    use std::path::Path;

    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let ids = |lang: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for entry in std::fs::read_dir(web.join("../texts/i18n").join(lang)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if !id.is_empty() && !id.starts_with([' ', '#', '*', '[']) {
                        out.insert(id.trim().to_string());
                    }
                }
            }
        }
        out
    };
    let (sv, en) = (ids("sv"), ids("en"));

    let both = |id: &str| sv.contains(id) && en.contains(id);
    let mut missing = Vec::new();
    for dir in ["templates/staff", "src/routes/staff"] {
        for entry in std::fs::read_dir(web.join(dir)).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // `t("id"`, `t1("id"`, `t_count("id"`: the id itself.
            for call in ["t(\"", "t1(\"", "t_count(\""] {
                for (i, _) in text.match_indices(call) {
                    let before = text[..i].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' {
                        continue;
                    }
                    let rest = &text[i + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    if !both(id) {
                        missing.push(id.to_string());
                    }
                }
            }
            // Any other literal "staff-…": a text id, or a flash key (`flash-<key>`).
            for (i, _) in text.match_indices("\"staff-") {
                let rest = &text[i + 1..];
                let id = &rest[..rest.find('"').unwrap()];
                if !both(id) && !both(&format!("flash-{id}")) {
                    missing.push(id.to_string());
                }
            }
        }
    }
    for kind in [
        "moment-approved",
        "moment-rejected",
        "certificate-issued",
        "application-rejected",
    ] {
        for id in [
            format!("mail-{kind}-subject"),
            format!("mail-{kind}-body"),
            format!("event-{kind}"),
        ] {
            if !both(&id) {
                missing.push(id);
            }
        }
    }
    assert!(missing.is_empty(), "missing in sv or en: {missing:#?}");
}
