//! Decisions on a case (issue, reject; after issue suspend, lift the suspension,
//! withdraw, reduce scope): by whom, when, why and, for a suspension, until when. Audited
//! records: only ever inserted.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::DecisionKind;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::prepared::PreparedDsl;
use crate::schema::decisions;

pub fn record(
    conn: &mut DbConn,
    case_id: &str,
    kind: DecisionKind,
    decided_by: &str,
    reason: &str,
) -> StoreResult<()> {
    record_until(conn, case_id, kind, decided_by, reason, None)
}

/// A decision with the end of what it decided (a suspension's last day).
pub fn record_until(
    conn: &mut DbConn,
    case_id: &str,
    kind: DecisionKind,
    decided_by: &str,
    reason: &str,
    until_on: Option<Date>,
) -> StoreResult<()> {
    diesel::insert_into(decisions::table)
        .values((
            decisions::id.eq(crate::new_id()),
            decisions::case_id.eq(case_id),
            decisions::kind.eq(kind),
            decisions::decided_by.eq(decided_by),
            decisions::decided_at.eq(crate::now()),
            decisions::reason.eq(reason),
            decisions::until_on.eq(until_on),
        ))
        .execute(conn)?;
    Ok(())
}

/// One decision as the case page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct DecisionRow {
    pub kind: DecisionKind,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub decided_at: PrimitiveDateTime,
    pub reason: String,
    pub until_on: Option<Date>,
    pub first_name: String,
    pub last_name: String,
}

/// The decisions on a case, newest first (a case has a handful).
pub fn for_case(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<DecisionRow>> {
    use crate::schema::persons;
    // Every case page: on the backend's own connection.
    Ok(crate::native!(conn, c => decisions::table
        .inner_join(persons::table.on(persons::id.eq(decisions::decided_by)))
        .filter(decisions::case_id.eq(case_id))
        .order((decisions::decided_at.desc(), decisions::id.desc()))
        .select((
            decisions::kind,
            decisions::decided_at,
            decisions::reason,
            decisions::until_on,
            persons::first_name,
            persons::last_name,
        ))
        .prepared()
        .load(c))?)
}
