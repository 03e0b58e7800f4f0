//! A person's account: identity, contact details, private address, password hash, roles.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::persons;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = persons)]
pub struct Person {
    pub id: String,
    pub personnummer: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub email_verified_at: Option<PrimitiveDateTime>,
    pub password_hash: Option<String>,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: String,
    pub is_handlaggare: bool,
    pub is_beslutsfattare: bool,
    pub is_administrator: bool,
    pub created_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = persons)]
pub struct NewPerson {
    pub id: String,
    pub personnummer: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub email_verified_at: Option<PrimitiveDateTime>,
    pub password_hash: Option<String>,
    pub language: String,
    pub is_handlaggare: bool,
    pub is_beslutsfattare: bool,
    pub is_administrator: bool,
    pub created_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
}

/// The fields a person edits on «Visa person».
#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = persons)]
pub struct ProfileChanges {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: String,
    pub updated_at: PrimitiveDateTime,
}

/// The signed-in person as every page needs them: who they are, their roles and their
/// language. The session's statement reads this on every request; a page that needs the
/// address, the personnummer or the password hash reads the whole `Person` itself, so
/// neither those columns' cost nor the hash rides along with every request.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = persons)]
pub struct SignedIn {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
    pub is_handlaggare: bool,
    pub is_beslutsfattare: bool,
    pub is_administrator: bool,
}

impl SignedIn {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn is_staff(&self) -> bool {
        self.is_handlaggare || self.is_beslutsfattare || self.is_administrator
    }
}

impl Person {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    pub fn is_staff(&self) -> bool {
        self.is_handlaggare || self.is_beslutsfattare || self.is_administrator
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Person>> {
        Ok(persons::table
            .find(id)
            .select(Person::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_email(conn: &mut DbConn, email: &str) -> StoreResult<Option<Person>> {
        Ok(persons::table
            .filter(persons::email.eq(email))
            .select(Person::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find_by_personnummer(conn: &mut DbConn, pnr: &str) -> StoreResult<Option<Person>> {
        Ok(persons::table
            .filter(persons::personnummer.eq(pnr))
            .select(Person::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn insert(conn: &mut DbConn, new: &NewPerson) -> StoreResult<()> {
        let key = domain::text::search_key(&[&new.last_name, &new.first_name]);
        diesel::insert_into(persons::table)
            .values((new, persons::name_key.eq(key)))
            .execute(conn)?;
        Ok(())
    }

    pub fn update_profile(
        conn: &mut DbConn,
        id: &str,
        changes: &ProfileChanges,
    ) -> StoreResult<()> {
        let key = domain::text::search_key(&[&changes.last_name, &changes.first_name]);
        diesel::update(persons::table.find(id))
            .set((changes, persons::name_key.eq(key)))
            .execute(conn)?;
        Ok(())
    }

    pub fn set_password_hash(conn: &mut DbConn, id: &str, hash: &str) -> StoreResult<()> {
        diesel::update(persons::table.find(id))
            .set((
                persons::password_hash.eq(hash),
                persons::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn mark_verified(conn: &mut DbConn, id: &str) -> StoreResult<()> {
        diesel::update(
            persons::table
                .find(id)
                .filter(persons::email_verified_at.is_null()),
        )
        .set(persons::email_verified_at.eq(crate::now()))
        .execute(conn)?;
        Ok(())
    }

    pub fn set_roles(
        conn: &mut DbConn,
        id: &str,
        handlaggare: bool,
        beslutsfattare: bool,
        administrator: bool,
    ) -> StoreResult<()> {
        diesel::update(persons::table.find(id))
            .set((
                persons::is_handlaggare.eq(handlaggare),
                persons::is_beslutsfattare.eq(beslutsfattare),
                persons::is_administrator.eq(administrator),
                persons::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }
}
