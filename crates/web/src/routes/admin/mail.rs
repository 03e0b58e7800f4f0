//! «Utgående e-post» in «Administration»: the mail the worker gave up on (refused for
//! good by the mail server, or out of attempts), newest first, each with its last error
//! and «Skicka igen» (`app::outbox::send_again`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use store::models::outbox::Mail;
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::redirect_with_flash;
use crate::render::render;
use crate::state::AppState;

const PER_PAGE: i64 = 25;

#[derive(Template)]
#[template(path = "admin_mail.html")]
struct FailedMailPage {
    ctx: Ctx,
    page: Page<Mail>,
    queued: i64,
    page_base: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let n = crate::paging::page_no(&q.page);
    let (page, queued) = state
        .db
        .run(move |c| Ok((Mail::failed_page(c, n, PER_PAGE)?, Mail::pending_count(c)?)))
        .await?;
    render(&FailedMailPage {
        ctx,
        page,
        queued,
        page_base: "/admin/mail?".into(),
    })
}

/// «Skicka igen»: back in the queue, then back to the list (where it no longer is).
pub async fn send_again(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let actor = user.actor();
    state
        .db
        .run(move |c| Ok(app::outbox::send_again(c, &actor, &id)))
        .await??;
    Ok(redirect_with_flash(
        "/admin/mail",
        "mail-sent-again",
        state.config.secure_cookies(),
    ))
}
