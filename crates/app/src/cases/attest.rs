//! «Intyga certifikatansökan» (step 3): the person accepts the commitment text once every
//! moment is approved; the attestation names the text version they accepted.

use domain::events::EventKind;
use store::models::attestation::Attestation;
use store::models::case::Case;
use store::models::catalog::{CertificateType, CommitmentText};
use store::models::event::{Event, NewEvent};
use store::DbConn;

use super::{facts, own_case};
use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The commitment text changed while the person read it: show the new one.
pub const COMMITMENT_CHANGED: &str = "rule-commitment-changed";

/// «Intyga certifikatansökan»: the person answers «Ja» to the commitment text version
/// `commitment_id` they were shown. Offered only once every moment is approved.
pub fn attest(c: &mut DbConn, actor: &Actor, case_id: &str, commitment_id: &str) -> Result<()> {
    tx(c, |c| {
        let case = own_case(c, actor, case_id)?;
        facts(c, &case)?.check_attest()?;
        let code = CertificateType::find(c, &case.type_id)?
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
