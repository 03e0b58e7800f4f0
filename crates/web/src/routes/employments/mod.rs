//! «Anställningar»: the person's employments and the companies they administer,
//! «Ny Anställning» by exact organisationsnummer (`new`), and ending an employment
//! (`end`, whose page and date handling the company page shares).

pub mod end;
pub mod new;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::models::company::Company;
use store::models::employment::{Employment, WithCompany};

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
    rows: Vec<WithCompany>,
    administered: Vec<Company>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let (rows, administered) = state
        .db
        .run_short(move |c| {
            Ok((
                Employment::for_person(c, &pid)?,
                Company::administered_by(c, &pid)?,
            ))
        })
        .await?;
    render(&ListPage {
        ctx,
        rows,
        administered,
    })
}
