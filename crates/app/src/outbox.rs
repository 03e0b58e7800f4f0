//! «Utgående e-post»: an administrator puts a mail the worker gave up on back in the
//! queue («Skicka igen»).

use domain::events::EventKind;
use store::models::event::{Event, NewEvent};
use store::models::outbox::Mail;
use store::models::person::Person;
use store::DbConn;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// Puts the failed mail `mail_id` back in the queue: due now, its attempts counted anew.
/// The event is recorded on the recipient's «Händelselogg» when the address is a
/// person's (a mail to an address no account has, such as an invoice recipient's, has
/// the event with no person). `NotFound`: no failed mail has the id.
pub fn send_again(c: &mut DbConn, actor: &Actor, mail_id: &str) -> Result<()> {
    actor.require_administrator()?;
    tx(c, |c| {
        let mail = Mail::requeue(c, mail_id, store::now())?.ok_or(Error::NotFound)?;
        let person = Person::find_by_email(c, &mail.recipient)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: person.as_ref().map(|p| p.id.as_str()),
                detail: &mail.subject,
                ..NewEvent::of(EventKind::MailSentAgain)
            },
        )?;
        Ok(())
    })
}
