//! Mails that anyone can make the portal send to an account just by typing its address or
//! personnummer into a public form. Each kind goes out at most `MAX_PER_HOUR` times an hour
//! per account, so a stranger cannot flood a mailbox; the form answers the same whether or
//! not a mail went out, so the limit reveals nothing either.

use time::{Duration, PrimitiveDateTime};

crate::coded_enum! {
    /// A kind of mail under the hourly limit, as its sending is recorded.
    pub enum LimitedMail {
        /// «Glömt lösenord»: a link to set a new password.
        PasswordReset = "reset",
        /// «Skicka en ny länk»: a new verification link for an unverified account.
        VerifyResend = "verify-resend",
        /// Someone registered with the account's personnummer or address: its owner is told.
        AlreadyRegistered = "already-registered",
    }
}

/// A few a hour is plenty for a person who asked; more would only serve a flood.
pub const MAX_PER_HOUR: i64 = 3;

/// The hour the limit counts over.
pub const WINDOW: Duration = Duration::hours(1);

/// Since when the mails already sent count against the limit at `now`.
pub fn window_start(now: PrimitiveDateTime) -> PrimitiveDateTime {
    now - WINDOW
}

/// Whether another mail of a kind may go out, given how many of it the account has had
/// since `window_start`.
pub fn may_send(sent_in_window: i64) -> bool {
    sent_in_window < MAX_PER_HOUR
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn three_an_hour() {
        assert!(may_send(0));
        assert!(may_send(2));
        assert!(!may_send(3));
        assert!(!may_send(30));
    }

    #[test]
    fn the_window_is_the_hour_before_now() {
        assert_eq!(
            window_start(datetime!(2026-03-01 10:30)),
            datetime!(2026-03-01 9:30)
        );
    }

    #[test]
    fn codes_are_stable() {
        for kind in LimitedMail::ALL {
            assert_eq!(LimitedMail::from_code(kind.code()), Some(*kind));
        }
        assert_eq!(LimitedMail::PasswordReset.code(), "reset");
    }
}
