//! Failed logins per e-mail address, kept in the database so that the limit holds across
//! every instance behind a load balancer.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::login_failures;

pub struct LoginFailure;

impl LoginFailure {
    pub fn record(conn: &mut DbConn, email: &str) -> StoreResult<()> {
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(crate::new_id()),
                login_failures::email.eq(email),
                login_failures::at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn count_since(
        conn: &mut DbConn,
        email: &str,
        since: PrimitiveDateTime,
    ) -> StoreResult<i64> {
        Ok(login_failures::table
            .filter(login_failures::email.eq(email))
            .filter(login_failures::at.gt(since))
            .count()
            .get_result(conn)?)
    }

    pub fn clear(conn: &mut DbConn, email: &str) -> StoreResult<()> {
        diesel::delete(login_failures::table.filter(login_failures::email.eq(email)))
            .execute(conn)?;
        Ok(())
    }
}
