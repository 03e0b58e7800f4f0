//! The signed-in user, put into the request by the session middleware, and the extractor
//! that sends everyone else to «Logga in».

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use store::models::person::SignedIn;

use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// Who they are, their roles and language; `Person::find` for the rest.
    pub person: SignedIn,
    /// The stored form of this session's id, so logout and password change can end it.
    pub session_hash: String,
}

impl CurrentUser {
    pub fn id(&self) -> &str {
        &self.person.id
    }

    /// The person as the rules of `app` know them.
    pub fn actor(&self) -> app::Actor {
        app::Actor::signed_in(&self.person)
    }

    pub fn require_handlaggare(&self) -> Result<(), AppError> {
        if self.person.is_handlaggare
            || self.person.is_beslutsfattare
            || self.person.is_administrator
        {
            Ok(())
        } else {
            Err(AppError::Forbidden("error-forbidden-staff"))
        }
    }

    pub fn require_beslutsfattare(&self) -> Result<(), AppError> {
        if self.person.is_beslutsfattare {
            Ok(())
        } else {
            Err(AppError::Forbidden("error-forbidden-decision"))
        }
    }

    pub fn require_administrator(&self) -> Result<(), AppError> {
        if self.person.is_administrator {
            Ok(())
        } else {
            Err(AppError::Forbidden("error-forbidden-admin"))
        }
    }
}

/// Extractor: the signed-in user, or a redirect to the login page that comes back here.
pub struct User(pub CurrentUser);

impl<S: Send + Sync> FromRequestParts<S> for User {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<CurrentUser>() {
            Some(user) => Ok(User(user.clone())),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|pq| pq.as_str().to_string())
                    .unwrap_or_else(|| "/".into());
                let target = format!("/login?next={}", urlencode(&next));
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|v| v.trim_start_matches('=').to_string())
        .unwrap_or_default()
}
