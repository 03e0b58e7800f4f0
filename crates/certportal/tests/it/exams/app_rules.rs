//! The exam rules through the application layer: who may manage a centre's sessions,
//! never overbooked (20 bookings at once for 5 seats get exactly 5), one open booking per
//! kind and three attempts a year, cancelling until the last day, results saved, fixed
//! and corrected, and the exam moment satisfied by a passed result before and after the
//! case was opened, not by a failed or too old one.

use std::sync::Arc;

use app::exams::{NewCentre, NewSession, ResultInput};
use domain::certification::MomentStatus;
use domain::events::EventKind;
use domain::exams::Attendance;
use domain::RuleError;
use store::models::catalog::CertificateType;
use store::models::exam::{ExamBooking, ExamKind};
use store::models::outbox::Mail;
use store::models::person::{NewPerson, Person};
use time::macros::date;
use time::Date;

use crate::harness::TestApp;

crate::on_both_backends!(
    examiners_manage_only_their_centres,
    twenty_at_once_for_five_seats_get_five,
    booking_rules_and_cancelling,
    results_are_fixed_and_then_only_corrected_by_staff,
    a_passed_exam_satisfies_the_moment_before_and_after_the_case,
);

const TODAY: Date = date!(2026 - 11 - 25);
const ON: Date = date!(2026 - 12 - 10);
const A1: &str = "Personcertifikat f-gas kat A1";

fn actor(id: &str) -> app::Actor {
    app::Actor {
        id: id.to_string(),
        ..Default::default()
    }
}

fn admin() -> app::Actor {
    app::Actor {
        administrator: true,
        ..Default::default()
    }
}

async fn db<T: Send + 'static>(
    app: &TestApp,
    f: impl FnOnce(&mut store::DbConn) -> T + Send + 'static,
) -> T {
    app.state.db.run(move |c| Ok(f(c))).await.unwrap()
}

