//! Gap-free sequences (case numbers, certificate numbers). One `UPDATE … RETURNING`
//! increments and reads atomically on both backends: a read-then-update would hand out
//! the same number twice under concurrency.

use diesel::prelude::*;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::counters;

pub fn next(conn: &mut DbConn, name: &str) -> StoreResult<i64> {
    Ok(diesel::update(counters::table.find(name))
        .set(counters::value.eq(counters::value + 1))
        .returning(counters::value)
        .get_result(conn)?)
}

/// The last number handed out (0 before the first).
pub fn current(conn: &mut DbConn, name: &str) -> StoreResult<i64> {
    Ok(counters::table
        .find(name)
        .select(counters::value)
        .first(conn)?)
}
