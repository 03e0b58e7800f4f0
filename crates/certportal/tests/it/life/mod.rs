//! The certificate's life after issue, through the application layer with a chosen
//! `today`: who may attest the yearly activity, lapse and reactivation, early
//! recertification, the decisions after issue and their letters, reminders sent once,
//! the daily jobs run twice, and mail sent at a bounded rate. The pages are exercised in
//! `certificates/`, `companies/` and `staff/`.

mod annual;
mod decisions;
mod jobs;
mod mail_rate;
mod recertification;

use domain::certification::life::first_annual_due;
use domain::certification::{CaseStatus, MomentStatus};
use domain::employment::EmploymentStatus;
use domain::events::EventKind;
use store::models::case::{Case, Issue};
use store::models::catalog::{CertificateType, MomentTemplate};
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::outbox::Mail;
use store::models::person::{NewPerson, Person};
use store::models::Change;
use time::macros::date;
use time::Date;

use crate::harness::TestApp;

/// The day the test certificates are issued on.
pub(crate) const ISSUED: Date = date!(2026 - 01 - 15);
/// Their first yearly attestation's due date.
pub(crate) const DUE1: Date = date!(2027 - 01 - 15);
/// Their «Giltigt till».
pub(crate) const VALID: Date = date!(2031 - 01 - 15);
const A1: &str = "Personcertifikat f-gas kat A1";

pub(crate) fn actor(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        ..Default::default()
    }
}

pub(crate) fn decider(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        beslutsfattare: true,
        ..Default::default()
    }
}

fn officer(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        handlaggare: true,
        ..Default::default()
    }
}

/// Runs `f` on a connection of the test's pool.
pub(crate) async fn db<T: Send + 'static>(
    app: &TestApp,
    f: impl FnOnce(&mut store::DbConn) -> T + Send + 'static,
) -> T {
    app.state.db.run(move |c| Ok(f(c))).await.unwrap()
}

pub(crate) fn base(app: &TestApp) -> String {
    app.state.config.base_url.clone()
}

/// A person straight in the store; returns the id. `n` makes the personnummer and
/// e-mail (`<first>@example.se`) unique.
pub(crate) async fn person(app: &TestApp, n: u32, first: &str, lang: &str) -> String {
    let (first, lang) = (first.to_string(), lang.to_string());
    db(app, move |c| {
        let body = format!("800101{n:03}");
        let check = domain::identifiers::luhn_check_digit(&body);
        let id = store::new_id();
        let now = store::now();
        Person::insert(
            c,
            &NewPerson {
                id: id.clone(),
                personnummer: Some(format!("19{body}{check}")),
                first_name: first.clone(),
                last_name: "Testsson".into(),
                email: format!("{}@example.se", first.to_lowercase()),
                email_verified_at: Some(now),
                password_hash: None,
                language: lang,
                is_handlaggare: false,
                is_beslutsfattare: false,
                is_administrator: false,
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap();
        id
    })
    .await
}

/// A company with `admins` as its administrators; returns its id.
pub(crate) async fn company(app: &TestApp, orgnr: &str, name: &str, admins: &[&str]) -> String {
    let (orgnr, name) = (orgnr.to_string(), name.to_string());
    let admins: Vec<String> = admins.iter().map(|a| a.to_string()).collect();
    db(app, move |c| {
        store::write_tx(c, |c| {
            let id = Company::create(c, &orgnr, &name)?;
            for a in &admins {
                Company::add_admin(c, &id, a)?;
            }
            Ok::<_, store::StoreError>(id)
        })
        .unwrap()
    })
    .await
}

/// A confirmed employment of `person` at `company`.
pub(crate) async fn employ(app: &TestApp, person: &str, company: &str) {
    let (p, co) = (person.to_string(), company.to_string());
    db(app, move |c| {
        store::write_tx(c, |c| {
            let id = Employment::request(c, &p, &co, date!(2020 - 01 - 01))?;
            let change = Change {
                from: EmploymentStatus::Pending,
                to: EmploymentStatus::Confirmed,
            };
            assert!(Employment::decide(c, &id, change, &p)?);
            Ok::<_, store::StoreError>(())
        })
        .unwrap()
    })
    .await
}

/// A kat A1 certificate issued on [`ISSUED`], valid until [`VALID`], number `number`;
/// returns the case id.
pub(crate) async fn certificate(app: &TestApp, holder: &str, number: &str) -> String {
    let (holder, number) = (holder.to_string(), number.to_string());
    db(app, move |c| {
        store::write_tx(c, |c| {
            let t = CertificateType::all(c)?
                .into_iter()
                .find(|t| t.name_sv == A1)
                .expect("kat A1");
            let templates = MomentTemplate::for_type(c, &t.id)?;
            let id = Case::create(c, &holder, &t.id, &templates, |_| MomentStatus::Approved)?;
            let change = Change {
                from: CaseStatus::InProgress,
                to: CaseStatus::Active,
            };
            let issued = Case::issue(
                c,
                &id,
                change,
                &Issue {
                    certificate_number: number,
                    issued_on: ISSUED,
                    valid_until: VALID,
                    external_body: String::new(),
                    external_country: String::new(),
                    external_number: String::new(),
                    annual_renewal_on: first_annual_due(ISSUED, VALID),
                    recertification_on: Some(VALID),
                    status_index: None,
                },
            )?;
            assert!(issued);
            Ok::<_, store::StoreError>(id)
        })
        .unwrap()
    })
    .await
}

pub(crate) async fn case_of(app: &TestApp, id: &str) -> Case {
    let id = id.to_string();
    db(app, move |c| Case::find(c, &id).unwrap().expect("case")).await
}

/// The kinds of the case's events, newest first.
async fn event_kinds(app: &TestApp, case_id: &str) -> Vec<EventKind> {
    let id = case_id.to_string();
    db(app, move |c| {
        use store::models::event::Event;
        let all = Event::for_case(c, &id, 1, 500).unwrap();
        // The total comes with a page's rows, and on its own past the last page.
        assert_eq!(all.total, all.items.len() as i64);
        let first = Event::for_case(c, &id, 1, 1).unwrap();
        assert_eq!((first.total, first.items.len()), (all.total, 1));
        let past = Event::for_case(c, &id, 2, 500).unwrap();
        assert_eq!((past.total, past.items.len()), (all.total, 0));
        all.items.into_iter().map(|r| r.event.kind).collect()
    })
    .await
}

async fn mails_to(app: &TestApp, email: &str) -> Vec<Mail> {
    let email = email.to_string();
    db(app, move |c| Mail::for_recipient(c, &email).unwrap()).await
}

/// Rows in the tables a refused change must leave as they were.
async fn footprint(app: &TestApp) -> [i64; 5] {
    [
        app.count("events").await,
        app.count("outbox").await,
        app.count("annual_attestations").await,
        app.count("decisions").await,
        app.count("reminders").await,
    ]
}
