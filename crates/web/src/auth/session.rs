//! Server-side sessions: the middleware that turns the session cookie into a
//! `CurrentUser`, and the helpers that start and end sessions.

use std::collections::HashMap;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::SET_COOKIE;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use store::models::session::Session;

use crate::auth::tokens;
use crate::auth::CurrentUser;
use crate::cookies;
use crate::ctx::Menu;
use crate::error::AppError;
use crate::state::AppState;

/// How stale `last_seen_at` may get before a request refreshes it: one write a minute per
/// active session, not one per request.
const TOUCH_AFTER: time::Duration = time::Duration::seconds(60);

/// When this instance last refreshed each session's `last_seen_at`. Requests that arrive
/// together once the minute has passed all see the stale time; without this each sent its
/// own UPDATE of the same row, and on PostgreSQL they queue on the row's lock, each
/// waiting for the one before it to commit. Now the first of them refreshes it and the
/// others go on.
static TOUCHED: std::sync::LazyLock<std::sync::Mutex<HashMap<String, Instant>>> =
    std::sync::LazyLock::new(Default::default);

/// Whether this request is the one to refresh the session `hash` (none of this
/// instance's did within `TOUCH_AFTER`); claims it if so.
fn claim_touch(hash: &str, now: Instant) -> bool {
    let every = std::time::Duration::from_secs(TOUCH_AFTER.whole_seconds().unsigned_abs());
    let Ok(mut touched) = TOUCHED.lock() else {
        return true;
    };
    // Bounded by the sessions active within the last minute.
    if touched.len() > 10_000 {
        touched.retain(|_, at| now.duration_since(*at) < every);
    }
    match touched.get(hash) {
        Some(at) if now.duration_since(*at) < every => false,
        _ => {
            touched.insert(hash.to_string(), now);
            true
        }
    }
}

/// A GET's page reads on the connection its session lookup took (`Db::keeping_reads`),
/// on SQLite in its read transaction: one checkout and one transaction a page, not two.
/// Other methods wait on their bodies (an upload may take minutes) and write; they read
/// their session on its own.
pub async fn load_session(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        let db = state.db.clone();
        db.keeping_reads(with_session(state, req, next)).await
    } else {
        with_session(state, req, next).await
    }
}

async fn with_session(state: AppState, mut req: Request, next: Next) -> Response {
    let mut clear_cookie = false;
    let jar = cookies::Jar::parse(req.headers());
    let raw = jar.get(cookies::SESSION).map(str::to_string);
    req.extensions_mut().insert(jar);
    if let Some(raw) = raw {
        let hash = tokens::sha256_hex(&raw);
        let lookup_hash = hash.clone();
        // The session, its person and what the menu offers in one statement: lookups by
        // key, so short enough to run at once (`run_short`), and on a GET its connection
        // (on SQLite, its read transaction) is kept for the page's (`run_short_keeping`).
        // The menu is read before the expiry check below: an expired session costs that
        // once, as it is ended.
        let found = state
            .db
            .run_short_keeping(move |c| {
                Ok(
                    Session::find_with_person(c, &lookup_hash)?.map(|(session, person, offers)| {
                        let menu = Menu::of(&person, offers);
                        (session, person, menu)
                    }),
                )
            })
            .await;
        match found {
            Ok(Some((session, person, menu))) => {
                let now = store::now();
                let idle_expired = session.last_seen_at + state.config.session_idle < now;
                let absolute_expired = session.created_at + state.config.session_absolute < now;
                if idle_expired || absolute_expired {
                    let h = hash.clone();
                    let _ = state.db.run(move |c| Session::delete(c, &h)).await;
                    clear_cookie = true;
                } else {
                    if session.last_seen_at + TOUCH_AFTER < now
                        && claim_touch(&hash, Instant::now())
                    {
                        let h = hash.clone();
                        let _ = state.db.run(move |c| Session::touch(c, &h)).await;
                    }
                    req.extensions_mut().insert(menu);
                    req.extensions_mut().insert(CurrentUser {
                        person,
                        session_hash: hash,
                    });
                }
            }
            Ok(None) => clear_cookie = true,
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    let mut response = next.run(req).await;
    // The browser drops a cookie the server no longer knows, unless the handler has just
    // given it a new one (a login posted from a form whose session ended meanwhile): one
    // Set-Cookie per cookie, or the later one would undo the earlier.
    if clear_cookie && !sets_cookie(response.headers(), cookies::SESSION) {
        response.headers_mut().append(
            SET_COOKIE,
            cookies::clear(cookies::SESSION, state.config.secure_cookies()),
        );
    }
    response
}

/// Whether the response already sets (or clears) the cookie `name`.
fn sets_cookie(headers: &axum::http::HeaderMap, name: &str) -> bool {
    headers.get_all(SET_COOKIE).iter().any(|v| {
        v.to_str()
            .is_ok_and(|s| s.split_once('=').is_some_and(|(n, _)| n.trim() == name))
    })
}

/// Starts a session for a person; returns the `Set-Cookie` value carrying its new id.
/// A fresh id at every login, so an id planted before login is worth nothing.
pub async fn start(
    state: &AppState,
    person_id: String,
) -> Result<axum::http::HeaderValue, AppError> {
    let raw = tokens::random_token();
    let hash = tokens::sha256_hex(&raw);
    state
        .db
        .run(move |c| Session::create(c, &hash, &person_id))
        .await?;
    Ok(cookies::set(
        cookies::SESSION,
        &raw,
        "Lax",
        state.config.secure_cookies(),
        None,
    ))
}

pub async fn end(
    state: &AppState,
    session_hash: String,
) -> Result<axum::http::HeaderValue, AppError> {
    state
        .db
        .run(move |c| Session::delete(c, &session_hash))
        .await?;
    Ok(cookies::clear(
        cookies::SESSION,
        state.config.secure_cookies(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_request_a_minute_refreshes_a_session() {
        let start = Instant::now();
        assert!(claim_touch("a", start), "the first refreshes");
        assert!(
            !claim_touch("a", start),
            "the others at the same moment do not"
        );
        assert!(claim_touch("b", start), "another session is its own");
        let later = start + std::time::Duration::from_secs(59);
        assert!(!claim_touch("a", later));
        let minute = start + std::time::Duration::from_secs(61);
        assert!(claim_touch("a", minute), "a minute on, the next one does");
        assert!(!claim_touch("a", minute));
    }
}
