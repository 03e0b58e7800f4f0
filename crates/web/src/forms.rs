//! Form errors as the pages show them: a summary at the top linking to each field, and the
//! message again above the field. Messages are translated when added.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::cookies;

/// A date as the date input sends it: exactly `yyyy-mm-dd` with a four-digit year, so
/// "20301-01-01" or "30-1-1" are typos, not dates.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    items: Vec<(String, String)>,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message: String) {
        if !self.has(field) {
            self.items.push((field.to_string(), message));
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|(f, _)| f == field)
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> &[(String, String)] {
        &self.items
    }
}

/// A page re-shown with errors answers 422, so scripts and tests see the refusal.
pub fn with_errors(html: Response) -> Response {
    let mut r = html;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// Redirect after a successful POST with a message for the next page (`flash-<key>`).
pub fn redirect_with_flash(to: &str, key: &str, secure: bool) -> Response {
    let mut r = Redirect::to(to).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::FLASH, key, "Lax", secure, Some(60)),
    );
    r
}

/// Only a local path is a safe place to go back to after login (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}
