//! Operations endpoints and small plumbing: health, readiness, metrics, the language
//! switch and the static assets.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::models::outbox::Mail;

use crate::cookies;
use crate::error::AppError;
use crate::forms::safe_next;
use crate::i18n::Lang;
use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

/// GET /metrics on the public port: only with the configured bearer token (a wrong or
/// missing one is "not found", as when no token is configured, so the endpoint does not
/// announce itself).
pub async fn metrics(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let allowed = match (&state.config.metrics_token, sent) {
        (Some(token), Some(sent)) => crate::auth::tokens::equal(sent.trim(), token),
        _ => false,
    };
    if !allowed {
        return AppError::NotFound.into_response();
    }
    metrics_text(State(state)).await
}

/// The Prometheus text itself; the metrics listener (`CERTPORTAL_METRICS_BIND`) serves it
/// without a token.
pub async fn metrics_text(State(state): State<AppState>) -> Response {
    let outbox = state
        .db
        .run(|c| Ok((Mail::pending_count(c)?, Mail::failed_count(c)?)))
        .await
        .ok();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(outbox),
    )
        .into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// «English» / «Svenska»: remembers the choice in a cookie and goes back.
pub async fn switch_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let lang = Lang::from_code(&code).ok_or(AppError::NotFound)?;
    let mut response = Redirect::to(&safe_next(q.next.as_deref())).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::LANG,
            lang.code(),
            "Lax",
            state.config.secure_cookies(),
            Some(365 * 24 * 3600),
        ),
    );
    Ok(response)
}

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");
const FAVICON: &str = include_str!("../../static/favicon.svg");

pub async fn asset(Path(name): Path<String>) -> Response {
    let (body, content_type) = match name.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "app.js" => (JS, "text/javascript; charset=utf-8"),
        "favicon.svg" => (FAVICON, "image/svg+xml"),
        _ => return AppError::NotFound.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Browsers ask for `/favicon.ico` whatever the page says; answer with the SVG icon.
pub async fn favicon() -> Response {
    asset(Path("favicon.svg".to_string())).await
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}
