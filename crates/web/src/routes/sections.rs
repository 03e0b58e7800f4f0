//! Menu sections whose content arrives with later work: each shows its heading and an
//! empty state that says what will be here, behind the right role check.

use askama::Template;
use axum::response::Response;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;

#[derive(Template)]
#[template(path = "section.html")]
struct SectionPage {
    ctx: Ctx,
    heading_key: &'static str,
    empty_key: &'static str,
}

fn section(ctx: Ctx, heading_key: &'static str, empty_key: &'static str) -> AppResult<Response> {
    render(&SectionPage {
        ctx,
        heading_key,
        empty_key,
    })
}

pub async fn exams(ctx: Ctx, User(_user): User) -> AppResult<Response> {
    section(ctx, "nav-exams", "exams-empty")
}
