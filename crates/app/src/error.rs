//! The application layer's one error type. A handler maps it to a page: a rule's refusal
//! and a conflict are 409 with the message key's text, not found is 404, forbidden 403;
//! a store failure is a 500 whose detail goes to the log only.

use domain::RuleError;
use store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of `domain` refused the action; nothing was written.
    #[error("refused by rule: {0}")]
    Rule(#[from] RuleError),
    /// The record does not exist, or the caller may not see it (so ids cannot be probed).
    #[error("not found")]
    NotFound,
    /// The caller's role does not allow the action; the key says which role it needs.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// Someone else changed the record first, or a unique key refused it; the key is the
    /// reader's message.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<store::DieselError> for Error {
    fn from(e: store::DieselError) -> Self {
        Error::Store(StoreError::from(e))
    }
}

impl Error {
    /// The key of the text the reader sees, for every error but a store failure.
    pub fn message_key(&self) -> Option<&'static str> {
        match self {
            Error::Rule(r) => Some(r.message_key()),
            Error::Forbidden(k) | Error::Conflict(k) => Some(k),
            Error::NotFound => Some("error-not-found"),
            Error::Store(_) => None,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
