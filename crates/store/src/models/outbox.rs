//! Outgoing e-mail. A mail is a row written in the same transaction as the change it
//! reports (no mail for a change that rolled back); a worker delivers it with retries.

use diesel::prelude::*;
use time::{Duration, PrimitiveDateTime};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::Page;
use crate::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct Mail {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: PrimitiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: PrimitiveDateTime,
    pub sent_at: Option<PrimitiveDateTime>,
    pub last_error: Option<String>,
    /// When a worker last took it for delivery: the sending rate is counted on this.
    pub claimed_at: Option<PrimitiveDateTime>,
    /// When it was given up on (refused for good, or out of attempts): never claimed
    /// again, listed in «Utgående e-post» until an administrator sends it again.
    pub failed_at: Option<PrimitiveDateTime>,
}

/// The counter row whose lock serialises the claims of all instances.
const RATE_LOCK: &str = "mail-rate";

/// How long a claimed mail is held by one worker before another may retry it.
const CLAIM_FOR: Duration = Duration::minutes(5);

impl Mail {
    pub fn enqueue(
        conn: &mut DbConn,
        recipient: &str,
        subject: &str,
        body: &str,
    ) -> StoreResult<()> {
        let now = crate::now();
        diesel::insert_into(outbox::table)
            .values((
                outbox::id.eq(crate::new_id()),
                outbox::recipient.eq(recipient),
                outbox::subject.eq(subject),
                outbox::body.eq(body),
                outbox::created_at.eq(now),
                outbox::next_attempt_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Claims up to `limit` due mails, and no more than leaves at most `per_minute`
    /// claimed in the minute up to `now`, counted over every instance: a wave of
    /// thousands of reminders goes out at the mail server's pace. Runs in one write
    /// transaction that first takes the lock on the `mail-rate` counter row, so two
    /// instances never count the same free room twice. A row is ours when our
    /// conditional UPDATE of its `next_attempt_at` hit it.
    pub fn claim_due(
        conn: &mut DbConn,
        limit: i64,
        per_minute: i64,
        now: PrimitiveDateTime,
    ) -> StoreResult<Vec<Mail>> {
        crate::write_tx(conn, |conn| {
            use crate::schema::counters;
            diesel::update(counters::table.filter(counters::name.eq(RATE_LOCK)))
                .set(counters::value.eq(counters::value))
                .execute(conn)?;
            let recent: i64 = outbox::table
                .filter(outbox::claimed_at.gt(now - Duration::minutes(1)))
                .count()
                .get_result(conn)?;
            let room = (per_minute - recent).clamp(0, limit);
            if room == 0 {
                return Ok(Vec::new());
            }
            Self::claim(conn, room, now)
        })
    }

    fn claim(conn: &mut DbConn, limit: i64, now: PrimitiveDateTime) -> StoreResult<Vec<Mail>> {
        // Within `outbox_due`: the range of unsent, unfailed mail, in due order.
        let due: Vec<Mail> = outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .filter(outbox::next_attempt_at.le(now))
            .order(outbox::next_attempt_at.asc())
            .limit(limit)
            .select(Mail::as_select())
            .load(conn)?;
        let mut claimed = Vec::with_capacity(due.len());
        for mail in due {
            let n = diesel::update(
                outbox::table
                    .find(&mail.id)
                    .filter(outbox::next_attempt_at.eq(mail.next_attempt_at))
                    .filter(outbox::sent_at.is_null())
                    .filter(outbox::failed_at.is_null()),
            )
            .set((
                outbox::next_attempt_at.eq(now + CLAIM_FOR),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::claimed_at.eq(now),
            ))
            .execute(conn)?;
            if n == 1 {
                claimed.push(Mail {
                    attempts: mail.attempts + 1,
                    ..mail
                });
            }
        }
        Ok(claimed)
    }

    pub fn mark_sent(conn: &mut DbConn, id: &str) -> StoreResult<()> {
        diesel::update(outbox::table.find(id))
            .set(outbox::sent_at.eq(crate::now()))
            .execute(conn)?;
        Ok(())
    }

    /// A failed attempt to be tried again after `wait` (the worker's back-off).
    pub fn retry_later(
        conn: &mut DbConn,
        id: &str,
        wait: Duration,
        error: &str,
    ) -> StoreResult<()> {
        diesel::update(outbox::table.find(id).filter(outbox::sent_at.is_null()))
            .set((
                outbox::next_attempt_at.eq(crate::now() + wait),
                outbox::last_error.eq(error),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Gives up on a mail: it is not claimed again until `requeue`.
    pub fn mark_failed(conn: &mut DbConn, id: &str, error: &str) -> StoreResult<()> {
        diesel::update(outbox::table.find(id).filter(outbox::sent_at.is_null()))
            .set((
                outbox::failed_at.eq(crate::now()),
                outbox::last_error.eq(error),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Puts a failed mail back in the queue, due at `now` with its attempts counted from
    /// zero; `None` when `id` is no failed mail (sent, still queued, or unknown). The
    /// last error stays, for whoever looks at the row later.
    pub fn requeue(
        conn: &mut DbConn,
        id: &str,
        now: PrimitiveDateTime,
    ) -> StoreResult<Option<Mail>> {
        let n = diesel::update(
            outbox::table
                .find(id)
                .filter(outbox::failed_at.is_not_null())
                .filter(outbox::sent_at.is_null()),
        )
        .set((
            outbox::failed_at.eq(None::<PrimitiveDateTime>),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
        Ok(outbox::table
            .find(id)
            .select(Mail::as_select())
            .first(conn)
            .optional()?)
    }

    /// One page of the failed mail, the latest failure first («Utgående e-post»), by the
    /// index `outbox_failed`.
    pub fn failed_page(conn: &mut DbConn, page: i64, per_page: i64) -> StoreResult<Page<Mail>> {
        let total = Self::failed_count(conn)?;
        let items = outbox::table
            .filter(outbox::failed_at.is_not_null())
            .order((outbox::failed_at.desc(), outbox::id.desc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select(Mail::as_select())
            .load(conn)?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    pub fn failed_count(conn: &mut DbConn) -> StoreResult<i64> {
        Ok(outbox::table
            .filter(outbox::failed_at.is_not_null())
            .count()
            .get_result(conn)?)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Mail>> {
        Ok(outbox::table
            .find(id)
            .select(Mail::as_select())
            .first(conn)
            .optional()?)
    }

    /// The mail waiting to go out (not sent, not given up on), a range of `outbox_due`.
    pub fn pending_count(conn: &mut DbConn) -> StoreResult<i64> {
        Ok(outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .count()
            .get_result(conn)?)
    }

    /// Every mail to one address, oldest first (tests and the demo read links from here).
    pub fn for_recipient(conn: &mut DbConn, recipient: &str) -> StoreResult<Vec<Mail>> {
        Ok(outbox::table
            .filter(outbox::recipient.eq(recipient))
            .order((outbox::created_at.asc(), outbox::id.asc()))
            .select(Mail::as_select())
            .load(conn)?)
    }
}
