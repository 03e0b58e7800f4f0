//! «+ Ansök om nytt certifikat» (step 1): the person opens a case of a person certificate
//! type, with one moment per template of the type.

use domain::certification::{RuleError, Subject};
use domain::events::EventKind;
use store::models::case::Case;
use store::models::catalog::{CertificateType, MomentTemplate};
use store::models::event::{Event, NewEvent};
use store::DbConn;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// Opens a case of certificate type `type_id` for the actor; returns the case's id.
/// A person has at most one open case of a type (`RuleError::OpenCaseExists`); company
/// certificates are applied for elsewhere, so their types are not found here.
///
/// An exam moment for which the person already holds a passed result that still counts
/// is approved at once (`crate::exams::satisfy_new_case`).
pub fn apply(c: &mut DbConn, actor: &Actor, type_id: &str, today: time::Date) -> Result<String> {
    let opened = tx(c, |c| {
        let cert = CertificateType::find(c, type_id)?
            .filter(|t| t.subject == Subject::Person)
            .ok_or(Error::NotFound)?;
        if !cert.accepts_applications {
            return Err(RuleError::TypeClosed.into());
        }
        if Case::has_open(c, &actor.id, &cert.id)? {
            return Err(RuleError::OpenCaseExists.into());
        }
        let templates = MomentTemplate::for_type(c, &cert.id)?;
        let id = Case::create(c, &actor.id, &cert.id, &templates, |t| {
            t.kind.initial_status()
        })?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                case_id: Some(&id),
                detail: &cert.name_sv,
                ..NewEvent::of(EventKind::CaseCreated)
            },
        )?;
        crate::exams::satisfy_new_case(c, &actor.id, &id, today)?;
        Ok(id)
    });
    match opened {
        // Two submits raced past the check (PostgreSQL does not lock on read): the
        // partial unique index of open cases refused the second.
        Err(Error::Store(e)) if e.is_unique_violation() => Err(RuleError::OpenCaseExists.into()),
        other => other,
    }
}
