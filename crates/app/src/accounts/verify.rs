//! The e-mail address's verification: the link mailed at registration (valid 48 hours,
//! single use) and «Skicka en ny länk» for an account that is still unverified (three an
//! hour at most, see `mail_limit`).

use domain::email::Email;
use domain::events::EventKind;
use domain::mail_limit::LimitedMail;
use domain::RuleError;
use store::models::email_token::{EmailToken, Purpose};
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::{DbConn, StoreResult};
use time::PrimitiveDateTime;

use crate::accounts::mail_limit;
use crate::accounts::token::{sha256_hex, LinkToken};
use crate::error::Result;
use crate::tx;

/// How long a verification link works.
pub const VERIFY_VALID_FOR: time::Duration = time::Duration::hours(48);

/// Stores a new verification link for the person (voiding their earlier ones) and mails
/// it, inside the caller's transaction.
pub(crate) fn send_link(
    c: &mut DbConn,
    person_id: &str,
    email: &str,
    lang: &str,
    first_name: &str,
    base_url: &str,
) -> StoreResult<()> {
    let token = LinkToken::new();
    EmailToken::create(c, &token.hash, person_id, Purpose::Verify, VERIFY_VALID_FOR)?;
    crate::mail::enqueue(
        c,
        email,
        lang,
        "verify",
        &[
            ("name", first_name.to_string()),
            ("link", format!("{base_url}/verify?token={}", token.raw)),
        ],
    )
}

/// The link in the verification e-mail: uses it up and marks the address verified;
/// returns whose it was. An unknown, used or expired link is `RuleError::LinkUnusable`.
pub fn verify_email(c: &mut DbConn, token: &str) -> Result<String> {
    let hash = sha256_hex(token);
    tx(c, |c| {
        let person_id =
            EmailToken::consume(c, &hash, Purpose::Verify)?.ok_or(RuleError::LinkUnusable)?;
        Person::mark_verified(c, &person_id)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&person_id),
                person_id: Some(&person_id),
                ..NewEvent::of(EventKind::EmailVerified)
            },
        )?;
        Ok(person_id)
    })
}

/// «Skicka en ny länk»: a new link, to an unverified account only, and no more than its
/// hourly share (`domain::mail_limit`; the link mailed at registration is not counted).
/// Nothing happens for an unknown or a verified address, nor over the limit, and the
/// caller answers the same either way.
pub fn resend_verification(
    c: &mut DbConn,
    email: &Email,
    base_url: &str,
    now: PrimitiveDateTime,
) -> Result<()> {
    tx(c, |c| {
        let Some(p) = Person::find_by_email(c, email.as_str())? else {
            return Ok(());
        };
        if p.email_verified_at.is_some() {
            return Ok(());
        }
        if !mail_limit::take(c, &p.id, LimitedMail::VerifyResend, now)? {
            return Ok(());
        }
        send_link(c, &p.id, &p.email, &p.language, &p.first_name, base_url)?;
        Ok(())
    })
}
