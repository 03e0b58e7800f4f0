//! «Företag i riskzonen»: the staff's list of companies whose company certificate is at
//! risk (the last qualifying employee went). A reading page of «Handläggning»; the
//! standing itself is kept by `app::standing`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use store::models::company::Company;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "companies_at_risk.html")]
struct AtRiskPage {
    ctx: Ctx,
    companies: Vec<Company>,
}

/// GET /staff/companies-at-risk: most recently at risk first.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let companies = state.db.run(Company::at_risk).await?;
    render(&AtRiskPage { ctx, companies })
}
