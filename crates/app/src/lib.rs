//! certportal's application layer: every state change is one function here. Each checks
//! its rules in `domain`, then writes the change, its event («Händelselogg») and its
//! e-mails in one write transaction, and returns one error type ([`Error`]).
//!
//! Handlers (`web`) and the command line (`certportal`) parse input, call in here and
//! render the result; they open no write transaction of their own. Nothing below this
//! layer reads the clock for a rule: the date a rule needs is an argument ([`today`]
//! gives the callers Stockholm's date).

pub mod accounts;
pub mod actor;
pub mod cases;
pub mod catalog;
pub mod companies;
pub mod decisions;
pub mod employments;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod review;
pub mod seed;
pub mod standing;

pub use actor::Actor;
pub use error::{Error, Result};

/// Today's date in Sweden, the date every date rule of the portal is judged on.
pub fn today() -> time::Date {
    domain::stockholm::today_stockholm(time::OffsetDateTime::now_utc())
}

/// Runs `f` in one write transaction: the change, its event and its e-mails commit
/// together, and a refusal (any `Err`) rolls all of it back.
pub(crate) fn tx<T>(
    conn: &mut store::DbConn,
    f: impl FnOnce(&mut store::DbConn) -> Result<T>,
) -> Result<T> {
    store::write_tx(conn, f)
}
