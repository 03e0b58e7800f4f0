//! Per-client rate limits on the public register and its API, so that the register can be
//! consulted freely but not copied wholesale in a hurry.
//!
//! The generic cell rate algorithm (GCRA): each client has a "theoretical arrival time"; a
//! request is let through while that time is no further ahead of now than the burst allows,
//! and moves it on by one emission interval (a minute divided by the rate). A refused request
//! learns exactly when the next one would pass (`Retry-After`). The state is one instant per
//! client in memory: each instance limits on its own, which bounds a client at the rate times
//! the number of instances behind the load balancer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::client::ClientAddr;
use crate::error::ErrorPage;
use crate::state::AppState;

/// Above this many clients remembered, those whose allowance is whole again are forgotten.
const PRUNE_AT: usize = 50_000;

pub struct RateLimiter {
    /// A minute divided by the sustained rate.
    interval: Duration,
    /// How far ahead of now a client's arrival time may run: (burst - 1) intervals.
    tolerance: Duration,
    clients: Mutex<HashMap<String, Instant>>,
}

impl RateLimiter {
    /// `per_minute` sustained, up to `burst` at once (both at least 1).
    pub fn new(per_minute: u32, burst: u32) -> RateLimiter {
        let interval = Duration::from_secs(60) / per_minute.max(1);
        RateLimiter {
            interval,
            tolerance: interval * (burst.max(1) - 1),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Lets the request through, or says how long until the next one would pass.
    pub fn check(&self, client: &str, now: Instant) -> Result<(), Duration> {
        let mut clients = match self.clients.lock() {
            Ok(c) => c,
            // A panic while holding the lock left a map of instants: still usable.
            Err(poisoned) => poisoned.into_inner(),
        };
        let tat = clients.get(client).copied().unwrap_or(now).max(now);
        let ahead = tat - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        if clients.len() >= PRUNE_AT {
            clients.retain(|_, t| *t > now);
        }
        clients.insert(client.to_string(), tat + self.interval);
        Ok(())
    }
}

/// The middleware in front of the public register and the API: 429 with `Retry-After`
/// (whole seconds, rounded up) once a client is over its allowance.
pub async fn public(
    State(state): State<AppState>,
    client: ClientAddr,
    req: Request,
    next: Next,
) -> Response {
    match state.public_limiter.check(&client.0, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let retry = HeaderValue::from(secs.max(1));
            let mut response = if req.uri().path().starts_with("/api/") {
                crate::routes::public::api::too_many(secs.max(1))
            } else {
                let mut r = StatusCode::TOO_MANY_REQUESTS.into_response();
                r.extensions_mut().insert(ErrorPage {
                    status: StatusCode::TOO_MANY_REQUESTS,
                    message_key: "error-too-many",
                });
                r
            };
            response.headers_mut().insert(header::RETRY_AFTER, retry);
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_sustained_rate() {
        // 60 a minute = one a second, five at once.
        let limiter = RateLimiter::new(60, 5);
        let t0 = Instant::now();
        for _ in 0..5 {
            assert!(limiter.check("a", t0).is_ok());
        }
        let wait = limiter
            .check("a", t0)
            .expect_err("the sixth at once is refused");
        assert_eq!(wait, Duration::from_secs(1));
        // Another client has its own allowance.
        assert!(limiter.check("b", t0).is_ok());
        // A second later one more passes, and only one.
        let t1 = t0 + Duration::from_secs(1);
        assert!(limiter.check("a", t1).is_ok());
        assert!(limiter.check("a", t1).is_err());
        // After a long pause the whole burst is back.
        let t2 = t1 + Duration::from_secs(60);
        for _ in 0..5 {
            assert!(limiter.check("a", t2).is_ok());
        }
        assert!(limiter.check("a", t2).is_err());
    }
}
