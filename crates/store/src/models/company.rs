//! Companies («Företag») and their administrators.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::{companies, company_admins};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: String,
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub invoice_address_line1: String,
    pub invoice_address_line2: String,
    pub invoice_postal_code: String,
    pub invoice_city: String,
    pub invoice_country: String,
    pub invoice_email: String,
    pub created_at: PrimitiveDateTime,
    /// The company certificate: `none`, `active` or `at_risk`.
    pub certificate_status: String,
    pub certificate_status_since: Option<PrimitiveDateTime>,
}

impl Company {
    /// Creates a company with just its number and name; returns its id.
    pub fn create(conn: &mut DbConn, orgnr: &str, name: &str) -> StoreResult<String> {
        let id = crate::new_id();
        diesel::insert_into(companies::table)
            .values((
                companies::id.eq(&id),
                companies::orgnr.eq(orgnr),
                companies::name.eq(name),
                companies::created_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(id)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Company>> {
        Ok(companies::table
            .find(id)
            .select(Company::as_select())
            .first(conn)
            .optional()?)
    }

    /// Exact match only: the manual's «Endast exakt matchning ger resultat».
    pub fn find_by_orgnr(conn: &mut DbConn, orgnr: &str) -> StoreResult<Option<Company>> {
        Ok(companies::table
            .filter(companies::orgnr.eq(orgnr))
            .select(Company::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn add_admin(conn: &mut DbConn, company_id: &str, person_id: &str) -> StoreResult<()> {
        diesel::insert_into(company_admins::table)
            .values((
                company_admins::company_id.eq(company_id),
                company_admins::person_id.eq(person_id),
                company_admins::created_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn is_admin(conn: &mut DbConn, company_id: &str, person_id: &str) -> StoreResult<bool> {
        let n: i64 = company_admins::table
            .filter(company_admins::company_id.eq(company_id))
            .filter(company_admins::person_id.eq(person_id))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }
}
