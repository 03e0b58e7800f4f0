//! Signing in's bookkeeping: failed attempts are counted per address in the database, so
//! the limit holds across instances, and a successful sign-in clears them. (The session
//! itself is the web layer's: it is no state of the portal and has no event.)

use store::models::login_failure::LoginFailure;
use store::{DbConn, StoreResult};
use time::{Duration, PrimitiveDateTime};

use crate::error::Result;
use crate::tx;

/// At most this many failed attempts per address in `THROTTLE_WINDOW`.
pub const MAX_FAILURES: i64 = 10;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// True when the address has failed `MAX_FAILURES` times in the window before `now`:
/// even the right password is refused until the window has passed.
pub fn is_throttled(c: &mut DbConn, email: &str, now: PrimitiveDateTime) -> StoreResult<bool> {
    Ok(LoginFailure::count_since(c, email, now - THROTTLE_WINDOW)? >= MAX_FAILURES)
}

/// A wrong address or password for `email`.
pub fn record_login_failure(c: &mut DbConn, email: &str) -> Result<()> {
    tx(c, |c| Ok(LoginFailure::record(c, email)?))
}

/// A successful sign-in starts the count again.
pub fn clear_login_failures(c: &mut DbConn, email: &str) -> Result<()> {
    tx(c, |c| Ok(LoginFailure::clear(c, email)?))
}