async fn person(app: &TestApp, n: u32, first: &str, staff: bool) -> String {
    let first = first.to_string();
    db(app, move |c| {
        let body = format!("850505{n:03}");
        let check = domain::identifiers::luhn_check_digit(&body);
        let id = store::new_id();
        let now = store::now();
        Person::insert(
            c,
            &NewPerson {
                id: id.clone(),
                personnummer: Some(format!("19{body}{check}")),
                first_name: first.clone(),
                last_name: "Provsson".into(),
                email: format!("{}@example.se", first.to_lowercase()),
                email_verified_at: Some(now),
                password_hash: None,
                language: "sv".into(),
                is_handlaggare: staff,
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

async fn kind(app: &TestApp, code: &str) -> ExamKind {
    let code = code.to_string();
    db(app, move |c| {
        ExamKind::find_by_code(c, &code).unwrap().expect("kind")
    })
    .await
}

/// A centre holding the kat A1 exams, with `examiner` (by e-mail) as its examiner.
async fn centre(app: &TestApp, orgnr: &str, name: &str, examiner: Option<&str>) -> String {
    let theory = kind(app, "teori-a1").await.id;
    let practical = kind(app, "praktik-a1").await.id;
    let (orgnr, name) = (orgnr.to_string(), name.to_string());
    let examiner = examiner.map(str::to_string);
    db(app, move |c| {
        let id = app::exams::create_centre(
            c,
            None,
            &NewCentre {
                orgnr,
                name,
                city: "Göteborg".into(),
                kind_ids: vec![theory, practical],
                ..Default::default()
            },
        )
        .unwrap();
        if let Some(e) = examiner {
            app::exams::grant_examiner(c, None, &id, &e).unwrap();
        }
        id
    })
    .await
}

fn new_session(centre: &str, kind: &str, seats: i32) -> NewSession {
    NewSession {
        centre_id: centre.to_string(),
        exam_kind_id: kind.to_string(),
        on_date: ON,
        start_time: "09:00".into(),
        city: "Göteborg".into(),
        address: "Provvägen 3".into(),
        seats,
        last_booking_day: date!(2026 - 12 - 03),
        last_cancel_day: date!(2026 - 12 - 03),
    }
}

async fn session(
    app: &TestApp,
    by: &str,
    centre: &str,
    kind: &str,
    seats: i32,
) -> app::Result<String> {
    let (by, s) = (by.to_string(), new_session(centre, kind, seats));
    db(app, move |c| {
        app::exams::create_session(c, &actor(&by), &s, TODAY)
    })
    .await
}

async fn book(app: &TestApp, who: &str, session: &str, today: Date) -> app::Result<String> {
    let (who, s, b) = (
        who.to_string(),
        session.to_string(),
        app.state.config.base_url.clone(),
    );
    db(app, move |c| {
        app::exams::book(c, &actor(&who), &s, today, &b)
    })
    .await
}

async fn examiners_manage_only_their_centres(app: TestApp) {
    let erik = person(&app, 101, "Erik", false).await;
    let olle = person(&app, 102, "Olle", false).await;
    let anna = person(&app, 103, "Anna", false).await;
    let hanna = person(&app, 104, "Hanna", true).await;
    let kyl = centre(&app, "5569876542", "Kylskolan AB", Some("erik@example.se")).await;
    let other = centre(
        &app,
        "5567037485",
        "Annan Skola AB",
        Some("olle@example.se"),
    )
    .await;
    let a1 = kind(&app, "teori-a1").await.id;
    let b = kind(&app, "teori-b").await.id;

    // Only an administrator registers centres and examiners.
    let r = db(&app, {
        let a = anna.clone();
        move |c| {
            app::exams::create_centre(
                c,
                Some(&actor(&a)),
                &NewCentre {
                    orgnr: "5566778899".into(),
                    name: "X".into(),
                    ..Default::default()
                },
            )
        }
    })
    .await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let r = db(&app, {
        let (a, k) = (anna.clone(), kyl.clone());
        move |c| app::exams::grant_examiner(c, Some(&actor(&a)), &k, "anna@example.se")
    })
    .await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let r = db(&app, {
        let k = kyl.clone();
        move |c| app::exams::grant_examiner(c, Some(&admin()), &k, "erik@example.se")
    })
    .await;
    assert!(matches!(r, Err(app::Error::Conflict(_))), "already: {r:?}");

    // Erik holds sessions at Kylskolan, not at the other centre; staff at any.
    assert!(session(&app, &erik, &kyl, &a1, 5).await.is_ok());
    let r = session(&app, &erik, &other, &a1, 5).await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let r = session(&app, &anna, &kyl, &a1, 5).await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    assert!(session(&app, &olle, &other, &a1, 5).await.is_ok());
    let staff = app::Actor {
        id: hanna.clone(),
        handlaggare: true,
        ..Default::default()
    };
    let s = new_session(&kyl, &a1, 3);
    assert!(db(&app, move |c| app::exams::create_session(
        c, &staff, &s, TODAY
    ))
    .await
    .is_ok());
    // Only the kinds the centre holds, and sensible dates and seats.
    let r = session(&app, &erik, &kyl, &b, 5).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::CentreDoesNotHoldExam))),
        "{r:?}"
    );
    let r = session(&app, &erik, &kyl, &a1, 0).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::NoSeats))),
        "{r:?}"
    );
}

async fn twenty_at_once_for_five_seats_get_five(app: TestApp) {
    let erik = person(&app, 101, "Erik", false).await;
    let kyl = centre(&app, "5569876542", "Kylskolan AB", Some("erik@example.se")).await;
    let a1 = kind(&app, "teori-a1").await.id;
    let s = Arc::new(session(&app, &erik, &kyl, &a1, 5).await.unwrap());
    let mut people = Vec::new();
    for i in 0..20 {
        people.push(person(&app, 200 + i, &format!("P{i}"), false).await);
    }
    let mut tasks = Vec::new();
    for p in people {
        let (db, s, base) = (
            app.state.db.clone(),
            s.clone(),
            app.state.config.base_url.clone(),
        );
        tasks.push(tokio::spawn(async move {
            db.run(move |c| Ok(app::exams::book(c, &actor(&p), &s, TODAY, &base)))
                .await
                .unwrap()
        }));
    }
    let mut ok = 0;
    let mut full = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(app::Error::Rule(RuleError::SessionFull)) => full += 1,
            Err(e) => panic!("unexpected: {e:?}"),
        }
    }
    assert_eq!((ok, full), (5, 15));
    let booked = db(&app, {
        let s = s.clone();
        move |c| ExamBooking::for_session(c, &s).unwrap().len()
    })
    .await;
    assert_eq!(booked, 5);
    let row = db(&app, {
        let s = s.clone();
        move |c| {
            store::models::exam::ExamSession::find_row(c, &s)
                .unwrap()
                .unwrap()
        }
    })
    .await;
    assert_eq!((row.session.booked, row.seats_left()), (5, 0));
}

