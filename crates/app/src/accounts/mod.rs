//! Accounts: «Registrera konto» and the e-mailed verification link, «Glömt lösenord»,
//! changing the password and the profile («Visa person»), signing in's bookkeeping, and
//! the operator's staff accounts. The mails a public form sends to an account, and failed
//! logins, are limited so that no stranger can flood a mailbox or lock its owner out.
//!
//! Passwords arrive here already hashed: Argon2 is slow on purpose, so the callers run it
//! on their blocking pool and pass the hash in. The links mailed to a person are made
//! here ([`token`]); only their SHA-256 is stored.

pub mod login;
mod mail_limit;
pub mod password;
pub mod profile;
pub mod register;
pub mod staff;
pub mod token;
pub mod verify;

pub use login::{clear_login_failures, record_login_failure, throttled};
pub use password::{change_password, request_password_reset, reset_link_person, reset_password};
pub use profile::{check_own_account, update_profile, ProfileChanges};
pub use register::{register, NewAccount, Registered};
pub use staff::{create_staff_user, NewStaffUser, StaffRoles, ACCOUNT_EXISTS};
pub use verify::{resend_verification, verify_email};
