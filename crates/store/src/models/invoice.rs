//! «Ange fakturamottagare»: who is invoiced for a case.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::certification::InvoiceRecipientKind;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::company::Company;
use crate::prepared::PreparedDsl;
use crate::schema::{companies, invoice_recipients};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = invoice_recipients)]
pub struct InvoiceRecipient {
    pub case_id: String,
    pub kind: InvoiceRecipientKind,
    pub company_id: Option<String>,
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub reference: String,
    pub updated_at: PrimitiveDateTime,
    pub updated_by: String,
}

impl InvoiceRecipient {
    pub fn for_case(conn: &mut DbConn, case_id: &str) -> StoreResult<Option<InvoiceRecipient>> {
        // Every case page: on the backend's own connection.
        Ok(crate::native!(conn, c => invoice_recipients::table
            .find(case_id)
            .select(InvoiceRecipient::as_select())
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// The case's invoice recipient with the company it names, if any, in one statement
    /// (the final review shows both; on PostgreSQL each statement is a round trip).
    pub fn with_company(
        conn: &mut DbConn,
        case_id: &str,
    ) -> StoreResult<Option<(InvoiceRecipient, Option<Company>)>> {
        Ok(crate::native!(conn, c => invoice_recipients::table
            .left_join(
                companies::table.on(companies::id.nullable().eq(invoice_recipients::company_id)),
            )
            .filter(invoice_recipients::case_id.eq(case_id))
            .select((InvoiceRecipient::as_select(), Option::<Company>::as_select()))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// Saves the recipient, replacing an earlier one (the caller holds the write lock).
    pub fn save(conn: &mut DbConn, r: &InvoiceRecipient) -> StoreResult<()> {
        let n = diesel::update(invoice_recipients::table.find(&r.case_id))
            .set(r)
            .execute(conn)?;
        if n == 0 {
            diesel::insert_into(invoice_recipients::table)
                .values(r)
                .execute(conn)?;
        }
        Ok(())
    }
}
