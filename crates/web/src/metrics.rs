//! A few counters in the Prometheus text format, kept by hand: requests by status class
//! and their total time. Enough for a dashboard without another dependency.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

#[derive(Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    micros_total: AtomicU64,
}

impl Metrics {
    /// `outbox`: the e-mails waiting, and those given up on («Utgående e-post»).
    pub fn render(&self, outbox: Option<(i64, i64)>) -> String {
        let mut out = String::from(
            "# HELP certportal_http_requests_total HTTP requests answered, by status class.\n\
             # TYPE certportal_http_requests_total counter\n",
        );
        for (i, counter) in self.by_class.iter().enumerate() {
            out.push_str(&format!(
                "certportal_http_requests_total{{status=\"{}xx\"}} {}\n",
                i + 1,
                counter.load(Ordering::Relaxed)
            ));
        }
        out.push_str(&format!(
            "# HELP certportal_http_request_seconds_total Time spent answering requests.\n\
             # TYPE certportal_http_request_seconds_total counter\n\
             certportal_http_request_seconds_total {:.6}\n",
            self.micros_total.load(Ordering::Relaxed) as f64 / 1e6
        ));
        if let Some((pending, failed)) = outbox {
            out.push_str(&format!(
                "# HELP certportal_outbox_pending E-mails waiting to be delivered.\n\
                 # TYPE certportal_outbox_pending gauge\n\
                 certportal_outbox_pending {pending}\n\
                 # HELP certportal_outbox_failed E-mails given up on, listed in «Utgående e-post».\n\
                 # TYPE certportal_outbox_failed gauge\n\
                 certportal_outbox_failed {failed}\n"
            ));
        }
        out
    }
}

pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let response = next.run(req).await;
    let class = (response.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    state.metrics.by_class[class].fetch_add(1, Ordering::Relaxed);
    state
        .metrics
        .micros_total
        .fetch_add(start.elapsed().as_micros() as u64, Ordering::Relaxed);
    response
}
