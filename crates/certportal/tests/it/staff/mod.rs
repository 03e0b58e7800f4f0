//! «Handläggning»: the queues, moment review, the final review, issuing and rejecting,
//! the role checks and separation of duties, and certificate numbers under concurrency.
//!
//! The person's pages are exercised elsewhere; here a case is put into the state a test
//! needs straight through the store (open, "upload", attest, invoice recipient), and
//! everything the staff do goes through HTTP. This file holds the set-up the tests share;
//! the tests are in the files named after what they cover.

mod app_rules;
mod decision;
mod final_review;
mod issue_form;
mod life_decisions;
mod queue;
mod review;
mod state_properties;
mod texts;

use axum::http::StatusCode;
use domain::certification::{CaseStatus, InvoiceRecipientKind, MomentStatus};
use domain::events::EventKind;
use store::models::attestation::Attestation;
use store::models::case::Case;
use store::models::catalog::{CertificateType, CommitmentText, MomentTemplate};
use store::models::file::FileMeta;
use store::models::invoice::InvoiceRecipient;
use store::models::moment::Moment;

use crate::harness::{TestApp, PASSWORD};

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
                Case::create(c, &pid, &t.id, &templates, |t| t.kind.initial_status())
            })?;
            let moment_id = crate::harness::case_moments(c, &case_id)?
                .remove(0)
                .moment
                .id;
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
                // The facts the case page reads of both, in one statement, and with the
                // case itself (`find_for_page`), which must agree.
                let catalogue = store::models::catalog::Catalogue::read(c)?;
                let on_page = |c: &mut store::DbConn| -> store::StoreResult<(bool, bool)> {
                    let found = Case::find_for_page(c, &catalogue, &cid)?.expect("case");
                    Ok((found.attested, found.invoiced))
                };
                assert_eq!(Case::attested_and_invoiced(c, &cid)?, (false, false));
                assert_eq!(on_page(c)?, (false, false));
                Attestation::record(c, &cid, &pid, &text.id)?;
                assert_eq!(
                    Case::attested_and_invoiced(c, &cid)?,
                    (true, false),
                    "attested, no invoice recipient yet"
                );
                assert_eq!(on_page(c)?, (true, false));
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
                )?;
                assert_eq!(Case::attested_and_invoiced(c, &cid)?, (true, true));
                assert_eq!(on_page(c)?, (true, true));
                Ok(())
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
/// An event of a case as recorded, with whom it concerns (which the log pages do not
/// read: the case is what they are read by).
#[derive(Debug, diesel::Queryable)]
struct Logged {
    kind: EventKind,
    actor_id: Option<String>,
    person_id: Option<String>,
    detail: String,
}

/// The case's events, newest first.
async fn events_of(app: &TestApp, case_id: &str) -> Vec<Logged> {
    use diesel::prelude::*;
    use store::schema::events;
    let id = case_id.to_string();
    app.state
        .db
        .run(move |c| {
            Ok(events::table
                .filter(events::case_id.eq(id))
                .order((events::at.desc(), events::id.desc()))
                .select((
                    events::kind,
                    events::actor_id,
                    events::person_id,
                    events::detail,
                ))
                .load::<Logged>(c)?)
        })
        .await
        .unwrap()
}

/// The case's decisions: (kind, decided_by, reason).
async fn decisions_of(
    app: &TestApp,
    case_id: &str,
) -> Vec<(domain::certification::DecisionKind, String, String)> {
    use diesel::sql_types::Text;
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        kind: domain::certification::DecisionKind,
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
