//! «Anställningar»: the person's employments and the companies they administer,
//! «Ny Anställning» by exact organisationsnummer (`new`), and ending an employment
//! (`end`, whose page and date handling the company page shares).

pub mod end;
pub mod new;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::models::employment::{AtCompany, Employment};

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

pub use end::{end, show_end};
pub use new::{create, show_new};

#[derive(Template)]
#[template(path = "employments.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<AtCompany>,
}

/// «Anställningar». The companies the person administers, listed below their employments,
/// are the menu's: the session's round trip has read them already.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let rows = state
        .db
        .run_short(move |c| Employment::for_person(c, &pid))
        .await?;
    render(&ListPage { ctx, rows })
}