async fn booking_rules_and_cancelling(app: TestApp) {
    let erik = person(&app, 101, "Erik", false).await;
    let anna = person(&app, 103, "Anna", false).await;
    let kyl = centre(&app, "5569876542", "Kylskolan AB", Some("erik@example.se")).await;
    let a1 = kind(&app, "teori-a1").await.id;
    let s1 = session(&app, &erik, &kyl, &a1, 5).await.unwrap();
    let s2 = session(&app, &erik, &kyl, &a1, 5).await.unwrap();

    let booking = book(&app, &anna, &s1, TODAY).await.unwrap();
    // One open booking per kind.
    let r = book(&app, &anna, &s2, TODAY).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::OpenBookingExists))),
        "{r:?}"
    );
    // The booking mail says when, where and what to bring.
    let mail = db(&app, |c| Mail::for_recipient(c, "anna@example.se").unwrap()).await;
    let m = mail.last().expect("booking mail");
    assert!(
        m.subject.contains("Teoretiskt prov kat A1"),
        "{}",
        m.subject
    );
    for needle in [
        "2026-12-10",
        "09:00",
        "Kylskolan AB",
        "Provvägen 3, Göteborg",
        "legitimation",
    ] {
        assert!(m.body.contains(needle), "{needle}: {}", m.body);
    }
    // Nobody else cancels it; after the last cancel day nobody does.
    let base = app.state.config.base_url.clone();
    let r = db(&app, {
        let (e, b, u) = (erik.clone(), booking.clone(), base.clone());
        move |c| app::exams::cancel(c, &actor(&e), &b, TODAY, &u)
    })
    .await;
    assert!(matches!(r, Err(app::Error::NotFound)), "{r:?}");
    let r = db(&app, {
        let (a, b, u) = (anna.clone(), booking.clone(), base.clone());
        move |c| app::exams::cancel(c, &actor(&a), &b, date!(2026 - 12 - 04), &u)
    })
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::CancelClosed))),
        "{r:?}"
    );
    db(&app, {
        let (a, b, u) = (anna.clone(), booking.clone(), base.clone());
        move |c| app::exams::cancel(c, &actor(&a), &b, TODAY, &u)
    })
    .await
    .unwrap();
    let seats = db(&app, {
        let s = s1.clone();
        move |c| {
            store::models::exam::ExamSession::find_row(c, &s)
                .unwrap()
                .unwrap()
                .session
                .booked
        }
    })
    .await;
    assert_eq!(seats, 0, "the seat is free again");
    // Booking closes after its last day.
    let r = book(&app, &anna, &s2, date!(2026 - 12 - 04)).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::BookingClosed))),
        "{r:?}"
    );

    // Three attempts in twelve months: the fourth is refused (cancelled ones do not count).
    for _ in 0..3 {
        let b = book(&app, &anna, &s2, TODAY).await.unwrap();
        db(&app, move |c| {
            use diesel::prelude::*;
            use store::schema::exam_bookings;
            diesel::update(exam_bookings::table.find(b))
                .set(exam_bookings::status.eq(domain::exams::BookingStatus::Done))
                .execute(c)
                .unwrap()
        })
        .await;
    }
    let r = book(&app, &anna, &s2, TODAY).await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::TooManyAttempts))),
        "{r:?}"
    );
}

