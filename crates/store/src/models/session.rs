//! Server-side sessions. The cookie holds a random id; the table holds only its SHA-256,
//! so a leaked database does not hand out live sessions.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::person::Person;
use crate::schema::{persons, sessions};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub person_id: String,
    pub created_at: PrimitiveDateTime,
    pub last_seen_at: PrimitiveDateTime,
}

impl Session {
    pub fn create(conn: &mut DbConn, id_hash: &str, person_id: &str) -> StoreResult<()> {
        let now = crate::now();
        diesel::insert_into(sessions::table)
            .values((
                sessions::id_hash.eq(id_hash),
                sessions::person_id.eq(person_id),
                sessions::created_at.eq(now),
                sessions::last_seen_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn find_with_person(
        conn: &mut DbConn,
        id_hash: &str,
    ) -> StoreResult<Option<(Session, Person)>> {
        Ok(sessions::table
            .inner_join(persons::table)
            .filter(sessions::id_hash.eq(id_hash))
            .select((Session::as_select(), Person::as_select()))
            .first(conn)
            .optional()?)
    }

    pub fn touch(conn: &mut DbConn, id_hash: &str) -> StoreResult<()> {
        diesel::update(sessions::table.find(id_hash))
            .set(sessions::last_seen_at.eq(crate::now()))
            .execute(conn)?;
        Ok(())
    }

    pub fn delete(conn: &mut DbConn, id_hash: &str) -> StoreResult<()> {
        diesel::delete(sessions::table.find(id_hash)).execute(conn)?;
        Ok(())
    }

    /// Ends every session of a person except `keep` (after a password change or reset).
    pub fn delete_others(
        conn: &mut DbConn,
        person_id: &str,
        keep: Option<&str>,
    ) -> StoreResult<()> {
        let q = sessions::table.filter(sessions::person_id.eq(person_id));
        match keep {
            Some(k) => diesel::delete(q.filter(sessions::id_hash.ne(k))).execute(conn)?,
            None => diesel::delete(q).execute(conn)?,
        };
        Ok(())
    }

    /// Drops sessions idle since `idle_before` or created before `created_before`.
    pub fn purge_expired(
        conn: &mut DbConn,
        idle_before: PrimitiveDateTime,
        created_before: PrimitiveDateTime,
    ) -> StoreResult<usize> {
        Ok(diesel::delete(
            sessions::table.filter(
                sessions::last_seen_at
                    .lt(idle_before)
                    .or(sessions::created_at.lt(created_before)),
            ),
        )
        .execute(conn)?)
    }
}
