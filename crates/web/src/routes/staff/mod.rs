//! «Handläggning»: the staff's queues, moment review and the final review.

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
}
