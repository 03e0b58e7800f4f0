//! The start page: for a visitor, what the portal is and the way in; for a signed-in
//! person, their main menu.

use askama::Template;
use axum::response::Response;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
}

pub async fn show(ctx: Ctx) -> AppResult<Response> {
    render(&HomePage { ctx })
}
