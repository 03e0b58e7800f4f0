//! Cross-cutting response work: security headers, error pages in the reader's language,
//! and clearing a flash message once a page has shown it.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::cookies;
use crate::ctx::Ctx;
use crate::error::ErrorPage;
use crate::state::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    // A handler may set its own (the inline file view allows same-origin framing).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if !h.contains_key(header::X_FRAME_OPTIONS) {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if state.config.secure_cookies() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        // Pages carry personal data: never keep them in shared caches.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    ctx: Ctx,
    heading: String,
    message: String,
    /// The page the reader came from on this site, to go back to.
    back: Option<String>,
}

/// The path of a same-site `Referer`, so an error page can offer «Gå tillbaka».
fn same_site_referer(headers: &axum::http::HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let rest = referer.split_once("://")?.1;
    let (referer_host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (referer_host == host && path.starts_with('/') && !path.starts_with("//"))
        .then(|| path.to_string())
}

/// Renders the page around error responses (from `AppError`, the body limit, the
/// fallback) with the reader's language and menu.
pub async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let ctx = Ctx::from_parts(&parts, &state.config.body_name);
    let back = same_site_referer(&parts.headers).filter(|p| *p != ctx.path);
    let response = next.run(Request::from_parts(parts, body)).await;
    let status = response.status();
    let page = match response.extensions().get::<ErrorPage>() {
        Some(page) => *page,
        None if status == StatusCode::PAYLOAD_TOO_LARGE => ErrorPage {
            status,
            message_key: "error-too-large",
        },
        // axum's own refusal of a query string, form or multipart body it cannot read
        // (plain text such as "Failed to deserialize query string"): the reader gets the
        // portal's page in their language instead. Our own form pages answer 422 in HTML
        // and pass through untouched.
        None if is_extractor_rejection(&response) => ErrorPage {
            status: StatusCode::BAD_REQUEST,
            message_key: "error-bad-request",
        },
        None => return response,
    };
    let heading_key = match page.status {
        StatusCode::NOT_FOUND => "error-heading-not-found",
        StatusCode::FORBIDDEN => "error-heading-forbidden",
        StatusCode::PAYLOAD_TOO_LARGE => "error-heading-too-large",
        StatusCode::BAD_REQUEST => "error-heading-bad-request",
        StatusCode::CONFLICT => "error-heading-rule",
        StatusCode::TOO_MANY_REQUESTS => "error-heading-too-many",
        _ => "error-heading-internal",
    };
    let template = ErrorTemplate {
        heading: ctx.t(heading_key),
        message: ctx.t(page.message_key),
        back,
        ctx,
    };
    let html = template.render().unwrap_or_else(|_| "error".into());
    let mut out = (page.status, Html(html)).into_response();
    for cookie in response.headers().get_all(header::SET_COOKIE) {
        out.headers_mut().append(header::SET_COOKIE, cookie.clone());
    }
    if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
        out.headers_mut().insert(header::RETRY_AFTER, retry.clone());
    }
    out
}

fn is_extractor_rejection(response: &Response) -> bool {
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    plain
        && matches!(
            status,
            StatusCode::BAD_REQUEST
                | StatusCode::UNPROCESSABLE_ENTITY
                | StatusCode::UNSUPPORTED_MEDIA_TYPE
        )
}

pub async fn clear_flash(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let had_flash = cookies::read(req.headers(), req.extensions(), cookies::FLASH).is_some();
    let mut response = next.run(req).await;
    if had_flash && !response.status().is_redirection() {
        let sets_flash = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|v| v.to_str().is_ok_and(|s| s.starts_with(cookies::FLASH)));
        if !sets_flash {
            response.headers_mut().append(
                header::SET_COOKIE,
                cookies::clear(cookies::FLASH, state.config.secure_cookies()),
            );
        }
    }
    response
}
