//! CSRF protection for every form, in one place so no handler can forget it.
//!
//! Each browser gets a random token in an HttpOnly, SameSite=Strict cookie; every form
//! carries the same value in a hidden `csrf` field, and a POST whose field does not match
//! its cookie is refused. An `Origin` other than the portal's own (scheme, host and port
//! of `CERTPORTAL_BASE_URL`) or `Sec-Fetch-Site: cross-site` is refused too. Multipart forms (uploads) are checked by the upload handler, which
//! reads the `csrf` field first (see `CsrfExpected`); anything else is refused.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::tokens;
use crate::cookies;
use crate::error::AppError;
use crate::state::AppState;

/// The token the page's forms must carry.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Put on multipart requests: the handler must find this value in the `csrf` field.
#[derive(Debug, Clone)]
pub struct CsrfExpected(pub String);

/// Urlencoded form bodies are small; uploads are multipart and not buffered here.
const FORM_LIMIT: usize = 256 * 1024;

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let existing = cookies::read(req.headers(), req.extensions(), cookies::CSRF)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
    let (token, is_new) = match existing {
        Some(t) => (t, false),
        None => (tokens::random_token(), true),
    };

    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        if cross_site(&req, &state.config.base_url) {
            return AppError::Csrf.into_response();
        }
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            if is_new {
                return AppError::Csrf.into_response();
            }
            req.extensions_mut().insert(CsrfExpected(token.clone()));
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            let (parts, body) = req.into_parts();
            let bytes = match to_bytes(body, FORM_LIMIT).await {
                Ok(b) => b,
                Err(_) => {
                    return (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "too large").into_response()
                }
            };
            let sent = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                .ok()
                .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v));
            let ok = !is_new && sent.is_some_and(|s| tokens::equal(&s, &token));
            if !ok {
                return AppError::Csrf.into_response();
            }
            req = Request::from_parts(parts, Body::from(bytes));
        } else {
            return AppError::Csrf.into_response();
        }
    }

    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if is_new {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                cookies::CSRF,
                &token,
                "Strict",
                state.config.secure_cookies(),
                None,
            ),
        );
    }
    response
}

/// True when the browser says the request came from another site: `Sec-Fetch-Site`
/// says so, or an `Origin` is sent that is not exactly the portal's own origin (an
/// `https://` page of the same host is another origin for an `http://` portal).
fn cross_site(req: &Request, base_url: &str) -> bool {
    let headers = req.headers();
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => false,
        Some(Ok(origin)) => origin_of(origin) != origin_of(base_url),
        Some(Err(_)) => true,
    }
}

/// `scheme://host[:port]` of a URL, lower-cased, without a default port or a path: the
/// form browsers send in `Origin`. "null" and anything without a scheme has none.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority
        .rsplit('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let authority = match (scheme.as_str(), authority.rsplit_once(':')) {
        ("http", Some((host, "80"))) | ("https", Some((host, "443"))) => host.to_string(),
        _ => authority,
    };
    if authority.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let ours = origin_of("http://127.0.0.1:8080");
        assert_eq!(origin_of("http://127.0.0.1:8080"), ours);
        assert_eq!(origin_of("HTTP://127.0.0.1:8080/path"), ours);
        assert_ne!(origin_of("https://127.0.0.1:8080"), ours);
        assert_ne!(origin_of("http://127.0.0.1:8081"), ours);
        assert_ne!(origin_of("http://evil.example"), ours);
        assert_eq!(
            origin_of("https://portal.example:443"),
            origin_of("https://portal.example/")
        );
        assert_eq!(origin_of("null"), None);
        assert_ne!(origin_of("null"), ours);
    }
}