async fn results_are_fixed_and_then_only_corrected_by_staff(app: TestApp) {
    let erik = person(&app, 101, "Erik", false).await;
    let anna = person(&app, 103, "Anna", false).await;
    let bo = person(&app, 105, "Bo", false).await;
    let hanna = person(&app, 104, "Hanna", true).await;
    let kyl = centre(&app, "5569876542", "Kylskolan AB", Some("erik@example.se")).await;
    let a1 = kind(&app, "teori-a1").await.id;
    let s = session(&app, &erik, &kyl, &a1, 5).await.unwrap();
    let anna_b = book(&app, &anna, &s, TODAY).await.unwrap();
    let bo_b = book(&app, &bo, &s, TODAY).await.unwrap();
    let erik_b = book(&app, &erik, &s, TODAY).await.unwrap();

    let save = |who: String, inputs: Vec<ResultInput>| {
        let s = s.clone();
        db(&app, move |c| {
            app::exams::save_results(c, &actor(&who), &s, &inputs)
        })
    };
    let input = |b: &str, a: Attendance, p: Option<i32>| ResultInput {
        booking_id: b.to_string(),
        attendance: Some(a),
        points: p,
    };
    // Out of range, and the examiner's own result, are refused.
    let r = save(
        erik.clone(),
        vec![input(&anna_b, Attendance::Present, Some(41))],
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::PointsOutOfRange))),
        "{r:?}"
    );
    let r = save(
        erik.clone(),
        vec![input(&erik_b, Attendance::Present, Some(40))],
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::OwnResult))),
        "{r:?}"
    );
    // Erik cannot fix a session with his own booking in it; he cancels it first.
    let base = app.state.config.base_url.clone();
    db(&app, {
        let (e, b, u) = (erik.clone(), erik_b.clone(), base.clone());
        move |c| app::exams::cancel(c, &actor(&e), &b, TODAY, &u)
    })
    .await
    .unwrap();
    save(
        erik.clone(),
        vec![
            input(&anna_b, Attendance::Present, Some(30)),
            input(&bo_b, Attendance::Present, Some(20)),
        ],
    )
    .await
    .unwrap();
    // A stranger neither saves nor fixes.
    let r = save(
        anna.clone(),
        vec![input(&bo_b, Attendance::Present, Some(40))],
    )
    .await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let passed = db(&app, {
        let (e, s, u) = (erik.clone(), s.clone(), base.clone());
        move |c| app::exams::fix_results(c, &actor(&e), &s, ON, &u)
    })
    .await
    .unwrap();
    assert_eq!(passed, 1);
    let mail = db(&app, |c| Mail::for_recipient(c, "bo@example.se").unwrap()).await;
    let m = mail.last().unwrap();
    assert!(m.subject.contains("Underkänt"), "{}", m.subject);
    assert!(m.body.contains("20 av 40"), "{}", m.body);
    let mail = db(&app, |c| Mail::for_recipient(c, "anna@example.se").unwrap()).await;
    assert!(mail.last().unwrap().subject.contains("Godkänt"));

    // Fixed: the examiner changes nothing any more.
    let r = save(
        erik.clone(),
        vec![input(&bo_b, Attendance::Present, Some(35))],
    )
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ResultsFixed))),
        "{r:?}"
    );
    let r = db(&app, {
        let (e, s, u) = (erik.clone(), s.clone(), base.clone());
        move |c| app::exams::fix_results(c, &actor(&e), &s, ON, &u)
    })
    .await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ResultsFixed))),
        "{r:?}"
    );
    // Staff correct Bo's result, with a reason; the examiner may not.
    let correct = |who: app::Actor, reason: &'static str| {
        let (b, u) = (bo_b.clone(), base.clone());
        db(&app, move |c| {
            app::exams::correct_result(c, &who, &b, Attendance::Present, Some(30), reason, ON, &u)
        })
    };
    let r = correct(actor(&erik), "Felräknat").await;
    assert!(matches!(r, Err(app::Error::Forbidden(_))), "{r:?}");
    let staff = app::Actor {
        id: hanna.clone(),
        handlaggare: true,
        ..Default::default()
    };
    let r = correct(staff.clone(), " ").await;
    assert!(
        matches!(r, Err(app::Error::Rule(RuleError::ReasonRequired))),
        "{r:?}"
    );
    correct(staff, "Felräknat vid rättningen").await.unwrap();
    let b = db(&app, {
        let b = bo_b.clone();
        move |c| ExamBooking::find(c, &b).unwrap().unwrap()
    })
    .await;
    assert!(b.passed);
    assert_eq!(b.points, Some(30));
    let events = app.count("events").await;
    assert!(events > 0);
    let kinds = db(&app, {
        let bo = bo.clone();
        move |c| {
            store::models::event::Event::for_person(c, &bo, 1, 50)
                .unwrap()
                .items
                .into_iter()
                .map(|e| (e.event.kind, e.event.detail))
                .collect::<Vec<_>>()
        }
    })
    .await;
    assert_eq!(kinds[0].0, EventKind::ExamResultCorrected);
    assert!(
        kinds[0].1.contains("Felräknat vid rättningen"),
        "{:?}",
        kinds[0]
    );
    assert!(kinds.iter().any(|(k, _)| *k == EventKind::ExamResultFixed));
}

/// Opens a kat A1 case for `who` as the page would, on `today`; returns its exam moments'
/// (template code, status).
async fn apply_a1(app: &TestApp, who: &str, today: Date) -> (String, Vec<(String, MomentStatus)>) {
    let who = who.to_string();
    let case_id = db(app, move |c| {
        let t = CertificateType::all(c)
            .unwrap()
            .into_iter()
            .find(|t| t.name_sv == A1)
            .unwrap();
        app::cases::apply(c, &actor(&who), &t.id, today).unwrap()
    })
    .await;
    (case_id.clone(), exam_moments(app, &case_id).await)
}

