//! «Provcenter» and «Provförrättare», registered by an «Administratör» (or the CLI).

use domain::events::EventKind;
use domain::RuleError;
use store::models::event::{Event, NewEvent};
use store::models::exam::ExamCentre;
use store::models::person::Person;
use store::DbConn;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// A centre to register.
#[derive(Debug, Clone, Default)]
pub struct NewCentre {
    /// Normalised: ten digits.
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub postal_code: String,
    pub city: String,
    /// The exam kinds it may hold.
    pub kind_ids: Vec<String>,
}

/// Registers a centre; returns its id. An organisationsnummer is registered once.
/// `actor` None is the portal itself (the command line).
pub fn create_centre(c: &mut DbConn, actor: Option<&Actor>, centre: &NewCentre) -> Result<String> {
    if let Some(a) = actor {
        a.require_administrator()?;
    }
    let actor_id = actor.map(|a| a.id.as_str());
    tx(c, |c| {
        if ExamCentre::find_by_orgnr(c, &centre.orgnr)?.is_some() {
            return Err(RuleError::CompanyExists.into());
        }
        let id = store::new_id();
        ExamCentre::insert(
            c,
            &ExamCentre {
                id: id.clone(),
                orgnr: centre.orgnr.clone(),
                name: centre.name.clone(),
                address_line1: centre.address_line1.clone(),
                postal_code: centre.postal_code.clone(),
                city: centre.city.clone(),
                created_at: store::now(),
            },
            &centre.kind_ids,
        )?;
        Event::record(
            c,
            NewEvent {
                actor_id,
                detail: &centre.name,
                ..NewEvent::of(EventKind::ExamCentreCreated)
            },
        )?;
        Ok(id)
    })
}

/// Makes the person with `email` an examiner of the centre (`actor` None: the portal).
pub fn grant_examiner(
    c: &mut DbConn,
    actor: Option<&Actor>,
    centre_id: &str,
    email: &str,
) -> Result<String> {
    if let Some(a) = actor {
        a.require_administrator()?;
    }
    let actor_id = actor.map(|a| a.id.as_str());
    tx(c, |c| {
        let centre = ExamCentre::find(c, centre_id)?.ok_or(Error::NotFound)?;
        let person = Person::find_by_email(c, email.trim())?
            .ok_or(Error::Conflict("err-examiner-unknown"))?;
        if !ExamCentre::add_examiner(c, &centre.id, &person.id)? {
            return Err(Error::Conflict("err-examiner-already"));
        }
        Event::record(
            c,
            NewEvent {
                actor_id,
                person_id: Some(&person.id),
                detail: &centre.name,
                ..NewEvent::of(EventKind::ExaminerGranted)
            },
        )?;
        Ok(person.id)
    })
}
