//! The «Ange fakturamottagare» form's fields and what fills them: a saved recipient, the
//! confirmed employer, and the JSON the page's small script fills the address from.
//!
//! A company found by its number shows its name and city to anyone signed in; its invoice
//! address and e-mail only to its confirmed current employees. Anyone else who chooses it
//! leaves the address empty, and the body invoices the company at the address it keeps.

use serde::Deserialize;
use store::models::company::Company;
use store::models::invoice::InvoiceRecipient;
use store::models::person::Person;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct InvoiceForm {
    pub kind: String,
    pub orgnr: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub country: String,
    pub postal_code: String,
    pub phone: String,
    pub email: String,
    pub reference: String,
    /// `search` looks the company up and shows the form again; anything else saves.
    pub action: String,
}

/// A company as the form shows it: what anyone may see of it, and whether the person may
/// see (and is given) its invoice address.
pub(super) struct FoundCompany {
    pub name: String,
    pub city: String,
    /// The person is a confirmed current employee of the company.
    pub employed: bool,
}

impl FoundCompany {
    pub(super) fn of(c: &Company, employed: bool) -> FoundCompany {
        FoundCompany {
            name: c.name.clone(),
            city: c.city.clone(),
            employed,
        }
    }
}

pub(super) fn from_saved(r: &InvoiceRecipient, company: Option<&Company>) -> InvoiceForm {
    InvoiceForm {
        kind: r.kind.code().to_string(),
        orgnr: company.map(|c| display_orgnr(&c.orgnr)).unwrap_or_default(),
        address_line1: r.address_line1.clone(),
        address_line2: r.address_line2.clone(),
        city: r.city.clone(),
        country: r.country.clone(),
        postal_code: r.postal_code.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        reference: r.reference.clone(),
        action: String::new(),
    }
}

pub(super) fn display_orgnr(stored: &str) -> String {
    domain::identifiers::Orgnr::from_stored(stored)
        .map(|o| o.display())
        .unwrap_or_else(|| stored.to_string())
}

/// Address fields as JSON for the small script that fills them when a choice is made.
fn fill_json(pairs: &[(&str, &str)]) -> String {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "\"{k}\":\"{}\"",
                v.replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .collect();
    format!("{{{}}}", body.join(","))
}

pub(super) fn personal_fill(p: &Person) -> String {
    fill_json(&[
        ("address_line1", &p.address_line1),
        ("address_line2", &p.address_line2),
        ("postal_code", &p.postal_code),
        ("city", &p.city),
        ("country", &p.country),
        ("phone", &p.phone),
        ("email", &p.email),
    ])
}

/// The company's invoice address for the script, for its confirmed current employees
/// only (`employed`); anyone else gets nothing to fill.
pub(super) fn company_fill(c: Option<&Company>, employed: bool) -> String {
    match c.filter(|_| employed) {
        Some(c) => fill_json(&[
            ("address_line1", &c.invoice_address_line1),
            ("address_line2", &c.invoice_address_line2),
            ("postal_code", &c.invoice_postal_code),
            ("city", &c.invoice_city),
            ("country", &c.invoice_country),
            ("email", &c.invoice_email),
        ]),
        None => "{}".into(),
    }
}
