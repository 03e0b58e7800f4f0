//! The examiner's pages: «Provtillfällen» of their centres only, «Nytt provtillfälle»
//! and its checks, the session page's «Spara» and «Fastställ resultat», and the staff's
//! «Rätta resultat» afterwards. Centres, examiners and bookings are set up through `app`
//! (their own pages are tested elsewhere); everything the examiner does goes through HTTP.

use axum::http::StatusCode;
use domain::events::EventKind;
use domain::exams::{Attendance, BookingStatus, SessionStatus};
use store::models::event::Event;
use store::models::exam::{ExamBooking, ExamKind, ExamSession};
use store::models::person::Person;

use crate::harness::{TestApp, PASSWORD};

// ---------------------------------------------------------------------------------------
// Set-up, shared with `admin.rs`

/// A valid personnummer born 1980-01-01 with the serial `n` (100..=999).
pub(super) fn pnr(n: u32) -> String {
    let body = format!("800101{n:03}");
    let check = domain::identifiers::luhn_check_digit(&body);
    format!("19{body}{check}")
}

/// A valid organisationsnummer (stored form, ten digits) numbered `n`.
pub(super) fn orgnr(n: u32) -> String {
    let body = format!("55601{n:04}");
    let check = domain::identifiers::luhn_check_digit(&body);
    format!("{body}{check}")
}

/// A person registered and signed in in a browser of their own: id, e-mail, browser.
pub(super) async fn person(app: &TestApp, n: u32, first: &str) -> (String, String, TestApp) {
    let mut b = app.new_browser();
    let email = format!("{}@example.se", first.to_lowercase());
    let id = b.signed_in_person(&pnr(n), first, &email).await;
    (id, email, b)
}

/// A staff account signed in: a «Handläggare», or also an «Administratör».
pub(super) async fn staff(app: &TestApp, first: &str, administrator: bool) -> (String, TestApp) {
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
                handlaggare: true,
                beslutsfattare: false,
                administrator,
            },
        },
    )
    .await
    .unwrap();
    let mut b = app.new_browser();
    b.login(&email, PASSWORD).await;
    (id, b)
}

pub(super) async fn kind(app: &TestApp, code: &'static str) -> ExamKind {
    app.state
        .db
        .run(move |c| ExamKind::find_by_code(c, code))
        .await
        .unwrap()
        .expect("exam kind in the catalogue")
}

/// A centre holding the kinds, registered by the portal itself; its id.
pub(super) async fn centre(app: &TestApp, n: u32, name: &str, kinds: &[&ExamKind]) -> String {
    let new = app::exams::NewCentre {
        orgnr: orgnr(n),
        name: name.into(),
        address_line1: "Provgatan 1".into(),
        postal_code: "111 22".into(),
        city: "Uppsala".into(),
        kind_ids: kinds.iter().map(|k| k.id.clone()).collect(),
    };
    app.state
        .db
        .run(move |c| Ok(app::exams::create_centre(c, None, &new).unwrap()))
        .await
        .unwrap()
}

pub(super) async fn grant(app: &TestApp, centre_id: &str, email: &str) {
    let (cid, email) = (centre_id.to_string(), email.to_string());
    app.state
        .db
        .run(move |c| Ok(app::exams::grant_examiner(c, None, &cid, &email).unwrap()))
        .await
        .unwrap();
}

async fn actor(app: &TestApp, person_id: &str) -> app::Actor {
    let pid = person_id.to_string();
    let p = app
        .state
        .db
        .run(move |c| Person::find(c, &pid))
        .await
        .unwrap()
        .expect("person");
    app::Actor::of(&p)
}

