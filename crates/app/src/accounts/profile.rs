//! «Visa person»: the person's own name, phone, private address and language. Only the
//! person edits their profile; staff may read it, but change nothing on it.

use domain::events::EventKind;
use store::models::event::{Event, NewEvent};
use store::models::person::{self, Person};
use store::DbConn;
use texts::Lang;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The fields of «Visa person», parsed and checked: trimmed, names not empty, a Swedish
/// postnummer in its displayed form.
#[derive(Debug, Clone)]
pub struct ProfileChanges {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: Lang,
}

/// Only the person changes their own account (profile and password). Anyone else,
/// staff included, is told "not found", so ids cannot be probed.
pub fn check_own_account(actor: &Actor, person_id: &str) -> Result<()> {
    if actor.id == person_id {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// Saves the profile of `person_id`, which must be the actor's own, with its event
/// («Personuppgifter ändrade»).
pub fn update_profile(
    c: &mut DbConn,
    actor: &Actor,
    person_id: &str,
    changes: ProfileChanges,
) -> Result<()> {
    check_own_account(actor, person_id)?;
    let changes = person::ProfileChanges {
        first_name: changes.first_name,
        last_name: changes.last_name,
        phone: changes.phone,
        address_line1: changes.address_line1,
        address_line2: changes.address_line2,
        postal_code: changes.postal_code,
        city: changes.city,
        country: changes.country,
        language: changes.language.code().to_string(),
        updated_at: store::now(),
    };
    tx(c, |c| {
        Person::update_profile(c, person_id, &changes)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(person_id),
                ..NewEvent::of(EventKind::ProfileUpdated)
            },
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_person_changes_their_account() {
        let me = Actor {
            id: "p1".into(),
            ..Actor::default()
        };
        let admin = Actor {
            id: "p2".into(),
            handlaggare: true,
            beslutsfattare: true,
            administrator: true,
        };
        assert!(check_own_account(&me, "p1").is_ok());
        assert!(matches!(
            check_own_account(&admin, "p1"),
            Err(Error::NotFound)
        ));
    }
}
