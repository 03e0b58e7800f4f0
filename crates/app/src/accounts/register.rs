//! «Registrera konto»: a person creates their account, which waits for its e-mail address
//! to be verified before anyone can sign in with it.
//!
//! A registration with a personnummer or an address that already has an account answers
//! the same as a new one (a stranger learns nothing) and mails the owner a notice instead,
//! three an hour at most (`mail_limit`), so repeating it floods no one's mailbox.

use domain::email::Email;
use domain::events::EventKind;
use domain::identifiers::Personnummer;
use domain::mail_limit::LimitedMail;
use store::models::event::{Event, NewEvent};
use store::models::person::{NewPerson, Person};
use store::DbConn;
use texts::Lang;
use time::PrimitiveDateTime;

use crate::accounts::mail_limit;
use crate::error::{Error, Result};
use crate::tx;

/// A registration whose fields are parsed and checked, with the password already hashed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub personnummer: Personnummer,
    pub first_name: String,
    pub last_name: String,
    pub email: Email,
    pub password_hash: String,
    /// The language the person registered in: their e-mails are written in it.
    pub language: Lang,
}

/// What became of a registration. The person registering is told the same either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// A new account; the verification link is on its way.
    Created { person_id: String },
    /// The personnummer or the address has an account already: its owner was mailed a
    /// notice unless they have had their hourly share of them (or another registration
    /// of the same number or address committed first).
    AlreadyRegistered,
}

/// Creates the account and mails its verification link, or notices the owner of an
/// existing one. The account, its event («Konto registrerat») and the mail commit together.
pub fn register(
    c: &mut DbConn,
    new: NewAccount,
    base_url: &str,
    now: PrimitiveDateTime,
) -> Result<Registered> {
    let outcome = tx(c, |c| {
        let by_pnr = Person::find_by_personnummer(c, new.personnummer.as_str())?;
        let existing = match by_pnr {
            Some(p) => Some(p),
            None => Person::find_by_email(c, new.email.as_str())?,
        };
        if let Some(existing) = existing {
            if !mail_limit::take(c, &existing.id, LimitedMail::AlreadyRegistered, now)? {
                return Ok(Registered::AlreadyRegistered);
            }
            // Tell the owner, not the stranger.
            crate::mail::enqueue(
                c,
                &existing.email,
                &existing.language,
                "already-registered",
                &[
                    ("name", existing.first_name.clone()),
                    ("login", format!("{base_url}/login")),
                    ("reset", format!("{base_url}/password/forgot")),
                ],
            )?;
            return Ok(Registered::AlreadyRegistered);
        }
        let id = store::new_id();
        Person::insert(
            c,
            &NewPerson {
                id: id.clone(),
                personnummer: Some(new.personnummer.as_str().to_string()),
                first_name: new.first_name.clone(),
                last_name: new.last_name,
                email: new.email.as_str().to_string(),
                email_verified_at: None,
                password_hash: Some(new.password_hash),
                language: new.language.code().to_string(),
                is_handlaggare: false,
                is_beslutsfattare: false,
                is_administrator: false,
                created_at: now,
                updated_at: now,
            },
        )?;
        crate::accounts::verify::send_link(
            c,
            &id,
            new.email.as_str(),
            new.language.code(),
            &new.first_name,
            base_url,
        )?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&id),
                person_id: Some(&id),
                ..NewEvent::of(EventKind::AccountRegistered)
            },
        )?;
        Ok(Registered::Created { person_id: id })
    });
    match outcome {
        // Two registrations raced on the same number or address: the later one finds
        // the account of the first, as above (its owner's notice rolled back with it).
        Err(Error::Store(e)) if e.is_unique_violation() => Ok(Registered::AlreadyRegistered),
        other => other,
    }
}
