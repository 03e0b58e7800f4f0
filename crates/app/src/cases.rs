//! The person's side of a case (the manual's steps 1–4): apply, upload evidence, attest,
//! and choose the invoice recipient. Each function checks that the case is the actor's
//! own, then its rule in `domain::certification`, then writes the change with its event.

use domain::certification::CaseFacts;
use domain::events::EventKind;
use store::models::attestation::Attestation;
use store::models::case::Case;
use store::models::catalog::CommitmentText;
use store::models::event::{Event, NewEvent};
use store::models::invoice::InvoiceRecipient;
use store::models::moment::Moment;
use store::{DbConn, StoreResult};

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The commitment text changed while the person read it: show the new one.
pub const COMMITMENT_CHANGED: &str = "rule-commitment-changed";

/// The facts about a case that the rules of `domain::certification` decide on, read
/// from the database (three small indexed queries).
pub fn facts(c: &mut DbConn, case: &Case) -> StoreResult<CaseFacts> {
    Ok(CaseFacts {
        status: case.status,
        moments: Moment::statuses(c, &case.id)?,
        attested: Attestation::for_case(c, &case.id)?.is_some(),
        has_invoice_recipient: InvoiceRecipient::for_case(c, &case.id)?.is_some(),
    })
}

/// The case if it is the actor's own; anyone else's case is "not found", so ids cannot
/// be probed. Staff act on cases through «Handläggning», not here.
pub fn own_case(c: &mut DbConn, actor: &Actor, case_id: &str) -> Result<Case> {
    match Case::find(c, case_id)? {
        Some(case) if case.person_id == actor.id => Ok(case),
        _ => Err(Error::NotFound),
    }
}

/// «Intyga certifikatansökan»: the person answers «Ja» to the commitment text version
/// `commitment_id` they were shown. Offered only once every moment is approved.
pub fn attest(c: &mut DbConn, actor: &Actor, case_id: &str, commitment_id: &str) -> Result<()> {
    tx(c, |c| {
        let case = own_case(c, actor, case_id)?;
        facts(c, &case)?.check_attest()?;
        let code = store::models::catalog::CertificateType::find(c, &case.type_id)?
            .ok_or(Error::NotFound)?
            .commitment_code;
        // The person accepts the version they were shown; a newer one must be shown first.
        let current = CommitmentText::current(c, &code)?
            .filter(|t| t.id == commitment_id)
            .ok_or(Error::Conflict(COMMITMENT_CHANGED))?;
        Attestation::record(c, &case.id, &actor.id, &current.id)?;
        Case::touch(c, &case.id)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(&case.id),
                detail: &format!("version {}", current.version),
                ..NewEvent::of(EventKind::CaseAttested)
            },
        )?;
        Ok(())
    })
}
