//! «Prov» from the person's side, through the pages: the «Prov» page, «Boka prov» with its
//! confirmation page, «Avboka» until the last cancel day, one open booking per kind, a
//! fixed result on the «Prov» page and beside the exam moment on the case page, and the
//! staff's review of an exam moment by hand. Sessions and results (the examiner's side)
//! are set up through `app::exams`.

use axum::http::StatusCode;
use domain::certification::MomentStatus;
use domain::events::EventKind;
use domain::exams::{Attendance, BookingStatus};
use store::models::event::Event;
use store::models::exam::{ExamBooking, ExamKind};
use store::models::moment::Moment;
use store::models::person::Person;
use time::{Date, Duration};

use crate::harness::{TestApp, PASSWORD};

const KAT_A1: &str = "Personcertifikat f-gas kat A1";
const TEORI_A1: &str = "teori-a1";
const PRAKTIK_A1: &str = "praktik-a1";

/// A valid personnummer born 1985-05-05 with the serial `n` (100..=999).
fn pnr(n: u32) -> String {
    let body = format!("850505{n:03}");
    let check = domain::identifiers::luhn_check_digit(&body);
    format!("19{body}{check}")
}

fn day(d: Date) -> String {
    domain::stockholm::format_date(d)
}

/// A person registered and signed in in a browser of their own: (id, e-mail, browser).
async fn person(app: &TestApp, n: u32, first: &str) -> (String, String, TestApp) {
    let mut b = app.new_browser();
    let email = format!("{}@example.se", first.to_lowercase());
    let id = b.signed_in_person(&pnr(n), first, &email).await;
    (id, email, b)
}

/// A handläggare, signed in: (actor for `app::exams`, browser).
async fn officer(app: &TestApp) -> (app::Actor, TestApp) {
    let email = "hanna@cert.example.se".to_string();
    let id = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: email.clone(),
            first_name: "Hanna".into(),
            last_name: "Personal".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare: true,
                beslutsfattare: false,
                administrator: false,
            },
        },
    )
    .await
    .unwrap();
    let person = app
        .state
        .db
        .run(move |c| Person::find(c, &id))
        .await
        .unwrap()
        .unwrap();
    let mut b = app.new_browser();
    b.login(&email, PASSWORD).await;
    (app::Actor::of(&person), b)
}

/// «Kylskolan AB», holding every exam kind; returns its id.
async fn centre(app: &TestApp) -> String {
    app.state
        .db
        .run(|c| {
            let kind_ids = ExamKind::all(c)?.into_iter().map(|k| k.id).collect();
            Ok(app::exams::create_centre(
                c,
                None,
                &app::exams::NewCentre {
                    orgnr: "5569876542".into(),
                    name: "Kylskolan AB".into(),
                    address_line1: "Provvägen 3".into(),
                    postal_code: "41105".into(),
                    city: "Göteborg".into(),
                    kind_ids,
                },
            ))
        })
        .await
        .unwrap()
        .unwrap()
}

async fn kind_id(app: &TestApp, code: &'static str) -> String {
    app.state
        .db
        .run(move |c| ExamKind::find_by_code(c, code))
        .await
        .unwrap()
        .expect("exam kind in the catalogue")
        .id
}

/// A session; `created_on` is the day it is created (before today for a session whose
/// last days are already past).
#[allow(clippy::too_many_arguments)]
async fn session(
    app: &TestApp,
    actor: &app::Actor,
    centre_id: &str,
    kind: &str,
    on: Date,
    city: &str,
    last_cancel_day: Date,
    created_on: Date,
) -> String {
    let s = app::exams::NewSession {
        centre_id: centre_id.into(),
        exam_kind_id: kind.into(),
        on_date: on,
        start_time: "09:00".into(),
        city: city.into(),
        address: "Provgatan 1".into(),
        seats: 5,
        last_booking_day: last_cancel_day,
        last_cancel_day,
    };
    let actor = actor.clone();
    app.state
        .db
        .run(move |c| Ok(app::exams::create_session(c, &actor, &s, created_on)))
        .await
        .unwrap()
        .unwrap()
}

async fn bookings(app: &TestApp, person_id: &str) -> Vec<ExamBooking> {
    let pid = person_id.to_string();
    app.state
        .db
        .run(move |c| ExamBooking::for_person(c, &pid))
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.booking)
        .collect()
}

