//! Work that follows the calendar rather than a request: a certificate expires the day
//! after «Giltigt till», and its holder's employers' company certificates are recounted.

use domain::certification::CaseStatus;
use domain::events::EventKind;
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::error::Result;
use crate::standing::recompute_for_person;
use crate::tx;

/// Expires every active certificate whose «Giltigt till» lies before `today`, each with
/// its event and the recount of its holder's company standings; returns how many expired.
/// The transition is `CaseStatus::after_expiry` (only «Aktivt» becomes «Utgånget»),
/// written by an update guarded on the active status: safe on several instances at once,
/// a case expires once and only the instance that expired it records it.
pub fn expire_certificates(c: &mut DbConn, today: Date, base_url: &str) -> Result<usize> {
    tx(c, |c| {
        let from = CaseStatus::Active;
        let Some(to) = from.after_expiry() else {
            return Ok(0);
        };
        let expired = Case::expire_due(c, today, Change { from, to })?;
        for (case_id, person_id, number) in &expired {
            Event::record(
                c,
                NewEvent {
                    person_id: Some(person_id),
                    case_id: Some(case_id),
                    detail: number,
                    ..NewEvent::of(EventKind::CertificateExpired)
                },
            )?;
            recompute_for_person(c, person_id, None, base_url, today)?;
        }
        Ok(expired.len())
    })
}
