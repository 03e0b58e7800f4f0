//! Server-side sessions. The cookie holds a random id; the table holds only its SHA-256,
//! so a leaked database does not hand out live sessions.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::company::CompanyName;
use crate::models::person::SignedIn;
use crate::prepared::PreparedDsl;
use crate::schema::{companies, company_admins, exam_examiners, persons, sessions};

/// What a signed-in person's menu offers beyond their roles, read with the session.
#[derive(Debug, Clone, Default)]
pub struct MenuOffers {
    /// The companies the person administers, by name (menu «Företagssida»).
    pub administered: Vec<CompanyName>,
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

    /// The session, its person, the companies the person administers and whether they
    /// examine at a centre (what the menu offers), in one statement: a signed-in page's
    /// first read. The companies are joined in, a row each (most people have none, and
    /// one row); they were a second statement for every page of a company's
    /// administrator, a round trip of its own on PostgreSQL. Sorted here, not by the
    /// statement: an ORDER BY of the joined name made SQLite build a temporary b-tree.
    /// The examiner flag is a correlated `EXISTS` over its `(person_id)` index.
    pub fn find_with_person(
        conn: &mut DbConn,
        id_hash: &str,
    ) -> StoreResult<Option<(Session, SignedIn, MenuOffers)>> {
        let examines = diesel::dsl::exists(
            exam_examiners::table.filter(exam_examiners::person_id.eq(sessions::person_id)),
        );
        // Every signed-in request runs it: on the backend's own connection.
        let rows: Vec<(Session, SignedIn, Option<CompanyName>, bool)> = crate::native!(conn, c => sessions::table
            .inner_join(persons::table)
            .left_join(company_admins::table.on(company_admins::person_id.eq(sessions::person_id)))
            .left_join(companies::table.on(companies::id.eq(company_admins::company_id)))
            .filter(sessions::id_hash.eq(id_hash))
            .select((
                Session::as_select(),
                SignedIn::as_select(),
                Option::<CompanyName>::as_select(),
                examines,
            ))
            .prepared()
            .load(c))?;
        let mut rows = rows.into_iter();
        let Some((session, person, first, examines)) = rows.next() else {
            return Ok(None);
        };
        let mut administered: Vec<CompanyName> = first
            .into_iter()
            .chain(rows.filter_map(|(.., company, _)| company))
            .collect();
        administered.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(Some((
            session,
            person,
            MenuOffers {
                administered,
                examines,
            },
        )))
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
