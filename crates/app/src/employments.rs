//! Employments («Anställningar»): the person asks to be employed by a company, one of
//! its administrators confirms or declines, and either side ends a confirmed one. The
//! transitions and date rules are `domain::employment`'s; here they are checked against
//! the stored record, written with their event and e-mails, and the company's standing
//! is recounted where it can move.

use domain::employment::{check_end_date, check_start_date};
use domain::events::EventKind;
use domain::RuleError;
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::companies::{administered, FORBIDDEN_COMPANY_ADMIN};
use crate::error::{Error, Result};
use crate::{standing, tx, Actor};

/// «Ny Anställning»: the actor asks to be employed by the company from `start`. A
/// second open request or employment at the same company is refused
/// (`RuleError::EmploymentOpen`, also when the unique index refuses it). Every company
/// administrator is e-mailed. Returns the employment's id.
pub fn request(
    c: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    start: Date,
    today: Date,
    base_url: &str,
) -> Result<String> {
    let result = tx(c, |c| {
        let company = Company::find(c, company_id)?.ok_or(Error::NotFound)?;
        let person = Person::find(c, &actor.id)?.ok_or(Error::NotFound)?;
        let start = check_start_date(start, today)?;
        if Employment::has_open(c, &actor.id, company_id)? {
            return Err(RuleError::EmploymentOpen.into());
        }
        let id = Employment::request(c, &actor.id, company_id, start)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                company_id: Some(company_id),
                detail: &company.name,
                ..NewEvent::of(EventKind::EmploymentRequested)
            },
        )?;
        for admin in Company::admins(c, company_id)? {
            crate::mail::enqueue(
                c,
                &admin.email,
                &admin.language,
                EventKind::EmploymentRequested.code(),
                &[
                    ("name", admin.first_name.clone()),
                    ("person", person.full_name()),
                    ("company", company.name.clone()),
                    ("link", format!("{base_url}/companies/{company_id}")),
                ],
            )?;
        }
        Ok(id)
    });
    match result {
        Err(Error::Store(e)) if e.is_unique_violation() => Err(RuleError::EmploymentOpen.into()),
        other => other,
    }
}

/// A company administrator confirms (`confirm`) or declines a request to its company.
/// Only that company's administrators decide: the staff may read the company page but
/// are refused, anyone else finds nothing. The person is e-mailed; a confirmation can
/// make the company certificate active.
pub fn decide(
    c: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    employment_id: &str,
    confirm: bool,
    base_url: &str,
    today: Date,
) -> Result<()> {
    tx(c, |c| {
        let company = administered(c, actor, company_id)?;
        let employment = Employment::find(c, employment_id)?
            .filter(|e| e.company_id == company.id)
            .ok_or(Error::NotFound)?;
        let change = Change {
            from: employment.status,
            to: employment.status.after_decision(confirm)?,
        };
        // Guarded on «Väntar på bekräftelse»: a second answer given meanwhile wins no race.
        if !Employment::decide(c, &employment.id, change, &actor.id)? {
            return Err(RuleError::EmploymentNotPending.into());
        }
        let kind = if confirm {
            EventKind::EmploymentConfirmed
        } else {
            EventKind::EmploymentRejected
        };
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&employment.person_id),
                company_id: Some(&company.id),
                detail: &company.name,
                ..NewEvent::of(kind)
            },
        )?;
        if let Some(p) = Person::find(c, &employment.person_id)? {
            crate::mail::enqueue(
                c,
                &p.email,
                &p.language,
                kind.code(),
                &[
                    ("name", p.first_name.clone()),
                    ("company", company.name.clone()),
                    ("link", format!("{base_url}/employments")),
                ],
            )?;
        }
        if confirm {
            standing::recompute(c, &company.id, Some(&actor.id), base_url, today)?;
        }
        Ok(())
    })
}

/// The employment if the actor may end it: their own, or one at a company they
/// administer. The staff are refused; anyone else finds nothing.
pub fn endable(c: &mut DbConn, actor: &Actor, employment_id: &str) -> Result<Employment> {
    let employment = Employment::find(c, employment_id)?.ok_or(Error::NotFound)?;
    if employment.person_id == actor.id || Company::is_admin(c, &employment.company_id, &actor.id)?
    {
        Ok(employment)
    } else if actor.is_staff() {
        Err(Error::Forbidden(FORBIDDEN_COMPANY_ADMIN))
    } else {
        Err(Error::NotFound)
    }
}

/// «Avsluta anställning» on `end`: by the person themself or by an administrator of the
/// company. The end date lies between the start and today; only a confirmed employment
/// ends. The company's standing is recounted (ending the last qualifying employee puts
/// it at risk).
pub fn end(
    c: &mut DbConn,
    actor: &Actor,
    employment_id: &str,
    end: Date,
    today: Date,
    base_url: &str,
) -> Result<()> {
    tx(c, |c| {
        let employment = endable(c, actor, employment_id)?;
        let end = check_end_date(end, employment.start_date, today)?;
        let change = Change {
            from: employment.status,
            to: employment.status.after_end()?,
        };
        // Guarded on «Bekräftad»: ended by the other side meanwhile is refused the same way.
        if !Employment::end(c, &employment.id, change, end)? {
            return Err(RuleError::EmploymentNotConfirmed.into());
        }
        let company = Company::find(c, &employment.company_id)?.ok_or(Error::NotFound)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&employment.person_id),
                company_id: Some(&company.id),
                detail: &format!("{} {}", company.name, domain::stockholm::format_date(end)),
                ..NewEvent::of(EventKind::EmploymentEnded)
            },
        )?;
        standing::recompute(c, &company.id, Some(&actor.id), base_url, today)?;
        Ok(())
    })
}
