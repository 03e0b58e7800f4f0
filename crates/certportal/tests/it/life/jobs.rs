//! `app::jobs::run_all` as of a day: reminders go out once per certificate, kind and due
//! date (to the holder and the employer's administrators), expiry, and a second run of
//! the same day changes and sends nothing.

use domain::certification::ReminderKind;
use store::models::life::reminders_sent;

use super::*;

crate::on_both_backends!(reminders_go_out_once_and_jobs_run_twice_change_nothing,);

async fn run(app: &TestApp, today: Date) -> app::jobs::Report {
    let b = base(app);
    db(app, move |c| app::jobs::run_all(c, today, &b).unwrap()).await
}

async fn sent(app: &TestApp, case_id: &str, kind: ReminderKind) -> i64 {
    let id = case_id.to_string();
    db(app, move |c| reminders_sent(c, &id, kind).unwrap()).await
}

async fn reminders_go_out_once_and_jobs_run_twice_change_nothing(app: TestApp) {
    let eva = person(&app, 101, "Eva", "sv").await;
    let frida = person(&app, 102, "Frida", "sv").await;
    let kyl = company(&app, "5560125790", "Kyl AB", &[&frida]).await;
    employ(&app, &eva, &kyl).await;
    let evas = certificate(&app, &eva, "00001").await;

    // Nothing to do before the attestation opens.
    assert_eq!(
        run(&app, date!(2026 - 11 - 14)).await,
        app::jobs::Report::default()
    );
    assert_eq!(app.count("outbox").await, 0);

    // Two months before it is due: the holder and the administrator are reminded, once.
    let opens = date!(2026 - 11 - 15);
    let report = run(&app, opens).await;
    assert_eq!(report.annual_reminders, 1, "{report}");
    assert_eq!(sent(&app, &evas, ReminderKind::Annual).await, 1);
    let to_eva = mails_to(&app, "eva@example.se").await;
    assert_eq!(to_eva.len(), 1);
    assert!(
        to_eva[0].subject.contains("årlig förlängning"),
        "{}",
        to_eva[0].subject
    );
    assert!(to_eva[0].body.contains("2027-01-15"), "{}", to_eva[0].body);
    let to_frida = mails_to(&app, "frida@example.se").await;
    assert_eq!(to_frida.len(), 1);
    assert!(
        to_frida[0].body.contains("Eva Testsson"),
        "{}",
        to_frida[0].body
    );
    assert!(event_kinds(&app, &evas)
        .await
        .contains(&EventKind::ReminderSent));
    let outbox = app.count("outbox").await;
    let events = app.count("events").await;
    assert_eq!(run(&app, opens).await, app::jobs::Report::default());
    assert_eq!(
        run(&app, opens + time::Duration::days(3))
            .await
            .annual_reminders,
        0
    );
    assert_eq!(app.count("outbox").await, outbox, "no reminder twice");
    assert_eq!(app.count("events").await, events);

    // Six months before «Giltigt till» (2031-01-15) the recertification reminder, once.
    // (The yearly attestations up to then are given, so nothing lapses meanwhile.)
    db(&app, {
        let id = evas.clone();
        move |c| {
            use diesel::prelude::*;
            use store::schema::cases;
            diesel::update(cases::table.find(id))
                .set(cases::annual_renewal_on.eq(None::<Date>))
                .execute(c)
                .unwrap()
        }
    })
    .await;
    let recert = date!(2030 - 07 - 15);
    assert_eq!(
        run(&app, recert - time::Duration::days(1))
            .await
            .recertification_reminders,
        0
    );
    assert_eq!(run(&app, recert).await.recertification_reminders, 1);
    assert_eq!(run(&app, recert).await.recertification_reminders, 0);
    assert_eq!(sent(&app, &evas, ReminderKind::Recertification).await, 1);
    let last = mails_to(&app, "eva@example.se")
        .await
        .pop()
        .expect("reminder");
    assert!(last.subject.contains("omcertifiera"), "{}", last.subject);

    // The day after «Giltigt till»: «Utgånget», once.
    let after = VALID + time::Duration::days(1);
    assert_eq!(run(&app, VALID).await.expired, 0);
    assert_eq!(run(&app, after).await.expired, 1);
    assert_eq!(case_of(&app, &evas).await.status, CaseStatus::Expired);
    assert_eq!(run(&app, after).await, app::jobs::Report::default());
}
