//! Failed logins, per e-mail address and client address, kept in the database so that the
//! limits (`domain::login_throttle`) hold across every instance behind a load balancer.
//! A row is only kept as long as it counts: older ones are dropped as new ones are written.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::login_failures;

pub struct LoginFailure;

impl LoginFailure {
    /// Records a failure for `email` from `client` at `at`, and drops everyone's failures
    /// from before `forget_before`.
    pub fn record(
        conn: &mut DbConn,
        email: &str,
        client: &str,
        at: PrimitiveDateTime,
        forget_before: PrimitiveDateTime,
    ) -> StoreResult<()> {
        diesel::delete(login_failures::table.filter(login_failures::at.lt(forget_before)))
            .execute(conn)?;
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(crate::new_id()),
                login_failures::email.eq(email),
                login_failures::client.eq(client),
                login_failures::at.eq(at),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Failures for `email` from `client` since `since`.
    pub fn count_for_account(
        conn: &mut DbConn,
        email: &str,
        client: &str,
        since: PrimitiveDateTime,
    ) -> StoreResult<i64> {
        Ok(login_failures::table
            .filter(login_failures::email.eq(email))
            .filter(login_failures::client.eq(client))
            .filter(login_failures::at.gt(since))
            .count()
            .get_result(conn)?)
    }

    /// Failures from `client` since `since`, whatever the address.
    pub fn count_for_client(
        conn: &mut DbConn,
        client: &str,
        since: PrimitiveDateTime,
    ) -> StoreResult<i64> {
        Ok(login_failures::table
            .filter(login_failures::client.eq(client))
            .filter(login_failures::at.gt(since))
            .count()
            .get_result(conn)?)
    }

    /// Forgets the failures for `email` from `client` (its owner got in from there).
    /// Failures for the account from other clients stay: a stranger's count goes on.
    pub fn clear(conn: &mut DbConn, email: &str, client: &str) -> StoreResult<()> {
        diesel::delete(
            login_failures::table
                .filter(login_failures::email.eq(email))
                .filter(login_failures::client.eq(client)),
        )
        .execute(conn)?;
        Ok(())
    }
}
