//! «Administration»: the companies (search and list here), registering and editing one
//! (`companies`, with the form in `company_form`), and appointing and removing its
//! company administrators (`admins`), and «Utgående e-post», the mail that could not be
//! delivered (`mail`). Every page is for an «Administratör»; the changes
//! themselves are `app::companies`'s.

pub mod admins;
pub mod companies;
pub mod company_form;
pub mod mail;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use store::models::company::Company;
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    ctx: Ctx,
    page: Page<Company>,
    q: String,
    page_base: String,
    /// Mail waiting to go out, and mail given up on («Utgående e-post»).
    mail_queued: i64,
    mail_failed: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: String,
}

/// «Administration»: the companies, searchable by name or organisationsnummer.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let n = crate::paging::page_no(&q.page);
    let search = q.q.clone();
    let orgnr = domain::identifiers::Orgnr::parse(&q.q)
        .ok()
        .map(|o| o.as_str().to_string());
    let store::models::company::AdminList {
        page,
        mail_queued,
        mail_failed,
    } = state
        .db
        .run(move |c| Company::list_for_admin(c, &search, orgnr.as_deref(), n, 25))
        .await?;
    let page_base = format!("/admin?q={}&", crate::auth::user::urlencode(&q.q));
    render(&AdminPage {
        ctx,
        page,
        q: q.q,
        page_base,
        mail_queued,
        mail_failed,
    })
}
