//! The person's side of a case (the manual's steps 1–4): apply, upload evidence, attest,
//! and choose the invoice recipient. Each function checks that the case is the actor's
//! own, then its rule in `domain::certification`, then writes the change with its event.

mod apply;
mod attest;
mod invoice;
mod upload;

pub use apply::apply;
pub use attest::{attest, COMMITMENT_CHANGED};
pub use invoice::{set_invoice_recipient, InvoiceRecipientInput};
pub use upload::{upload_evidence, NewFile, MOMENT_CHANGED};

use domain::certification::{CaseFacts, MomentStatus};
use store::models::case::{Case, PageCase};
use store::models::moment::Moment;
use store::{DbConn, StoreResult};

use crate::error::{Error, Result};
use crate::Actor;

/// The facts about a case that the rules of `domain::certification` decide on, read
/// from the database (two small indexed queries).
pub fn facts(c: &mut DbConn, case: &Case) -> StoreResult<CaseFacts> {
    let moments = Moment::statuses(c, &case.id)?;
    let (attested, has_invoice_recipient) = Case::attested_and_invoiced(c, &case.id)?;
    Ok(CaseFacts {
        status: case.status,
        moments,
        attested,
        has_invoice_recipient,
    })
}

/// As `facts`, for the case page, which has read the case's moments and, with the case
/// itself, whether it is attested and has an invoice recipient (`Case::find_for_page`).
pub fn facts_read(case: &PageCase, moments: Vec<MomentStatus>) -> CaseFacts {
    CaseFacts {
        status: case.row.case.status,
        moments,
        attested: case.attested,
        has_invoice_recipient: case.invoiced,
    }
}

/// The case if it is the actor's own; anyone else's case is "not found", so ids cannot
/// be probed. Staff act on cases through «Handläggning», not here.
pub fn own_case(c: &mut DbConn, actor: &Actor, case_id: &str) -> Result<Case> {
    match Case::find(c, case_id)? {
        Some(case) if case.person_id == actor.id => Ok(case),
        _ => Err(Error::NotFound),
    }
}