/// A session in ten days with `seats`, created by `by` (an examiner of the centre).
pub(super) async fn session(
    app: &TestApp,
    by: &str,
    centre_id: &str,
    kind: &ExamKind,
    seats: i32,
) -> String {
    let a = actor(app, by).await;
    let today = app::today();
    let on = today + time::Duration::days(10);
    let new = app::exams::NewSession {
        centre_id: centre_id.into(),
        exam_kind_id: kind.id.clone(),
        on_date: on,
        start_time: "09:00".into(),
        city: "Uppsala".into(),
        address: "Provgatan 1".into(),
        seats,
        last_booking_day: on - time::Duration::days(3),
        last_cancel_day: on - time::Duration::days(3),
    };
    app.state
        .db
        .run(move |c| Ok(app::exams::create_session(c, &a, &new, today).unwrap()))
        .await
        .unwrap()
}

/// The person books the session (as «Boka» would); the booking's id.
pub(super) async fn book(app: &TestApp, person_id: &str, session_id: &str) -> String {
    let a = actor(app, person_id).await;
    let sid = session_id.to_string();
    let base = app.state.config.base_url.clone();
    app.state
        .db
        .run(move |c| Ok(app::exams::book(c, &a, &sid, app::today(), &base).unwrap()))
        .await
        .unwrap()
}

async fn booking(app: &TestApp, id: &str) -> ExamBooking {
    let id = id.to_string();
    app.state
        .db
        .run(move |c| ExamBooking::find(c, &id))
        .await
        .unwrap()
        .expect("booking")
}

async fn session_status(app: &TestApp, id: &str) -> SessionStatus {
    let id = id.to_string();
    app.state
        .db
        .run(move |c| ExamSession::find_row(c, &id))
        .await
        .unwrap()
        .expect("session")
        .session
        .status
}

pub(super) async fn event_kinds(app: &TestApp, person_id: &str) -> Vec<(EventKind, String)> {
    let pid = person_id.to_string();
    app.state
        .db
        .run(move |c| Event::for_person(c, &pid, 1, 200))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| (e.event.kind, e.event.detail))
        .collect()
}

fn present() -> &'static str {
    Attendance::Present.code()
}

fn absent() -> &'static str {
    Attendance::Absent.code()
}

fn in_days(n: i64) -> String {
    domain::stockholm::format_date(app::today() + time::Duration::days(n))
}

/// Two centres with an examiner each, and a session at each: (examiner A's browser,
/// A's id, centre A, session A, examiner B's browser, session B).
struct TwoCentres {
    a: TestApp,
    a_id: String,
    centre_a: String,
    session_a: String,
    b: TestApp,
    centre_b: String,
    session_b: String,
    theory: ExamKind,
}

async fn two_centres(app: &TestApp) -> TwoCentres {
    let theory = kind(app, "teori-1").await;
    let practical = kind(app, "praktik-1").await;
    let centre_a = centre(app, 1, "Kylskolan Norr AB", &[&theory]).await;
    let centre_b = centre(app, 2, "Provhuset Syd AB", &[&theory, &practical]).await;
    let (a_id, a_email, a) = person(app, 101, "Anna").await;
    let (b_id, b_email, b) = person(app, 102, "Bertil").await;
    grant(app, &centre_a, &a_email).await;
    grant(app, &centre_b, &b_email).await;
    let session_a = session(app, &a_id, &centre_a, &theory, 5).await;
    let session_b = session(app, &b_id, &centre_b, &practical, 5).await;
    TwoCentres {
        a,
        a_id,
        centre_a,
        session_a,
        b,
        centre_b,
        session_b,
        theory,
    }
}

// ---------------------------------------------------------------------------------------
// Tests

