//! Mail over real SMTP (`scripts/smtp-sink`): each mail arrives once with its Message-ID;
//! a refusal for now (451) or a server that went away is retried after the back-off and
//! delivered once it is back; a refusal for good (550) ends in «Utgående e-post», from
//! where «Skicka igen» delivers it; three workers on one queue send each mail once.

mod sink;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use domain::events::EventKind;
use store::models::event::Event;
use store::models::outbox::Mail;
use store::models::person::Person;
use web::mail::worker::{deliver_due, Delivery, Retry, Transport};

use crate::companies::staff;
use crate::harness::TestApp;
use sink::Sink;

crate::on_both_backends!(
    a_mail_arrives_once_with_its_message_id,
    a_temporary_refusal_is_retried_after_the_back_off,
    mail_waits_for_a_server_that_went_away,
    a_permanent_refusal_ends_in_utgaende_e_post_and_is_sent_again,
    three_workers_send_each_mail_once,
);

/// The transport and delivery settings of a portal whose mail server is `sink`, with
/// a back-off of a second.
fn smtp(app: &TestApp, sink: &Sink) -> (Transport, Delivery) {
    let mut config = (*app.state.config).clone();
    config.smtp_url = Some(sink.url());
    let transport = Transport::from_config(&config).unwrap();
    let mut delivery = Delivery::from_config(&config).unwrap();
    delivery.retry = Retry {
        base: time::Duration::seconds(1),
        max_attempts: 12,
    };
    delivery.per_minute = 100_000;
    (transport, delivery)
}

async fn enqueue(app: &TestApp, to: &str, subject: &str) -> String {
    let (to, subject) = (to.to_string(), subject.to_string());
    app.state
        .db
        .run(move |c| {
            Mail::enqueue(c, &to, &subject, "Hej!")?;
            Ok(Mail::for_recipient(c, &to)?
                .pop()
                .expect("the mail just queued")
                .id)
        })
        .await
        .unwrap()
}

async fn mail(app: &TestApp, id: &str) -> Mail {
    let id = id.to_string();
    app.state
        .db
        .run(move |c| Mail::find(c, &id))
        .await
        .unwrap()
        .expect("the mail")
}

/// Runs `deliver_due` until `done` holds (polling every 100 ms), at most `within`.
async fn deliver_until(
    app: &TestApp,
    transport: &Transport,
    delivery: &Delivery,
    within: Duration,
    mut done: impl FnMut() -> bool,
) {
    let deadline = Instant::now() + within;
    loop {
        deliver_due(&app.state.db, transport, delivery)
            .await
            .unwrap();
        if done() {
            return;
        }
        assert!(Instant::now() < deadline, "not done within {within:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn a_mail_arrives_once_with_its_message_id(app: TestApp) {
    let Some(sink) = Sink::start() else { return };
    let (transport, delivery) = smtp(&app, &sink);
    let id = enqueue(&app, "ada@example.se", "Hej").await;
    deliver_until(&app, &transport, &delivery, Duration::from_secs(20), || {
        !sink.received().is_empty()
    })
    .await;
    // More rounds send nothing more.
    for _ in 0..3 {
        assert_eq!(
            deliver_due(&app.state.db, &transport, &delivery)
                .await
                .unwrap(),
            0
        );
    }
    let received = sink.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].message_id, format!("<{id}@127.0.0.1>"));
    assert_eq!(received[0].rcpt_tos, vec!["ada@example.se".to_string()]);
    let m = mail(&app, &id).await;
    assert!(m.sent_at.is_some() && m.failed_at.is_none(), "{m:?}");
    assert_eq!(m.attempts, 1);
}

async fn a_temporary_refusal_is_retried_after_the_back_off(app: TestApp) {
    let Some(sink) = Sink::start() else { return };
    sink.set_mode("tempfail");
    let (transport, delivery) = smtp(&app, &sink);
    let id = enqueue(&app, "bo@example.se", "Hej").await;
    let before = store::now();
    assert_eq!(
        deliver_due(&app.state.db, &transport, &delivery)
            .await
            .unwrap(),
        0
    );
    let m = mail(&app, &id).await;
    assert_eq!(m.attempts, 1);
    assert!(
        m.last_error.as_deref().unwrap_or("").contains("451"),
        "{m:?}"
    );
    assert!(m.sent_at.is_none() && m.failed_at.is_none(), "{m:?}");
    // Due again a second later (the back-off's base), not at once.
    assert!(
        m.next_attempt_at >= before + time::Duration::seconds(1),
        "{m:?}"
    );
    assert_eq!(
        deliver_due(&app.state.db, &transport, &delivery)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        mail(&app, &id).await.attempts,
        1,
        "claimed within the back-off"
    );

    sink.set_mode("accept");
    deliver_until(&app, &transport, &delivery, Duration::from_secs(20), || {
        !sink.received().is_empty()
    })
    .await;
    let received = sink.received();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].message_id, delivery.message_id(&id));
    let m = mail(&app, &id).await;
    assert!(m.sent_at.is_some(), "{m:?}");
    assert_eq!(m.attempts, 2);
}

