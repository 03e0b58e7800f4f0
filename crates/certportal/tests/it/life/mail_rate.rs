//! A wave of reminders does not flood the mail server: the outbox hands out at most
//! `per_minute` mails in any minute, counted across instances. 10 000 queued mails, two
//! workers claiming in turns on a simulated clock: none is lost, none sent twice, and no
//! minute has more than the rate.

use std::collections::HashSet;

use diesel::prelude::*;
use store::schema::outbox;
use time::{Duration, PrimitiveDateTime};

use super::*;

crate::on_both_backends!(ten_thousand_mails_go_out_at_the_rate_once_each,);

const MAILS: usize = 10_000;
const PER_MINUTE: i64 = 300;

async fn ten_thousand_mails_go_out_at_the_rate_once_each(app: TestApp) {
    let start = store::now() + Duration::minutes(1);
    db(&app, move |c| {
        store::write_tx(c, |c| {
            let now = store::now();
            // One row a statement: a multi-connection takes no batch insert.
            for i in 0..MAILS {
                diesel::insert_into(outbox::table)
                    .values((
                        outbox::id.eq(format!("mail-{i:05}")),
                        outbox::recipient.eq(format!("p{i}@example.se")),
                        outbox::subject.eq("Påminnelse"),
                        outbox::body.eq("Hej"),
                        outbox::created_at.eq(now),
                        outbox::next_attempt_at.eq(now),
                    ))
                    .execute(c)?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .unwrap()
    })
    .await;

    // Every ten simulated seconds each of two workers claims batches of 20 until it gets
    // none, and marks what it got sent.
    let claims: Vec<(PrimitiveDateTime, String)> = db(&app, move |c| {
        let mut claims = Vec::new();
        let mut now = start;
        while claims.len() < MAILS {
            for _worker in 0..2 {
                loop {
                    let batch = Mail::claim_due(c, 20, PER_MINUTE, now).unwrap();
                    if batch.is_empty() {
                        break;
                    }
                    for m in batch {
                        Mail::mark_sent(c, &m.id).unwrap();
                        claims.push((now, m.id));
                    }
                }
            }
            now += Duration::seconds(10);
            assert!(
                now < start + Duration::hours(2),
                "stalled at {}",
                claims.len()
            );
        }
        claims
    })
    .await;

    let ids: HashSet<&str> = claims.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(claims.len(), MAILS, "each claimed once");
    assert_eq!(ids.len(), MAILS, "none twice");
    assert_eq!(app.count("outbox").await, MAILS as i64);
    let unsent: i64 = db(&app, |c| Mail::pending_count(c).unwrap()).await;
    assert_eq!(unsent, 0, "none lost");
    // No window of a minute holds more than the rate (the claims are in time order: the
    // window's first claim moves forward as its last one does).
    let mut first = 0;
    for (last, (t, _)) in claims.iter().enumerate() {
        while claims[first].0 <= *t - Duration::minutes(1) {
            first += 1;
        }
        let in_window = last - first + 1;
        assert!(
            in_window as i64 <= PER_MINUTE,
            "{in_window} in the minute up to {t}"
        );
    }
    // And the rate is used: 10 000 at 300 a minute take 34 minutes, not hours.
    let took = claims.last().unwrap().0 - start;
    assert!(took <= Duration::minutes(35), "{took}");
    assert!(took >= Duration::minutes(33), "{took}");
}
