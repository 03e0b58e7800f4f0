//! «Händelselogg» in the main menu: every event about the signed-in person, newest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use store::models::event::{Event, EventRow};
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

pub const PER_PAGE: i64 = 25;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub page: Option<i64>,
}

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
    let n = q.page.unwrap_or(1).max(1);
    let page = state
        .db
        .run(move |c| Event::for_person(c, &pid, n, PER_PAGE))
        .await?;
    render(&EventsPage { ctx, page })
}
