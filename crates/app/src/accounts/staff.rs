//! Staff accounts, made by the operator on the command line (`certportal user create`):
//! verified at once, with the roles given, and with no personnummer unless one is given.

use domain::email::Email;
use domain::events::EventKind;
use domain::identifiers::Personnummer;
use store::models::event::{Event, NewEvent};
use store::models::person::{NewPerson, Person};
use store::DbConn;
use texts::Lang;

use crate::error::{Error, Result};
use crate::tx;

/// The address or the personnummer has an account already.
pub const ACCOUNT_EXISTS: &str = "err-account-exists";

/// The staff roles of the certification body; any mix, or none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StaffRoles {
    pub handlaggare: bool,
    pub beslutsfattare: bool,
    pub administrator: bool,
}

/// A staff account whose fields are parsed and checked, with the password hashed.
#[derive(Debug, Clone)]
pub struct NewStaffUser {
    pub email: Email,
    pub first_name: String,
    pub last_name: String,
    pub personnummer: Option<Personnummer>,
    pub password_hash: String,
    pub roles: StaffRoles,
}

/// Creates the account with its event («Konto skapat»); returns its id. An address or a
/// personnummer that has an account already is `Error::Conflict(ACCOUNT_EXISTS)`.
pub fn create_staff_user(c: &mut DbConn, new: NewStaffUser) -> Result<String> {
    let id = store::new_id();
    let now = store::now();
    let person = NewPerson {
        id: id.clone(),
        personnummer: new.personnummer.map(|p| p.as_str().to_string()),
        first_name: new.first_name,
        last_name: new.last_name,
        email: new.email.as_str().to_string(),
        // The operator vouches for the address.
        email_verified_at: Some(now),
        password_hash: Some(new.password_hash),
        language: Lang::Sv.code().to_string(),
        is_handlaggare: new.roles.handlaggare,
        is_beslutsfattare: new.roles.beslutsfattare,
        is_administrator: new.roles.administrator,
        created_at: now,
        updated_at: now,
    };
    let outcome = tx(c, |c| {
        Person::insert(c, &person)?;
        Event::record(
            c,
            NewEvent {
                person_id: Some(&id),
                ..NewEvent::of(EventKind::AccountCreated)
            },
        )?;
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(id),
        Err(Error::Store(e)) if e.is_unique_violation() => Err(Error::Conflict(ACCOUNT_EXISTS)),
        Err(e) => Err(e),
    }
}