async fn exam_moments(app: &TestApp, case_id: &str) -> Vec<(String, MomentStatus)> {
    let id = case_id.to_string();
    db(app, move |c| {
        crate::harness::case_moments(c, &id)
            .unwrap()
            .into_iter()
            .filter(|m| m.template.kind == domain::certification::MomentKind::Exam)
            .map(|m| (m.template.code, m.moment.status))
            .collect()
    })
    .await
}

async fn a_passed_exam_satisfies_the_moment_before_and_after_the_case(app: TestApp) {
    let erik = person(&app, 101, "Erik", false).await;
    let anna = person(&app, 103, "Anna", false).await;
    let bo = person(&app, 105, "Bo", false).await;
    let kyl = centre(&app, "5569876542", "Kylskolan AB", Some("erik@example.se")).await;
    let theory = kind(&app, "teori-a1").await.id;
    let base = app.state.config.base_url.clone();

    // Anna's case is open before her exam: «Inväntar prov».
    let (anna_case, moments) = apply_a1(&app, &anna, TODAY).await;
    assert_eq!(
        moments,
        [
            ("prov-teori".to_string(), MomentStatus::AwaitingExam),
            ("prov-praktik".to_string(), MomentStatus::AwaitingExam)
        ]
    );
    let s = session(&app, &erik, &kyl, &theory, 5).await.unwrap();
    let anna_b = book(&app, &anna, &s, TODAY).await.unwrap();
    let bo_b = book(&app, &bo, &s, TODAY).await.unwrap();
    let inputs = vec![
        ResultInput {
            booking_id: anna_b,
            attendance: Some(Attendance::Present),
            points: Some(33),
        },
        ResultInput {
            booking_id: bo_b,
            attendance: Some(Attendance::Present),
            points: Some(10),
        },
    ];
    db(&app, {
        let (e, s, u) = (erik.clone(), s.clone(), base.clone());
        move |c| {
            app::exams::save_results(c, &actor(&e), &s, &inputs)?;
            app::exams::fix_results(c, &actor(&e), &s, ON, &u)
        }
    })
    .await
    .unwrap();
    // Her theory moment is approved by itself, with the event naming date and centre.
    assert_eq!(
        exam_moments(&app, &anna_case).await,
        [
            ("prov-teori".to_string(), MomentStatus::Approved),
            ("prov-praktik".to_string(), MomentStatus::AwaitingExam)
        ]
    );
    let events = db(&app, {
        let id = anna_case.clone();
        move |c| {
            store::models::event::Event::for_case(c, &id, 1, 50)
                .unwrap()
                .items
        }
    })
    .await;
    let e = events
        .iter()
        .find(|e| e.event.kind == EventKind::MomentPassedByExam)
        .expect("the event");
    assert_eq!(e.event.detail, "2026-12-10, Kylskolan AB");

    // Bo failed: his case, opened after the exam, waits for an exam.
    let (_, bo_moments) = apply_a1(&app, &bo, date!(2026 - 12 - 20)).await;
    assert_eq!(
        bo_moments[0].1,
        MomentStatus::AwaitingExam,
        "a failed exam satisfies nothing"
    );

    // A case opened later, while the pass counts, has it approved at once; a year and a
    // day after the exam it no longer counts.
    let anna2 = db(&app, {
        let a = anna.clone();
        move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            // Anna's first case is rejected meanwhile, so she may apply again.
            diesel::update(cases::table.filter(cases::person_id.eq(a)))
                .set(cases::status.eq(domain::certification::CaseStatus::Rejected))
                .execute(c)
                .unwrap()
        }
    })
    .await;
    assert_eq!(anna2, 1);
    let (_, later) = apply_a1(&app, &anna, date!(2027 - 06 - 01)).await;
    assert_eq!(later[0].1, MomentStatus::Approved, "the pass still counts");
    db(&app, {
        let a = anna.clone();
        move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            diesel::update(cases::table.filter(cases::person_id.eq(a)))
                .set(cases::status.eq(domain::certification::CaseStatus::Rejected))
                .execute(c)
                .unwrap()
        }
    })
    .await;
    let (_, too_late) = apply_a1(&app, &anna, date!(2027 - 12 - 11)).await;
    assert_eq!(
        too_late[0].1,
        MomentStatus::AwaitingExam,
        "too old to count"
    );
}
