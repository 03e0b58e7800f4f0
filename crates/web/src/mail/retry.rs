//! When a failed mail is tried again, and when it is given up on.

use time::Duration;

/// A mail the server refused for good (SMTP 5xx) is tried this many times in all: a
/// refusal can be a mail server's passing misconfiguration, but not one worth a day.
pub const PERMANENT_ATTEMPTS: i32 = 3;

/// The longest wait between two attempts.
const MAX_WAIT: Duration = Duration::DAY;

#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// The wait after the first failed attempt; it doubles with each further one.
    pub base: Duration,
    /// After this many failed attempts of any kind, the mail is failed.
    pub max_attempts: i32,
}

impl Retry {
    pub fn from_config(config: &crate::config::Config) -> Retry {
        Retry {
            base: config.mail_retry,
            max_attempts: config.mail_max_attempts,
        }
    }

    /// The wait after `attempts` failed attempts (1: `base`, 2: twice that, …), at most a
    /// day.
    pub fn wait(&self, attempts: i32) -> Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 30);
        let wait = self.base.saturating_mul(1i32 << doublings);
        wait.min(MAX_WAIT).max(Duration::ZERO)
    }

    /// Whether a mail that has now failed `attempts` times is given up on.
    pub fn give_up(&self, attempts: i32, permanent: bool) -> bool {
        let limit = if permanent {
            PERMANENT_ATTEMPTS.min(self.max_attempts)
        } else {
            self.max_attempts
        };
        attempts >= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RETRY: Retry = Retry {
        base: Duration::seconds(60),
        max_attempts: 12,
    };

    #[test]
    fn the_wait_doubles_up_to_a_day() {
        assert_eq!(RETRY.wait(1), Duration::minutes(1));
        assert_eq!(RETRY.wait(2), Duration::minutes(2));
        assert_eq!(RETRY.wait(4), Duration::minutes(8));
        assert_eq!(RETRY.wait(11), Duration::minutes(1024));
        assert_eq!(RETRY.wait(12), Duration::DAY);
        assert_eq!(RETRY.wait(i32::MAX), Duration::DAY);
        assert_eq!(RETRY.wait(0), Duration::minutes(1));
    }

    #[test]
    fn a_permanent_refusal_is_given_up_on_sooner() {
        assert!(!RETRY.give_up(2, true));
        assert!(RETRY.give_up(3, true));
        assert!(!RETRY.give_up(11, false));
        assert!(RETRY.give_up(12, false));
        let few = Retry {
            max_attempts: 2,
            ..RETRY
        };
        assert!(few.give_up(2, true));
    }
}