async fn examiner_sees_only_their_centres_sessions(app: TestApp) {
    let mut t = two_centres(&app).await;
    let (cand_id, _, mut cand) = person(&app, 103, "Cecilia").await;
    let booking_b = book(&app, &cand_id, &t.session_b).await;

    // The menu offers «Provtillfällen»; the list has A's session, not B's.
    let r = t.a.get("/exam-sessions").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Provtillfällen")
        .assert_contains(&format!("/exam-sessions/{}", t.session_a))
        .assert_contains("Kylskolan Norr AB");
    assert!(!r.body.contains(&t.session_b), "{}", r.body);
    assert!(!r.body.contains("Provhuset Syd AB"));
    // The menu offers it on every page to an examiner (read with the session), not to a
    // candidate.
    t.a.get("/certificates")
        .await
        .assert_contains(r#"<li><a href="/exam-sessions">"#);
    let r = cand.get("/certificates").await;
    assert!(!r.body.contains(r#"href="/exam-sessions""#), "{}", r.body);

    // A's own session page; B's is not there for A.
    let r = t.a.get(&format!("/exam-sessions/{}", t.session_a)).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Teoretiskt prov kat I");
    for path in [
        format!("/exam-sessions/{}", t.session_b),
        format!("/exam-sessions/{}/fix", t.session_b),
        format!(
            "/exam-sessions/{}/bookings/{booking_b}/correct",
            t.session_b
        ),
    ] {
        let r = t.a.get(&path).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{path}: {}",
            r.status
        );
    }
    // Nor can A post to it.
    let results = format!("/exam-sessions/{}/results", t.session_b);
    let attendance = format!("attendance-{booking_b}");
    let points = format!("points-{booking_b}");
    let fields = [(attendance.as_str(), present()), (points.as_str(), "18")];
    let r = t.a.post(&results, &fields).await;
    assert!(
        matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{}",
        r.status
    );
    let r =
        t.a.post(&format!("/exam-sessions/{}/fix", t.session_b), &[])
            .await;
    assert!(matches!(
        r.status,
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));
    // A cannot create a session at B's centre either.
    let r =
        t.a.post(
            "/exam-sessions/new",
            &[
                ("centre", t.centre_b.as_str()),
                ("kind", t.theory.id.as_str()),
                ("on_date", &in_days(20)),
                ("start_time", "09:00"),
                ("city", "Malmö"),
                ("address", "Provgatan 2"),
                ("seats", "5"),
                ("last_booking_day", &in_days(15)),
                ("last_cancel_day", &in_days(15)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Välj ett av dina provcenter.");

    // A person who examines nothing: no menu item, refused everywhere.
    let r = cand.get("/").await;
    assert!(!r.body.contains("href=\"/exam-sessions\""));
    let r = cand.get("/exam-sessions").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = cand.get("/exam-sessions/new").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = cand.get(&format!("/exam-sessions/{}", t.session_b)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = cand.post(&results, &fields).await;
    assert!(matches!(
        r.status,
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));
    let r = cand
        .post(&format!("/exam-sessions/{}/fix", t.session_b), &[])
        .await;
    assert!(matches!(
        r.status,
        StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
    ));

    // A stranger is sent to log in.
    let mut stranger = app.new_browser();
    let r = stranger
        .get(&format!("/exam-sessions/{}", t.session_b))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"), "{}", r.location());
    let r = stranger.post(&results, &fields).await;
    assert!(
        matches!(r.status, StatusCode::SEE_OTHER | StatusCode::FORBIDDEN),
        "{}",
        r.status
    );

    // Nothing was written; B still manages B's session.
    let b = booking(&app, &booking_b).await;
    assert_eq!(b.attendance, None);
    assert_eq!(b.points, None);
    assert_eq!(
        session_status(&app, &t.session_b).await,
        SessionStatus::Open
    );
    assert_eq!(app.count("exam_sessions").await, 2);
    let r = t.b.get(&format!("/exam-sessions/{}", t.session_b)).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Cecilia Testsson");
    let _ = (&t.a_id, &t.centre_a);
}

async fn staff_see_every_session(app: TestApp) {
    let t = two_centres(&app).await;
    let (_, mut s) = staff(&app, "Hanna", false).await;
    let r = s.get("/exam-sessions").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains(&t.session_a)
        .assert_contains(&t.session_b);
    let r = s.get(&format!("/exam-sessions/{}", t.session_b)).await;
    assert_eq!(r.status, StatusCode::OK);
}

async fn new_session_is_checked(app: TestApp) {
    let mut t = two_centres(&app).await;
    let practical = kind(&app, "praktik-1").await;

    let r = t.a.get("/exam-sessions/new").await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Nytt provtillfälle")
        .assert_contains("Kylskolan Norr AB")
        .assert_contains("Teoretiskt prov kat I");
    // Only A's centre and its kinds are offered.
    assert!(!r.body.contains("Provhuset Syd AB"));
    assert!(!r.body.contains("Praktiskt prov kat I"));

    // Everything wrong at once: each field says so, and what was typed stays.
    let r =
        t.a.post(
            "/exam-sessions/new",
            &[
                ("centre", t.centre_a.as_str()),
                ("kind", practical.id.as_str()),
                ("on_date", &in_days(-1)),
                ("start_time", "25:00"),
                ("city", "Gävle-stad"),
                ("address", ""),
                ("seats", "0"),
                ("last_booking_day", "2026-13-01"),
                ("last_cancel_day", "igår"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Det finns fel i formuläret")
        .assert_contains("Välj ett prov som provcentret får hålla.")
        .assert_contains("Provdagen ska vara efter i dag.")
        .assert_contains("Ange en starttid som timmar och minuter")
        .assert_contains("Ange adressen.")
        .assert_contains("Ange antalet platser")
        .assert_contains("value=\"25:00\"")
        .assert_contains("value=\"Gävle-stad\"")
        .assert_contains("value=\"igår\"");

    // Last days after the exam day.
    let r =
        t.a.post(
            "/exam-sessions/new",
            &[
                ("centre", t.centre_a.as_str()),
                ("kind", t.theory.id.as_str()),
                ("on_date", &in_days(20)),
                ("start_time", "9:30"),
                ("city", "Gävle"),
                ("address", "Provgatan 3"),
                ("seats", "12"),
                ("last_booking_day", &in_days(21)),
                ("last_cancel_day", &in_days(15)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Dagen får inte vara efter provdagen.");
    assert_eq!(app.count("exam_sessions").await, 2);

    // The same in English.
    t.a.get("/lang/en?next=/").await;
    let r =
        t.a.post(
            "/exam-sessions/new",
            &[
                ("centre", ""),
                ("kind", ""),
                ("on_date", ""),
                ("start_time", ""),
                ("city", ""),
                ("address", ""),
                ("seats", ""),
                ("last_booking_day", ""),
                ("last_cancel_day", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("There is a problem")
        .assert_contains("Choose one of your exam centres.")
        .assert_contains("Enter the city.");
    t.a.get("/lang/sv?next=/").await;

    // A good one: created, and its page shows it.
    let r =
        t.a.post(
            "/exam-sessions/new",
            &[
                ("centre", t.centre_a.as_str()),
                ("kind", t.theory.id.as_str()),
                ("on_date", &in_days(20)),
                ("start_time", "9:30"),
                ("city", "Gävle"),
                ("address", "Provgatan 3"),
                ("seats", "12"),
                ("last_booking_day", &in_days(14)),
                ("last_cancel_day", &in_days(15)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = r.location().to_string();
    assert!(page.starts_with("/exam-sessions/"));
    let r = t.a.get(&page).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Provtillfället är skapat.")
        .assert_contains(&in_days(20))
        .assert_contains("09:30")
        .assert_contains("Provgatan 3, Gävle")
        .assert_contains("0/12");
    assert_eq!(app.count("exam_sessions").await, 3);
}

async fn results_are_saved_and_fixed(app: TestApp) {
    let mut t = two_centres(&app).await;
    let (p1, p1_email, _) = person(&app, 201, "Petra").await;
    let (p2, p2_email, _) = person(&app, 202, "Olof").await;
    let b1 = book(&app, &p1, &t.session_a).await;
    let b2 = book(&app, &p2, &t.session_a).await;
    let page = format!("/exam-sessions/{}", t.session_a);

    // The booked persons with their dates of birth, never the personnummer.
    let r = t.a.get(&page).await;
    r.assert_contains("Petra Testsson")
        .assert_contains("Olof Testsson")
        .assert_contains("1980-01-01")
        .assert_contains("Närvarande")
        .assert_contains("Frånvarande")
        .assert_contains("Poäng")
        .assert_contains("Fastställ resultat")
        .assert_contains("2/5");
    assert!(!r.body.contains(&pnr(201)[2..]), "personnummer shown");
    assert!(!r.body.contains("800101-"), "personnummer shown");

    // Points beyond the scale: the page again, with what was typed.
    let (a1, q1) = (format!("attendance-{b1}"), format!("points-{b1}"));
    let (a2, q2) = (format!("attendance-{b2}"), format!("points-{b2}"));
    let results = format!("{page}/results");
    let r =
        t.a.post(
            &results,
            &[
                (a1.as_str(), present()),
                (q1.as_str(), "41"),
                (a2.as_str(), absent()),
                (q2.as_str(), ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Ange poängen som ett heltal från 0 till 40.")
        .assert_contains("value=\"41\"");
    assert_eq!(booking(&app, &b1).await.points, None);

    // «Spara»: Petra passes with 30 of 40 (pass mark 28), Olof was absent.
    let r =
        t.a.post(
            &results,
            &[
                (a1.as_str(), present()),
                (q1.as_str(), "30"),
                (a2.as_str(), absent()),
                (q2.as_str(), ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let saved = booking(&app, &b1).await;
    assert_eq!(saved.attendance, Some(Attendance::Present));
    assert_eq!(saved.points, Some(30));
    let r = t.a.get(&page).await;
    r.assert_contains("Resultaten är sparade.")
        .assert_contains("value=\"30\"");
    // Saving is not fixing: no mail yet.
    assert!(app
        .mails_to(&p1_email)
        .await
        .iter()
        .all(|m| !m.subject.starts_with("Provresultat")));

    // «Fastställ resultat» asks first.
    let r = t.a.get(&format!("{page}/fix")).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("<h1>Fastställ resultat</h1>")
        .assert_contains("Ja, fastställ resultaten")
        .assert_contains("Petra Testsson");
    assert_eq!(
        session_status(&app, &t.session_a).await,
        SessionStatus::Open
    );
    // Without the form's CSRF token nothing happens.
    let r = t.a.post_raw(&format!("{page}/fix"), String::new()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        session_status(&app, &t.session_a).await,
        SessionStatus::Open
    );
    let r = t.a.post(&format!("{page}/fix"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        session_status(&app, &t.session_a).await,
        SessionStatus::Fixed
    );
    let fixed = booking(&app, &b1).await;
    assert_eq!(fixed.status, BookingStatus::Done);
    assert!(fixed.passed);
    assert!(!booking(&app, &b2).await.passed);

    // The page shows them locked, with the tags.
    let r = t.a.get(&page).await;
    r.assert_contains("Resultaten är fastställda.")
        .assert_contains("Godkänt")
        .assert_contains("Underkänt")
        .assert_contains("30/40");
    assert!(!r.body.contains(&results), "the form is gone");
    assert!(!r.body.contains("Rätta resultat"), "only staff correct");

    // Each person has their mail and the event.
    let mail = app.mails_to(&p1_email).await;
    let m = mail
        .iter()
        .find(|m| m.subject.starts_with("Provresultat"))
        .expect("result mail");
    assert!(m.subject.contains("Godkänt"), "{}", m.subject);
    assert!(m.body.contains("30"), "{}", m.body);
    let mail = app.mails_to(&p2_email).await;
    assert!(mail
        .iter()
        .any(|m| m.subject.starts_with("Provresultat") && m.subject.contains("Underkänt")));
    let events = event_kinds(&app, &p1).await;
    assert!(events
        .iter()
        .any(|(k, d)| *k == EventKind::ExamResultFixed && d.contains("Godkänt")));

    // After the fix the examiner changes nothing.
    let r =
        t.a.post(&results, &[(a1.as_str(), absent()), (q1.as_str(), "")])
            .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = t.a.post(&format!("{page}/fix"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(booking(&app, &b1).await.points, Some(30));
    let r = t.a.get(&format!("{page}/bookings/{b1}/correct")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r =
        t.a.post(
            &format!("{page}/bookings/{b1}/correct"),
            &[("attendance", absent()), ("points", ""), ("reason", "Fel")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(booking(&app, &b1).await.passed);
    let _ = &mut t.b;
}

async fn an_examiner_never_registers_their_own_result(app: TestApp) {
    let mut t = two_centres(&app).await;
    // Anna, examiner at A, books a session at A herself.
    let own = book(&app, &t.a_id, &t.session_a).await;
    let page = format!("/exam-sessions/{}", t.session_a);
    let r = t.a.get(&page).await;
    r.assert_contains("Ditt eget prov");
    assert!(!r.body.contains(&format!("name=\"points-{own}\"")));
    let (a, q) = (format!("attendance-{own}"), format!("points-{own}"));
    let r =
        t.a.post(
            &format!("{page}/results"),
            &[(a.as_str(), present()), (q.as_str(), "40")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("En provförrättare kan inte registrera sitt eget resultat.");
    let b = booking(&app, &own).await;
    assert_eq!((b.attendance, b.points), (None, None));
    // Nor fix a session with her own booking in it.
    let r = t.a.post(&format!("{page}/fix"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        session_status(&app, &t.session_a).await,
        SessionStatus::Open
    );
    let _ = &mut t.b;
}

async fn staff_correct_a_fixed_result_with_a_reason(app: TestApp) {
    let mut t = two_centres(&app).await;
    let (p1, p1_email, _) = person(&app, 301, "Rut").await;
    let b1 = book(&app, &p1, &t.session_a).await;
    let page = format!("/exam-sessions/{}", t.session_a);
    let (a1, q1) = (format!("attendance-{b1}"), format!("points-{b1}"));
    let r =
        t.a.post(
            &format!("{page}/results"),
            &[(a1.as_str(), present()), (q1.as_str(), "20")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Correcting before the fix is refused.
    let (_, mut s) = staff(&app, "Hanna", false).await;
    let correct = format!("{page}/bookings/{b1}/correct");
    let r = s.get(&correct).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = t.a.post(&format!("{page}/fix"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!booking(&app, &b1).await.passed);

    // Staff see «Rätta resultat» per person.
    let r = s.get(&page).await;
    r.assert_contains("Rätta resultat")
        .assert_contains(&correct);
    let r = s.get(&correct).await;
    assert_eq!(r.status, StatusCode::OK);
    r.assert_contains("Motivering")
        .assert_contains("Rut Testsson");

    // Without a reason, or with points off the scale: the form again, values kept.
    let r = s
        .post(
            &correct,
            &[("attendance", present()), ("points", "50"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Ange en motivering.")
        .assert_contains("Ange poängen som ett heltal från 0 till 40.")
        .assert_contains("value=\"50\"");
    assert_eq!(booking(&app, &b1).await.points, Some(20));
    s.get("/lang/en?next=/").await;
    let r = s
        .post(
            &correct,
            &[("attendance", ""), ("points", "30"), ("reason", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Choose present or absent.");
    s.get("/lang/sv?next=/").await;

    // With one: corrected, the event says why, the person is told.
    let r = s
        .post(
            &correct,
            &[
                ("attendance", present()),
                ("points", "31"),
                ("reason", "Felräknad poäng på uppgift 4"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let b = booking(&app, &b1).await;
    assert_eq!(b.points, Some(31));
    assert!(b.passed);
    let events = event_kinds(&app, &p1).await;
    assert!(events
        .iter()
        .any(|(k, d)| *k == EventKind::ExamResultCorrected
            && d.contains("Felräknad poäng på uppgift 4")));
    let mails = app.mails_to(&p1_email).await;
    assert!(mails
        .iter()
        .any(|m| m.subject.starts_with("Provresultat") && m.subject.contains("Godkänt")));
    let r = s.get(&page).await;
    r.assert_contains("Resultatet är rättat.")
        .assert_contains("31/40");
    let _ = &mut t.b;
}

crate::on_both_backends!(
    examiner_sees_only_their_centres_sessions,
    staff_see_every_session,
    new_session_is_checked,
    results_are_saved_and_fixed,
    an_examiner_never_registers_their_own_result,
    staff_correct_a_fixed_result_with_a_reason,
);
