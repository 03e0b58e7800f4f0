//! The mails a public form sends to an account, one row each, so that their hourly limit
//! (`domain::mail_limit`) holds across every instance. Rows older than the limit's window
//! serve nothing and are dropped as new ones are written.

use diesel::prelude::*;
use domain::mail_limit::LimitedMail;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::{limited_mails, persons};

pub struct LimitedMailLog;

impl LimitedMailLog {
    /// Holds the person's row until the transaction ends, so two requests for the same
    /// account count and record one after the other (PostgreSQL; SQLite's write
    /// transaction holds the whole database already). An UPDATE that changes nothing.
    pub fn lock_person(conn: &mut DbConn, person_id: &str) -> StoreResult<()> {
        diesel::update(persons::table.find(person_id))
            .set(persons::id.eq(persons::id))
            .execute(conn)?;
        Ok(())
    }

    /// How many mails of `kind` the person has had since `since`.
    pub fn count_since(
        conn: &mut DbConn,
        person_id: &str,
        kind: LimitedMail,
        since: PrimitiveDateTime,
    ) -> StoreResult<i64> {
        Ok(limited_mails::table
            .filter(limited_mails::person_id.eq(person_id))
            .filter(limited_mails::kind.eq(kind))
            .filter(limited_mails::sent_at.gt(since))
            .count()
            .get_result(conn)?)
    }

    /// Records a mail of `kind` sent at `at`, and forgets the person's ones of that kind
    /// from before `forget_before`.
    pub fn record(
        conn: &mut DbConn,
        person_id: &str,
        kind: LimitedMail,
        at: PrimitiveDateTime,
        forget_before: PrimitiveDateTime,
    ) -> StoreResult<()> {
        diesel::delete(
            limited_mails::table
                .filter(limited_mails::person_id.eq(person_id))
                .filter(limited_mails::kind.eq(kind))
                .filter(limited_mails::sent_at.lt(forget_before)),
        )
        .execute(conn)?;
        diesel::insert_into(limited_mails::table)
            .values((
                limited_mails::id.eq(crate::new_id()),
                limited_mails::person_id.eq(person_id),
                limited_mails::kind.eq(kind),
                limited_mails::sent_at.eq(at),
            ))
            .execute(conn)?;
        Ok(())
    }
}
