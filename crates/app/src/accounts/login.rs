//! Signing in's bookkeeping: failed attempts are counted per e-mail address and client
//! address in the database, so the limits of `domain::login_throttle` hold across
//! instances, and a successful sign-in clears that client's count for the account. (The
//! session itself is the web layer's: it is no state of the portal and has no event.)
//!
//! `client` is whatever names the client the attempt came from (the web layer uses its IP
//! address); the limits only compare it with itself.

use domain::login_throttle::{self, Throttle};
use store::models::login_failure::LoginFailure;
use store::{DbConn, StoreResult};
use time::PrimitiveDateTime;

use crate::error::Result;
use crate::tx;

/// Whether an attempt for `email` from `client` at `now` is refused before its password
/// is checked, and why: too many failures from this client for this account, or for any.
pub fn throttled(
    c: &mut DbConn,
    email: &str,
    client: &str,
    now: PrimitiveDateTime,
) -> StoreResult<Option<Throttle>> {
    let since = login_throttle::window_start(now);
    let for_account = LoginFailure::count_for_account(c, email, client, since)?;
    let for_client = LoginFailure::count_for_client(c, client, since)?;
    Ok(login_throttle::judge(for_account, for_client))
}

/// A wrong address or password for `email` from `client`.
pub fn record_login_failure(
    c: &mut DbConn,
    email: &str,
    client: &str,
    now: PrimitiveDateTime,
) -> Result<()> {
    tx(c, |c| {
        Ok(LoginFailure::record(
            c,
            email,
            client,
            now,
            login_throttle::window_start(now),
        )?)
    })
}

/// A successful sign-in from `client` starts that client's count for the account again;
/// other clients' failures for it still count against them.
pub fn clear_login_failures(c: &mut DbConn, email: &str, client: &str) -> Result<()> {
    tx(c, |c| Ok(LoginFailure::clear(c, email, client)?))
}
