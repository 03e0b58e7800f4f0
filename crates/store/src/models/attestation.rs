//! The applicant's attestation: who, when, which version of the commitment text, «Ja».

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::prepared::PreparedDsl;
use crate::schema::attestations;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attestations)]
pub struct Attestation {
    pub id: String,
    pub case_id: String,
    pub person_id: String,
    pub commitment_id: String,
    pub answer: String,
    pub at: PrimitiveDateTime,
}

impl Attestation {
    pub fn for_case(conn: &mut DbConn, case_id: &str) -> StoreResult<Option<Attestation>> {
        // Every case page's facts: on the backend's own connection.
        Ok(crate::native!(conn, c => attestations::table
            .filter(attestations::case_id.eq(case_id))
            .select(Attestation::as_select())
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    pub fn record(
        conn: &mut DbConn,
        case_id: &str,
        person_id: &str,
        commitment_id: &str,
    ) -> StoreResult<()> {
        diesel::insert_into(attestations::table)
            .values((
                attestations::id.eq(crate::new_id()),
                attestations::case_id.eq(case_id),
                attestations::person_id.eq(person_id),
                attestations::commitment_id.eq(commitment_id),
                attestations::answer.eq("ja"),
                attestations::at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }
}
