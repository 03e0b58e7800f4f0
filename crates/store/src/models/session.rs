//! Server-side sessions. The cookie holds a random id; the table holds only its SHA-256,
//! so a leaked database does not hand out live sessions.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::person::SignedIn;
use crate::prepared::PreparedDsl;
use crate::schema::{company_admins, exam_examiners, persons, sessions};

/// What a signed-in person's menu offers beyond their roles, read with the session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MenuFlags {
    /// Administers at least one company (menu «Företagssida»).
    pub administers: bool,
    /// Is an examiner at some centre (menu «Provtillfällen»).
    pub examines: bool,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub person_id: String,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub created_at: PrimitiveDateTime,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
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

    /// The session, its person, and whether the person administers a company or examines
    /// at a centre (what the menu offers), in one statement: a signed-in page's first
    /// read. The two flags are correlated `EXISTS` over the `(person_id)` indexes, so the
    /// menu's lists are read only for the few who have any.
    pub fn find_with_person(
        conn: &mut DbConn,
        id_hash: &str,
    ) -> StoreResult<Option<(Session, SignedIn, MenuFlags)>> {
        let administers = diesel::dsl::exists(
            company_admins::table.filter(company_admins::person_id.eq(sessions::person_id)),
        );
        let examines = diesel::dsl::exists(
            exam_examiners::table.filter(exam_examiners::person_id.eq(sessions::person_id)),
        );
        // Every signed-in request runs it: on the backend's own connection.
        let found: Option<(Session, SignedIn, bool, bool)> = crate::native!(conn, c => sessions::table
            .inner_join(persons::table)
            .filter(sessions::id_hash.eq(id_hash))
            .select((
                Session::as_select(),
                SignedIn::as_select(),
                administers,
                examines,
            ))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?;
        Ok(found.map(|(session, person, administers, examines)| {
            (
                session,
                person,
                MenuFlags {
                    administers,
                    examines,
                },
            )
        }))
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
