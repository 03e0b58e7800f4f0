//! Who is acting: the signed-in person and their staff roles, or the portal itself (jobs,
//! the command line). Every application function that needs a role checks it here, on
//! the server, whatever the page showed.

use store::models::person::{Person, SignedIn};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub id: String,
    pub handlaggare: bool,
    pub beslutsfattare: bool,
    pub administrator: bool,
}

impl Actor {
    pub fn of(person: &Person) -> Actor {
        Actor {
            id: person.id.clone(),
            handlaggare: person.is_handlaggare,
            beslutsfattare: person.is_beslutsfattare,
            administrator: person.is_administrator,
        }
    }

    /// The signed-in person of a request.
    pub fn signed_in(person: &SignedIn) -> Actor {
        Actor {
            id: person.id.clone(),
            handlaggare: person.is_handlaggare,
            beslutsfattare: person.is_beslutsfattare,
            administrator: person.is_administrator,
        }
    }

    /// Any staff role may review moments and read the queues.
    pub fn is_staff(&self) -> bool {
        self.handlaggare || self.beslutsfattare || self.administrator
    }

    pub fn require_staff(&self) -> Result<()> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(Error::Forbidden("error-forbidden-staff"))
        }
    }

    /// Only a «Beslutsfattare» issues, rejects and (later) suspends or withdraws.
    pub fn require_beslutsfattare(&self) -> Result<()> {
        if self.beslutsfattare {
            Ok(())
        } else {
            Err(Error::Forbidden("error-forbidden-decision"))
        }
    }

    pub fn require_administrator(&self) -> Result<()> {
        if self.administrator {
            Ok(())
        } else {
            Err(Error::Forbidden("error-forbidden-admin"))
        }
    }
}