async fn mail_waits_for_a_server_that_went_away(app: TestApp) {
    let Some(mut sink) = Sink::start() else {
        return;
    };
    let (transport, delivery) = smtp(&app, &sink);
    // One mail delivered first, so that a pooled connection to the old process exists.
    let first = enqueue(&app, "cid@example.se", "Först").await;
    deliver_until(&app, &transport, &delivery, Duration::from_secs(20), || {
        sink.received().len() == 1
    })
    .await;

    sink.stop();
    let ids = [
        enqueue(&app, "dan@example.se", "Ett").await,
        enqueue(&app, "eva@example.se", "Två").await,
    ];
    let down_until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < down_until {
        deliver_due(&app.state.db, &transport, &delivery)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for id in &ids {
        let m = mail(&app, id).await;
        assert!(
            m.attempts >= 1 && m.sent_at.is_none() && m.failed_at.is_none(),
            "{m:?}"
        );
        assert!(m.last_error.is_some(), "{m:?}");
    }

    sink.restart();
    deliver_until(&app, &transport, &delivery, Duration::from_secs(30), || {
        sink.received().len() == 3
    })
    .await;
    let got: BTreeSet<String> = sink.received().into_iter().map(|r| r.message_id).collect();
    let want: BTreeSet<String> = [first.as_str(), &ids[0], &ids[1]]
        .iter()
        .map(|id| delivery.message_id(id))
        .collect();
    assert_eq!(got, want);
    for id in &ids {
        assert!(mail(&app, id).await.sent_at.is_some());
    }
}

async fn a_permanent_refusal_ends_in_utgaende_e_post_and_is_sent_again(app: TestApp) {
    let Some(sink) = Sink::start() else { return };
    sink.set_mode("permfail");
    let (transport, delivery) = smtp(&app, &sink);
    // To a member of staff, whose account exists by the time the mail is sent again.
    let id = enqueue(&app, "handlaggare@example.se", "Ditt beslut").await;
    // Three attempts, a second and two apart, then failed.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        deliver_due(&app.state.db, &transport, &delivery)
            .await
            .unwrap();
        if mail(&app, &id).await.failed_at.is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "never failed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let m = mail(&app, &id).await;
    assert_eq!(m.attempts, 3, "{m:?}");
    assert!(
        m.last_error.as_deref().unwrap_or("").contains("550"),
        "{m:?}"
    );
    assert!(sink.received().is_empty());
    // Failed mail is never claimed again, and is not counted as queued.
    sink.set_mode("accept");
    assert_eq!(
        deliver_due(&app.state.db, &transport, &delivery)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.state.db.run(Mail::pending_count).await.unwrap(), 0);

    // Only an administrator sees «Utgående e-post» or sends again.
    let mut officer = staff(
        &app,
        "handlaggare@example.se",
        web::admin::StaffRoles {
            handlaggare: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        officer.get("/admin/mail").await.status,
        StatusCode::FORBIDDEN
    );
    let r = officer
        .post(&format!("/admin/mail/{id}/send-again"), &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(mail(&app, &id).await.failed_at.is_some());

    let mut admin = staff(
        &app,
        "admin@example.se",
        web::admin::StaffRoles {
            administrator: true,
            ..Default::default()
        },
    )
    .await;
    admin
        .get("/admin")
        .await
        .assert_contains("href=\"/admin/mail\"")
        .assert_contains("0 i kö, 1 misslyckade");
    // A search of one word reads the counts with its page's companies, and on their own
    // when no company matches.
    web::admin::create_company(&app.state, "556036-0793", "Kylteknik i Norr AB", None)
        .await
        .unwrap();
    admin
        .get("/admin?q=kyl")
        .await
        .assert_contains("1 träff")
        .assert_contains("Kylteknik i Norr AB")
        .assert_contains("0 i kö, 1 misslyckade");
    admin
        .get("/admin?q=zzyzx")
        .await
        .assert_contains("0 träffar")
        .assert_contains("0 i kö, 1 misslyckade");
    let page = admin.get("/admin/mail").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Utgående e-post")
        .assert_contains("handlaggare@example.se")
        .assert_contains("Ditt beslut")
        .assert_contains("550")
        .assert_contains(&format!("action=\"/admin/mail/{id}/send-again\""))
        .assert_contains("Skicka igen");
    // Without the CSRF token nothing happens.
    let r = admin
        .post_raw(&format!("/admin/mail/{id}/send-again"), String::new())
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert!(mail(&app, &id).await.failed_at.is_some());

    let events_before = app.count("events").await;
    let r = admin
        .post(&format!("/admin/mail/{id}/send-again"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/admin/mail");
    let m = mail(&app, &id).await;
    assert!(m.failed_at.is_none() && m.sent_at.is_none(), "{m:?}");
    assert_eq!(m.attempts, 0);
    assert_eq!(app.count("events").await, events_before + 1);
    // On the recipient's «Händelselogg», by the administrator.
    let log = app
        .state
        .db
        .run(|c| {
            let officer = Person::find_by_email(c, "handlaggare@example.se")?.expect("officer");
            let admin = Person::find_by_email(c, "admin@example.se")?.expect("admin");
            Ok((Event::for_person(c, &officer.id, 1, 10)?, admin.id))
        })
        .await
        .unwrap();
    let (events, admin_id) = log;
    let sent_again = events
        .items
        .iter()
        .find(|r| r.event.kind == EventKind::MailSentAgain)
        .expect("a mail-sent-again event");
    assert_eq!(
        sent_again.event.actor_id.as_deref(),
        Some(admin_id.as_str())
    );
    let list = admin.follow(r).await;
    list.assert_contains("Meddelandet ligger i kön igen")
        .assert_contains("Inga misslyckade meddelanden");
    // A second «Skicka igen» of the same mail finds no failed mail.
    let r = admin
        .post(&format!("/admin/mail/{id}/send-again"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    deliver_until(&app, &transport, &delivery, Duration::from_secs(20), || {
        !sink.received().is_empty()
    })
    .await;
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].message_id, delivery.message_id(&id));
}

async fn three_workers_send_each_mail_once(app: TestApp) {
    const MAILS: usize = 300;
    let Some(sink) = Sink::start() else { return };
    let (_, delivery) = smtp(&app, &sink);
    app.state
        .db
        .run(|c| {
            for i in 0..MAILS {
                Mail::enqueue(c, &format!("p{i}@example.se"), "Påminnelse", "Hej!")?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let mut workers = Vec::new();
    for _ in 0..3 {
        let db = app.state.db.clone();
        let url = sink.url();
        let mut config = (*app.state.config).clone();
        config.smtp_url = Some(url);
        let delivery = delivery.clone();
        workers.push(tokio::spawn(async move {
            let transport = Transport::from_config(&config).unwrap();
            let deadline = Instant::now() + Duration::from_secs(120);
            let mut sent = 0;
            loop {
                let n = deliver_due(&db, &transport, &delivery).await.unwrap();
                sent += n;
                if n == 0 && db.run(Mail::pending_count).await.unwrap() == 0 {
                    return sent;
                }
                assert!(Instant::now() < deadline, "the queue did not empty");
            }
        }));
    }
    let mut total = 0;
    for w in workers {
        total += w.await.unwrap();
    }
    assert_eq!(total, MAILS);
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    for r in sink.received() {
        *by_id.entry(r.message_id).or_default() += 1;
    }
    let twice: Vec<_> = by_id.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "received more than once: {twice:?}");
    let ids: BTreeSet<String> = app
        .state
        .db
        .run(|c| {
            (0..MAILS)
                .map(|i| Mail::for_recipient(c, &format!("p{i}@example.se")))
                .collect::<Result<Vec<_>, _>>()
        })
        .await
        .unwrap()
        .into_iter()
        .flatten()
        .map(|m| delivery.message_id(&m.id))
        .collect();
    assert_eq!(ids.len(), MAILS);
    assert_eq!(by_id.keys().cloned().collect::<BTreeSet<_>>(), ids);
}
