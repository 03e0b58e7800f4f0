//! The password rule for portal accounts, following NIST SP 800-63B and the
//! OWASP ASVS: length matters, composition rules do not, and passwords that an
//! attacker would try first are refused.

mod common_passwords;
mod patterns;

use thiserror::Error;

/// NIST asks for at least 8; the portal holds personnummer and certification
/// decisions, so it asks for 12, and suggests a passphrase instead.
pub const MIN_CHARS: usize = 12;
/// Long enough for any passphrase or manager-generated password, short enough
/// that hashing an absurd input costs nothing.
pub const MAX_CHARS: usize = 256;
/// Shorter context strings ("Li", "Bo") match too many good passwords by chance.
const MIN_CONTEXT_CHARS: usize = 4;

/// Why a password was refused. Each variant maps to one Fluent message through
/// [`PasswordError::message_key`]; the `Display` text is for logs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PasswordError {
    /// Fewer than [`MIN_CHARS`] characters.
    #[error("password is shorter than {MIN_CHARS} characters")]
    TooShort,
    /// More than [`MAX_CHARS`] characters.
    #[error("password is longer than {MAX_CHARS} characters")]
    TooLong,
    /// In the list of common passwords, or a repetition or simple sequence.
    #[error("password is too common or too easy to guess")]
    Common,
    /// Contains the user's name or e-mail address.
    #[error("password contains the user's name or e-mail address")]
    ContainsPersonalInfo,
}

impl PasswordError {
    /// The Fluent message id (in `crates/web/i18n/*/identifiers.ftl`) that
    /// tells the user what kind of password to choose instead.
    pub fn message_key(&self) -> &'static str {
        match self {
            PasswordError::TooShort => "err-password-too-short",
            PasswordError::TooLong => "err-password-too-long",
            PasswordError::Common => "err-password-common",
            PasswordError::ContainsPersonalInfo => "err-password-personal-info",
        }
    }

    /// Every variant, so tests can check that each message id exists in the
    /// Fluent files.
    pub const ALL: [PasswordError; 4] = [
        PasswordError::TooShort,
        PasswordError::TooLong,
        PasswordError::Common,
        PasswordError::ContainsPersonalInfo,
    ];
}

/// Checks a new password. `context` holds what an attacker would know about
/// the user: e-mail local part, first name, last name. A full e-mail address
/// is also accepted; its local part is then checked too. Context strings
/// shorter than four characters are ignored. Comparisons ignore case.
///
/// Characters are counted as Unicode scalar values, so "lösenord" is 8 long.
pub fn check_password(password: &str, context: &[&str]) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let lower = password.to_lowercase();
    if common_passwords::is_common(&lower) || patterns::is_trivial(&lower) {
        return Err(PasswordError::Common);
    }
    if contains_context(&lower, context) {
        return Err(PasswordError::ContainsPersonalInfo);
    }
    Ok(())
}

/// True if the (lower-cased) password contains any usable context string.
fn contains_context(lower: &str, context: &[&str]) -> bool {
    context
        .iter()
        .flat_map(|c| {
            // For "anna.svensson@example.se" also look for "anna.svensson".
            let local = c.split_once('@').map(|(local, _)| local);
            std::iter::once(*c).chain(local)
        })
        .map(|c| c.trim().to_lowercase())
        .filter(|c| c.chars().count() >= MIN_CONTEXT_CHARS)
        .any(|c| lower.contains(&c))
}

#[cfg(test)]
mod tests;
