//! The decision makers' queue: complete cases waiting for the final review, oldest
//! change first.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use store::models::case::Case;
use store::models::Page;
use time::PrimitiveDateTime;

use super::super::{certificate_title, page_no, PER_PAGE};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::paging::PageQuery;
use crate::render::render;
use crate::state::AppState;

struct ReadyItem {
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    updated_at: PrimitiveDateTime,
}

#[derive(Template)]
#[template(path = "staff/cases.html")]
struct QueuePage {
    ctx: Ctx,
    items: Vec<ReadyItem>,
    page: Page<()>,
}

/// GET /staff/cases: complete cases waiting for the final review, oldest change first.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let n = page_no(&q.page);
    let catalogue = state.catalogue.clone();
    let found = state
        .db
        .run(move |c| Case::ready_for_decision(c, &catalogue, n, PER_PAGE))
        .await?;
    let lang = ctx.lang.code();
    let items = found
        .items
        .iter()
        .map(|r| ReadyItem {
            case_id: r.case.id.clone(),
            case_number: r.case.number,
            person_name: r.person_name.clone(),
            certificate: certificate_title(&r.area, &r.cert_type, lang),
            updated_at: r.case.updated_at,
        })
        .collect();
    render(&QueuePage {
        ctx,
        items,
        page: Page {
            items: vec![],
            total: found.total,
            page: found.page,
            per_page: found.per_page,
        },
    })
}
