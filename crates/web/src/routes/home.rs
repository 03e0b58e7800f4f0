//! The start page: for a visitor, what the portal is and the way in; for a signed-in
//! person, their main menu as cards: the company pages of the companies they administer
//! (from the page context, which the menu reads too) and, for staff, «Handläggning» with
//! how many moments await review.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::models::moment::Moment;

use crate::auth::CurrentUser;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    /// Staff see the «Handläggning» card with `moments_waiting`: the moments «Inväntar
    /// granskning», as the staff overview counts them.
    is_staff: bool,
    moments_waiting: i64,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    user: Option<axum::Extension<CurrentUser>>,
) -> AppResult<Response> {
    let is_staff = user.is_some_and(|axum::Extension(u)| u.person.is_staff());
    let moments_waiting = if is_staff {
        state.db.run(Moment::queue_count).await?
    } else {
        0
    };
    render(&HomePage {
        ctx,
        is_staff,
        moments_waiting,
    })
}
