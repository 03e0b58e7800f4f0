//! Decisions on a case (issue, reject, later suspend, withdraw, reinstate): by whom,
//! when and why. Audited records: only ever inserted.

use diesel::prelude::*;

use domain::certification::DecisionKind;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::decisions;

pub fn record(
    conn: &mut DbConn,
    case_id: &str,
    kind: DecisionKind,
    decided_by: &str,
    reason: &str,
) -> StoreResult<()> {
    diesel::insert_into(decisions::table)
        .values((
            decisions::id.eq(crate::new_id()),
            decisions::case_id.eq(case_id),
            decisions::kind.eq(kind),
            decisions::decided_by.eq(decided_by),
            decisions::decided_at.eq(crate::now()),
            decisions::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}
