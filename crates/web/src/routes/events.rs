//! «Händelselogg» in the main menu: every event about the signed-in person, newest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use store::models::event::{Event, EventRow};
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

pub use crate::paging::PER_PAGE;

pub use crate::paging::PageQuery;

#[derive(Template)]
#[template(path = "events.html")]
struct EventsPage {
    ctx: Ctx,
    page: Page<EventRow>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let n = crate::paging::page_no(&q.page);
    let page = state
        .db
        .run_short(move |c| Event::for_person(c, &pid, n, PER_PAGE))
        .await?;
    render(&EventsPage { ctx, page })
}
