//! The start page: for a visitor, what the portal is and the way in; for a signed-in
//! person, their main menu, and the company pages of the companies they administer.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::models::company::Company;

use crate::auth::CurrentUser;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    companies: Vec<Company>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    user: Option<axum::Extension<CurrentUser>>,
) -> AppResult<Response> {
    let companies = match user {
        Some(axum::Extension(u)) => {
            let pid = u.person.id.clone();
            state
                .db
                .run(move |c| Company::administered_by(c, &pid))
                .await?
        }
        None => vec![],
    };
    render(&HomePage { ctx, companies })
}
