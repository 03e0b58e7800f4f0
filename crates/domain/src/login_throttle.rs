//! How failed logins slow an attacker down without locking the owner out (OWASP's
//! «Authentication Cheat Sheet»: throttle per client, and per account from that client,
//! never per account alone).
//!
//! Failures are counted per client address (the connection, or the proxy's word for it)
//! over `WINDOW`:
//! - for one account from one client: `MAX_ACCOUNT_FAILURES` stop that client guessing
//!   that account's password, while its owner, from their own browser, still gets in;
//! - for any accounts from one client: `MAX_CLIENT_FAILURES` stop a client that tries
//!   address after address.
//!
//! A throttled attempt is refused before its password is checked, even a right one, and
//! is not counted itself: the window runs out as the failures in it age.

use time::{Duration, PrimitiveDateTime};

/// Wrong passwords for one account from one client before that client is refused it.
pub const MAX_ACCOUNT_FAILURES: i64 = 10;

/// Failed logins from one client, whatever the accounts, before it is refused all. More
/// than one person's typing mistakes, as several may share an office's address.
pub const MAX_CLIENT_FAILURES: i64 = 20;

/// The stretch of time the failures are counted over (and the wait the page announces).
pub const WINDOW: Duration = Duration::minutes(15);

/// Why a login attempt is refused before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    /// This client has failed too often for this account.
    Account,
    /// This client has failed too often, for whatever accounts.
    Client,
}

impl Throttle {
    /// The text key of the refusal on «Logga in».
    pub fn message_key(self) -> &'static str {
        match self {
            Throttle::Account => "err-login-throttled",
            Throttle::Client => "err-login-throttled-client",
        }
    }
}

/// Since when the failures count at `now`.
pub fn window_start(now: PrimitiveDateTime) -> PrimitiveDateTime {
    now - WINDOW
}

/// The verdict on an attempt, given this client's failures in the window: for the account
/// it names, and for all accounts.
pub fn judge(account_failures: i64, client_failures: i64) -> Option<Throttle> {
    if client_failures >= MAX_CLIENT_FAILURES {
        Some(Throttle::Client)
    } else if account_failures >= MAX_ACCOUNT_FAILURES {
        Some(Throttle::Account)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_both_limits_the_password_is_checked() {
        assert_eq!(judge(0, 0), None);
        assert_eq!(judge(9, 19), None);
    }

    #[test]
    fn ten_failures_for_one_account_from_one_client() {
        assert_eq!(judge(10, 10), Some(Throttle::Account));
        assert_eq!(
            Throttle::Account.message_key(),
            "err-login-throttled",
            "the refusal that suggests resetting the password"
        );
    }

    #[test]
    fn twenty_failures_from_one_client_whatever_the_accounts() {
        assert_eq!(judge(1, 20), Some(Throttle::Client));
        assert_eq!(judge(10, 25), Some(Throttle::Client));
    }

    #[test]
    fn the_window_is_fifteen_minutes() {
        let now = time::macros::datetime!(2026-03-01 10:30);
        assert_eq!(window_start(now), time::macros::datetime!(2026-03-01 10:15));
    }
}
