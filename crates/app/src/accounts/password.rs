//! Passwords: «Glömt lösenord» (a single-use link, valid one hour, at most three an hour
//! per account, see `mail_limit`) and setting a new password with it, and changing one's own password on
//! «Visa person». Either way every other session of the person ends.

use domain::email::Email;
use domain::events::EventKind;
use domain::mail_limit::LimitedMail;
use domain::RuleError;
use store::models::email_token::{EmailToken, Purpose};
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::models::session::Session;
use store::{DbConn, StoreResult};
use time::{Duration, PrimitiveDateTime};

use crate::accounts::mail_limit;
use crate::accounts::token::{sha256_hex, LinkToken};
use crate::error::Result;
use crate::{tx, Actor};

/// How long a reset link works.
pub const RESET_VALID_FOR: Duration = Duration::hours(1);

/// «Glömt lösenord»: mails a reset link to the account with this address, unless it has
/// had its hourly share of them before `now` (`domain::mail_limit`). Nothing happens for
/// an unknown address, and the caller answers the same either way.
pub fn request_password_reset(
    c: &mut DbConn,
    email: &Email,
    base_url: &str,
    now: PrimitiveDateTime,
) -> Result<()> {
    tx(c, |c| {
        let Some(p) = Person::find_by_email(c, email.as_str())? else {
            return Ok(());
        };
        if !mail_limit::take(c, &p.id, LimitedMail::PasswordReset, now)? {
            return Ok(());
        }
        let token = LinkToken::new();
        EmailToken::create(c, &token.hash, &p.id, Purpose::Reset, RESET_VALID_FOR)?;
        crate::mail::enqueue(
            c,
            &p.email,
            &p.language,
            "reset",
            &[
                ("name", p.first_name.clone()),
                (
                    "link",
                    format!("{base_url}/password/reset?token={}", token.raw),
                ),
            ],
        )?;
        Ok(())
    })
}

/// Whose reset link this is, while it still works, without using it up (the form asks
/// for the new password first, and checks it against the person's name and address).
pub fn reset_link_person(c: &mut DbConn, token: &str) -> StoreResult<Option<Person>> {
    match EmailToken::valid_person(c, &sha256_hex(token), Purpose::Reset)? {
        Some(person_id) => Person::find(c, &person_id),
        None => Ok(None),
    }
}

/// Sets the new password with a reset link, using the link up; returns whose password it
/// was. An unknown, used or expired link is `RuleError::LinkUnusable`.
pub fn reset_password(c: &mut DbConn, token: &str, new_hash: &str) -> Result<String> {
    let hash = sha256_hex(token);
    tx(c, |c| {
        let person_id =
            EmailToken::consume(c, &hash, Purpose::Reset)?.ok_or(RuleError::LinkUnusable)?;
        Person::set_password_hash(c, &person_id, new_hash)?;
        // Whoever reset it owns the mailbox, so the address is verified too.
        Person::mark_verified(c, &person_id)?;
        Session::delete_others(c, &person_id, None)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&person_id),
                person_id: Some(&person_id),
                ..NewEvent::of(EventKind::PasswordReset)
            },
        )?;
        Ok(person_id)
    })
}

/// The actor changes their own password (the caller has checked the current one). Other
/// devices signed in with the old password are signed out; the session `keep_session`
/// (the stored form of the one making the change) stays.
pub fn change_password(
    c: &mut DbConn,
    actor: &Actor,
    new_hash: &str,
    keep_session: &str,
) -> Result<()> {
    tx(c, |c| {
        Person::set_password_hash(c, &actor.id, new_hash)?;
        Session::delete_others(c, &actor.id, Some(keep_session))?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                ..NewEvent::of(EventKind::PasswordChanged)
            },
        )?;
        Ok(())
    })
}
