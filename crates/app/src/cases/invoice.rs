//! «Ange fakturamottagare» (step 4): who the body invoices for the case. Changeable until
//! the case is decided; a later choice replaces the earlier one.

use domain::certification::InvoiceRecipientKind;
use domain::events::EventKind;
use store::models::case::Case;
use store::models::company::Company;
use store::models::event::{Event, NewEvent};
use store::models::invoice::InvoiceRecipient;
use store::DbConn;

use super::own_case;
use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The recipient as the form gave it, checked and normalised by the handler (required
/// fields, lengths, postnummer, e-mail address).
#[derive(Debug, Clone)]
pub struct InvoiceRecipientInput {
    pub kind: InvoiceRecipientKind,
    /// The registered company «Företag» names; read for that kind only.
    pub company_id: Option<String>,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub reference: String,
}

/// Saves the invoice recipient of the actor's own open case `case_id`.
pub fn set_invoice_recipient(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    input: InvoiceRecipientInput,
) -> Result<()> {
    tx(c, |c| {
        let case = own_case(c, actor, case_id)?;
        // Checked inside the lock: the case may have been decided since the form opened.
        case.status.check_open()?;
        // «Företag» invoices the company as registered, by its current name.
        let company = match input.kind {
            InvoiceRecipientKind::Company => {
                let id = input.company_id.as_deref().ok_or(Error::NotFound)?;
                Some(Company::find(c, id)?.ok_or(Error::NotFound)?)
            }
            InvoiceRecipientKind::Personal | InvoiceRecipientKind::Alternative => None,
        };
        let name = company
            .as_ref()
            .map(|co| co.name.clone())
            .unwrap_or_default();
        InvoiceRecipient::save(
            c,
            &InvoiceRecipient {
                case_id: case.id.clone(),
                kind: input.kind,
                company_id: company.map(|co| co.id),
                name: name.clone(),
                address_line1: input.address_line1,
                address_line2: input.address_line2,
                postal_code: input.postal_code,
                city: input.city,
                country: input.country,
                phone: input.phone,
                email: input.email,
                reference: input.reference,
                updated_at: store::now(),
                updated_by: actor.id.clone(),
            },
        )?;
        Case::touch(c, &case.id)?;
        // The log is in Swedish, as the staff read it.
        let detail = match input.kind {
            InvoiceRecipientKind::Company => name,
            InvoiceRecipientKind::Personal => "Mig personligen".to_string(),
            InvoiceRecipientKind::Alternative => "Alternativ fakturaadress".to_string(),
        };
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(&case.id),
                detail: &detail,
                ..NewEvent::of(EventKind::InvoiceRecipientSet)
            },
        )?;
        Ok(())
    })
}