async fn person_events(app: &TestApp, person_id: &str) -> Vec<EventKind> {
    let pid = person_id.to_string();
    app.state
        .db
        .run(move |c| Event::for_person(c, &pid, 1, 100))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.event.kind)
        .collect()
}

/// The examiner's side: attendance and points saved, then «Fastställ resultat».
async fn fix_result(
    app: &TestApp,
    actor: &app::Actor,
    session_id: &str,
    booking_id: &str,
    points: i32,
) {
    let (actor, sid, bid) = (
        actor.clone(),
        session_id.to_string(),
        booking_id.to_string(),
    );
    let base = app.state.config.base_url.clone();
    app.state
        .db
        .run(move |c| {
            Ok(app::exams::save_results(
                c,
                &actor,
                &sid,
                &[app::exams::ResultInput {
                    booking_id: bid,
                    attendance: Some(Attendance::Present),
                    points: Some(points),
                }],
            )
            .and_then(|()| app::exams::fix_results(c, &actor, &sid, app::today(), &base)))
        })
        .await
        .unwrap()
        .unwrap();
}

/// Books through the confirmation page; returns the booking's id.
async fn book(app: &TestApp, b: &mut TestApp, person_id: &str, session_id: &str) -> String {
    let r = b.post(&format!("/exams/book/{session_id}"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/exams");
    bookings(app, person_id)
        .await
        .into_iter()
        .find(|x| x.session_id == session_id && x.status == BookingStatus::Booked)
        .expect("the booking")
        .id
}

async fn booking_through_the_pages(mut app: TestApp) {
    let today = app::today();
    let (officer, _) = officer(&app).await;
    let centre = centre(&app).await;
    let teori = kind_id(&app, TEORI_A1).await;
    let on = today + Duration::days(20);
    let last = today + Duration::days(10);
    let gbg = session(&app, &officer, &centre, &teori, on, "Göteborg", last, today).await;
    let malmo = session(
        &app,
        &officer,
        &centre,
        &teori,
        on + Duration::days(1),
        "Malmö",
        last,
        today,
    )
    .await;
    let (pid, email, mut b) = person(&app, 101, "Amir").await;

    // «Prov»: nothing booked yet, and the way to book.
    let r = b.get("/exams").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Prov</h1>")
        .assert_contains("Du har inga provbokningar.")
        .assert_contains("href=\"/exams/book\"")
        .assert_contains("Boka prov");

    // «Boka prov»: the exam kinds, then the sessions with free seats, by city.
    let r = b.get("/exams/book").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Teoretiskt prov kat A1")
        .assert_contains("Visa provtillfällen");
    assert!(!r.body.contains("Provtillfällen med lediga platser"));
    let r = b.get(&format!("/exams/book?kind={teori}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Provtillfällen med lediga platser")
        .assert_contains("2 träffar")
        .assert_contains(&format!("href=\"/exams/book/{gbg}\""))
        .assert_contains(&format!("href=\"/exams/book/{malmo}\""))
        .assert_contains(&format!("{} 09:00", day(on)))
        .assert_contains("Kylskolan AB");
    let r = b
        .get(&format!("/exams/book?kind={teori}&city=Malm%C3%B6"))
        .await;
    r.assert_contains("1 träff")
        .assert_contains(&format!("href=\"/exams/book/{malmo}\""))
        .assert_contains("value=\"Malmö\"");
    assert!(!r.body.contains(&format!("href=\"/exams/book/{gbg}\"")));

    // An exam that is not in the list is a field error, in Swedish and English.
    let r = b.get("/exams/book?kind=nope&city=Lund").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Välj ett prov i listan.")
        .assert_contains("value=\"Lund\"")
        .assert_contains("aria-invalid=\"true\"");
    b.get("/lang/en?next=/").await;
    let r = b.get("/exams/book?kind=nope&city=Lund").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("There is a problem")
        .assert_contains("Choose an exam from the list.")
        .assert_contains("value=\"Lund\"");
    let r = b.get(&format!("/exams/book/{gbg}")).await;
    r.assert_contains("Confirm booking")
        .assert_contains("Valid identification and a pen.");
    b.get("/lang/sv?next=/").await;

    // «Boka» on a confirmation page naming the exam, date, place, what to bring and the
    // last cancel day.
    let r = b.get(&format!("/exams/book/{gbg}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Bekräfta bokning</h1>")
        .assert_contains("Teoretiskt prov kat A1")
        .assert_contains(&format!("{} 09:00", day(on)))
        .assert_contains("Provgatan 1, Göteborg")
        .assert_contains("Giltig legitimation och penna.")
        .assert_contains("Sista dag att avboka")
        .assert_contains(&day(last))
        .assert_contains(&format!("action=\"/exams/book/{gbg}\""))
        .assert_contains(">Boka</button>");
    assert!(
        bookings(&app, &pid).await.is_empty(),
        "nothing before «Boka»"
    );

    // Without the CSRF token nothing is booked.
    let r = b
        .post_raw(&format!("/exams/book/{gbg}"), String::new())
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(bookings(&app, &pid).await.is_empty());

    let before = app.mails_to(&email).await.len();
    let r = b.post(&format!("/exams/book/{gbg}"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/exams");
    let r = b.follow(r).await;
    r.assert_contains("Provet är bokat.")
        .assert_contains("Teoretiskt prov kat A1")
        .assert_contains("Bokad")
        .assert_contains("Kylskolan AB")
        .assert_contains("Avboka");
    let mine = bookings(&app, &pid).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].status, BookingStatus::Booked);
    let mails = app.mails_to(&email).await;
    assert_eq!(mails.len(), before + 1);
    let mail = mails.last().unwrap();
    assert!(
        mail.subject.contains("Teoretiskt prov kat A1"),
        "{}",
        mail.subject
    );
    for needle in [
        day(on).as_str(),
        "09:00",
        "Provgatan 1, Göteborg",
        "Kylskolan AB",
        "Giltig legitimation och penna.",
    ] {
        assert!(mail.body.contains(needle), "{needle:?} in {}", mail.body);
    }
    assert!(person_events(&app, &pid)
        .await
        .contains(&EventKind::ExamBooked));

    // One open booking per exam kind: the other session of the kind is refused with the
    // rule's text, and nothing is written.
    let r = b.post(&format!("/exams/book/{malmo}"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Du har redan en bokning av det här provet.");
    assert!(!r.body.contains(">Boka</button>"));
    assert_eq!(bookings(&app, &pid).await.len(), 1);
    assert_eq!(app.mails_to(&email).await.len(), before + 1);

    // Another kind may be booked beside it.
    let praktik = kind_id(&app, PRAKTIK_A1).await;
    let p = session(
        &app,
        &officer,
        &centre,
        &praktik,
        on,
        "Göteborg",
        last,
        today,
    )
    .await;
    book(&app, &mut b, &pid, &p).await;
    assert_eq!(bookings(&app, &pid).await.len(), 2);

    // Someone else's booking cannot be seen or cancelled.
    let (_, _, mut other) = person(&app, 102, "Berit").await;
    let id = &bookings(&app, &pid).await[0].id;
    let r = other.get(&format!("/exams/bookings/{id}/cancel")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = other
        .post(&format!("/exams/bookings/{id}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Signed out: to the login.
    let r = app.get("/exams").await;
    assert!(r.status.is_redirection(), "{}", r.status);
    let r = app.get("/exams/book").await;
    assert!(r.status.is_redirection(), "{}", r.status);
}

async fn cancel_until_the_last_cancel_day(app: TestApp) {
    let today = app::today();
    let (officer, _) = officer(&app).await;
    let centre = centre(&app).await;
    let teori = kind_id(&app, TEORI_A1).await;
    let praktik = kind_id(&app, PRAKTIK_A1).await;
    let on = today + Duration::days(14);
    // Today is its last cancel day.
    let open = session(
        &app,
        &officer,
        &centre,
        &teori,
        on,
        "Göteborg",
        today,
        today,
    )
    .await;
    let (pid, email, mut b) = person(&app, 103, "Cecilia").await;
    let id = book(&app, &mut b, &pid, &open).await;

    let r = b.get("/exams").await;
    r.assert_contains(&format!("href=\"/exams/bookings/{id}/cancel\""));
    let r = b.get(&format!("/exams/bookings/{id}/cancel")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Avboka prov</h1>")
        .assert_contains("Du avbokar Teoretiskt prov kat A1")
        .assert_contains("Kylskolan AB")
        .assert_contains(">Avboka</button>");
    let before = app.mails_to(&email).await.len();
    let r = b.post(&format!("/exams/bookings/{id}/cancel"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = b.follow(r).await;
    r.assert_contains("Provet är avbokat.")
        .assert_contains("Avbokad");
    assert!(!r
        .body
        .contains(&format!("href=\"/exams/bookings/{id}/cancel\"")));
    assert_eq!(
        bookings(&app, &pid).await[0].status,
        BookingStatus::Cancelled
    );
    let mails = app.mails_to(&email).await;
    assert_eq!(mails.len(), before + 1);
    assert!(mails.last().unwrap().subject.starts_with("Avbokat"));
    assert!(person_events(&app, &pid)
        .await
        .contains(&EventKind::ExamCancelled));
    // Cancelled once is cancelled: a second time is refused.
    let r = b.post(&format!("/exams/bookings/{id}/cancel"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // The seat is free again, and the kind may be booked again.
    let r = b.get(&format!("/exams/book?kind={teori}")).await;
    r.assert_contains(&format!("href=\"/exams/book/{open}\""));

    // A session whose last cancel day was yesterday (created and booked ten days ago).
    let ago = today - Duration::days(10);
    let late = session(
        &app,
        &officer,
        &centre,
        &praktik,
        today + Duration::days(3),
        "Göteborg",
        today - Duration::days(1),
        ago,
    )
    .await;
    let actor = app::Actor::of(
        &app.state
            .db
            .run({
                let pid = pid.clone();
                move |c| Person::find(c, &pid)
            })
            .await
            .unwrap()
            .unwrap(),
    );
    let base = app.state.config.base_url.clone();
    let lid = late.clone();
    let late_booking = app
        .state
        .db
        .run(move |c| Ok(app::exams::book(c, &actor, &lid, ago, &base)))
        .await
        .unwrap()
        .unwrap();
    // Its booking is closed too: the confirmation page says so and offers no «Boka».
    let r = b.get(&format!("/exams/book/{late}")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("<h1>Bekräfta bokning</h1>")
        .assert_contains("Sista dag att boka har passerat.");
    assert!(!r.body.contains(">Boka</button>"));
    let r = b.get("/exams").await;
    assert!(!r
        .body
        .contains(&format!("href=\"/exams/bookings/{late_booking}/cancel\"")));
    let r = b
        .get(&format!("/exams/bookings/{late_booking}/cancel"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("<h1>Avboka prov</h1>")
        .assert_contains("Sista dag att avboka har passerat.");
    assert!(!r.body.contains(">Avboka</button>"));
    let before = app.mails_to(&email).await.len();
    let r = b
        .post(&format!("/exams/bookings/{late_booking}/cancel"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(!r.body.contains(">Avboka</button>"));
    let still = bookings(&app, &pid).await;
    let b2 = still.iter().find(|x| x.id == late_booking).unwrap();
    assert_eq!(b2.status, BookingStatus::Booked);
    assert_eq!(app.mails_to(&email).await.len(), before);
}

async fn a_fixed_pass_shows_on_the_exams_page(app: TestApp) {
    let today = app::today();
    let (officer, _) = officer(&app).await;
    let centre = centre(&app).await;
    let teori = kind_id(&app, TEORI_A1).await;
    let on = today + Duration::days(7);
    let s = session(
        &app,
        &officer,
        &centre,
        &teori,
        on,
        "Göteborg",
        today,
        today,
    )
    .await;
    let (pid, _, mut b) = person(&app, 104, "David").await;
    let id = book(&app, &mut b, &pid, &s).await;
    fix_result(&app, &officer, &s, &id, 35).await;

    let r = b.get("/exams").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Genomförd")
        .assert_contains("Godkänt</strong> 35/40 poäng");
    assert!(!r
        .body
        .contains(&format!("href=\"/exams/bookings/{id}/cancel\"")));
    b.get("/lang/en?next=/").await;
    let r = b.get("/exams").await;
    r.assert_contains("<h1>Exams</h1>")
        .assert_contains("Taken")
        .assert_contains("35/40 points");
}

async fn the_case_page_shows_the_exam_moment_and_a_failed_result(app: TestApp) {
    let today = app::today();
    let (officer, _) = officer(&app).await;
    let centre = centre(&app).await;
    let teori = kind_id(&app, TEORI_A1).await;
    let (pid, _, mut b) = person(&app, 105, "Eva").await;
    let case_id = crate::certificates::apply(&mut b, KAT_A1).await;
    let cid = case_id.clone();
    let moments = app
        .state
        .db
        .run(move |c| crate::harness::case_moments(c, &cid))
        .await
        .unwrap();
    let exam_moment = moments
        .iter()
        .find(|m| m.template.name_sv == "Teoretiskt prov")
        .expect("the theory exam moment");
    assert_eq!(exam_moment.moment.status, MomentStatus::AwaitingExam);
    let mid = exam_moment.moment.id.clone();

    let r = b.get(&format!("/cases/{case_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Teoretiskt prov")
        .assert_contains("Inväntar prov")
        .assert_contains(&format!("href=\"/exams/book?kind={teori}\""))
        .assert_contains("Boka prov");
    assert!(
        !r.body.contains(&format!("/moments/{mid}/upload")),
        "no upload link for an exam moment"
    );

    // «Boka prov» from the case, a failed result, and the result beside the moment.
    let on = today + Duration::days(7);
    let s = session(
        &app,
        &officer,
        &centre,
        &teori,
        on,
        "Göteborg",
        today,
        today,
    )
    .await;
    let id = book(&app, &mut b, &pid, &s).await;
    fix_result(&app, &officer, &s, &id, 20).await;
    let r = b.get(&format!("/cases/{case_id}")).await;
    r.assert_contains("Inväntar prov")
        .assert_contains(&format!("Underkänt 20/40 ({})", day(on)))
        .assert_contains(&format!("href=\"/exams/book?kind={teori}\""));
    let cid = case_id.clone();
    let status = app
        .state
        .db
        .run(move |c| crate::harness::case_moments(c, &cid))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.moment.id == mid)
        .unwrap()
        .moment
        .status;
    assert_eq!(
        status,
        MomentStatus::AwaitingExam,
        "a failed result leaves it open"
    );
    b.get("/lang/en?next=/").await;
    let r = b.get(&format!("/cases/{case_id}")).await;
    r.assert_contains(&format!("Failed 20/40 ({})", day(on)));
}

async fn staff_review_an_exam_moment_by_hand(app: TestApp) {
    let (_, mut staff) = officer(&app).await;
    let (_, _, mut b) = person(&app, 106, "Filip").await;
    let case_id = crate::certificates::apply(&mut b, KAT_A1).await;
    let cid = case_id.clone();
    let mid = app
        .state
        .db
        .run(move |c| crate::harness::case_moments(c, &cid))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.template.name_sv == "Praktiskt prov")
        .unwrap()
        .moment
        .id;

    // The final-review page links the exam moment to its review.
    let r = staff.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains(&format!("href=\"/staff/moments/{mid}\""))
        .assert_contains("Granska");

    let r = staff.get(&format!("/staff/moments/{mid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Inväntar prov")
        .assert_contains("Ett provmoment blir godkänt av sig självt")
        .assert_contains("Godkänn")
        .assert_contains("Ej godkänt")
        .assert_contains("Spara granskning");
    let r = staff
        .post(
            &format!("/staff/moments/{mid}/review"),
            &[
                ("decision", "approve"),
                ("comment", "Provet gjort hos ett annat certifieringsorgan."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (id, want) = (mid.clone(), MomentStatus::Approved);
    let got = app
        .state
        .db
        .run(move |c| Moment::find(c, &id))
        .await
        .unwrap()
        .unwrap()
        .0
        .status;
    assert_eq!(got, want);
    let r = b.get(&format!("/cases/{case_id}")).await;
    r.assert_contains("Godkänt");
    // Approved: no «Boka prov» for it any more (the theory exam still offers one).
    let praktik = kind_id(&app, PRAKTIK_A1).await;
    assert!(!r
        .body
        .contains(&format!("href=\"/exams/book?kind={praktik}\"")));
}

crate::on_both_backends!(
    booking_through_the_pages,
    cancel_until_the_last_cancel_day,
    a_fixed_pass_shows_on_the_exams_page,
    the_case_page_shows_the_exam_moment_and_a_failed_result,
    staff_review_an_exam_moment_by_hand,
);
