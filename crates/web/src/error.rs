//! The one error type of the handlers. It separates what the user is told (a status and a
//! translated message key, rendered by `error_page` in the reader's language) from what the
//! log gets (the detail of an internal error, never shown).
//!
//! When to use which variant: `NotFound` for a record that does not exist *or that the
//! caller may not see* (so ids cannot be probed), `Forbidden(key)` for an action the
//! caller's role does not allow on a page they can see, `BadRequest(key)` for input no
//! form produces, `Rule(key)` for a refusal by a rule of the process (409), and
//! `Internal` (built with [`AppError::internal`] or `?` on an `anyhow`/store error) for
//! everything that is our fault. The application layer's `app::Error` converts into the
//! matching variant.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("csrf check failed")]
    Csrf,
    /// A rule of the process refused the action (409: the request was fine, the case's
    /// state does not allow it); the key says which rule.
    #[error("refused by rule: {0}")]
    Rule(&'static str),
    #[error("internal: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// Put on an error response so the `error_page` middleware renders the page around it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message_key: &'static str,
}

impl AppError {
    pub fn internal(detail: impl std::fmt::Display) -> AppError {
        AppError::Internal(anyhow::anyhow!("{detail}"))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Rule(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Forbidden(key) | AppError::BadRequest(key) | AppError::Rule(key) => key,
            AppError::Csrf => "error-csrf",
            AppError::Internal(_) => "error-internal",
        }
    }
}

/// The application layer's refusals keep their meaning: a rule or a conflict is 409 with
/// its text, not found 404, forbidden 403; a store failure is a 500 (detail to the log).
impl From<app::Error> for AppError {
    fn from(e: app::Error) -> Self {
        match e {
            app::Error::Rule(r) => AppError::Rule(r.message_key()),
            app::Error::Conflict(key) => AppError::Rule(key),
            app::Error::NotFound => AppError::NotFound,
            app::Error::Forbidden(key) => AppError::Forbidden(key),
            app::Error::Store(e) => AppError::from(e),
        }
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        AppError::Internal(anyhow::Error::new(e))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(error = %format!("{detail:#}"), "request failed");
        }
        let page = ErrorPage {
            status: self.status(),
            message_key: self.message_key(),
        };
        let mut response = (page.status, page.message_key).into_response();
        response.extensions_mut().insert(page);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
