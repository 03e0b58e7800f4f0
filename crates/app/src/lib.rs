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
pub mod exams;
pub mod jobs;
pub mod life;
pub mod mail;
pub mod outbox;
pub mod review;
pub mod seed;
pub mod standing;

pub use actor::Actor;
pub use error::{Error, Result};

/// Today's date in Sweden, the date every date rule of the portal is judged on.
///
/// `CERTPORTAL_TODAY=YYYY-MM-DD` makes it that day instead, for a demonstration or a
/// browser test that follows a certificate over years (the server logs a warning when it
/// is set). Read once: a running process keeps the day it started with.
pub fn today() -> time::Date {
    match pretend_today() {
        Some(day) => day,
        None => domain::stockholm::today_stockholm(time::OffsetDateTime::now_utc()),
    }
}

/// The day `CERTPORTAL_TODAY` sets, if it does (and is a date).
pub fn pretend_today() -> Option<time::Date> {
    static PRETEND: std::sync::OnceLock<Option<time::Date>> = std::sync::OnceLock::new();
    *PRETEND.get_or_init(|| {
        let value = std::env::var("CERTPORTAL_TODAY").ok()?;
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(value.trim(), &format).ok()
    })
}

/// Runs `f` in one write transaction: the change, its event and its e-mails commit
/// together, and a refusal (any `Err`) rolls all of it back.
pub(crate) fn tx<T>(
    conn: &mut store::DbConn,
    f: impl FnOnce(&mut store::DbConn) -> Result<T>,
) -> Result<T> {
    store::write_tx(conn, f)
}
