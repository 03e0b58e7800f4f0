//! «Suspensioner som löper ut»: suspended certificates whose suspension has reached its
//! end without a decision, the longest overdue first. Nothing is withdrawn or lifted
//! without a decision maker: the queue only shows them.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use store::models::case::Case;
use store::models::Page;
use time::Date;

use super::super::{certificate_title, page_no, PER_PAGE};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::paging::PageQuery;
use crate::render::render;
use crate::state::AppState;

struct SuspensionItem {
    case_id: String,
    holder: String,
    certificate: String,
    number: String,
    suspended_until: Option<Date>,
}

#[derive(Template)]
#[template(path = "staff/suspensions.html")]
struct SuspensionsPage {
    ctx: Ctx,
    items: Vec<SuspensionItem>,
    page: Page<()>,
}

/// GET /staff/suspensions: the queue, a page of it.
pub async fn suspensions(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let n = page_no(&q.page);
    let today = app::today();
    let found = state
        .db
        .run(move |c| Case::suspensions_ending(c, today, n, PER_PAGE))
        .await?;
    let lang = ctx.lang.code();
    let items = found
        .items
        .iter()
        .map(|r| SuspensionItem {
            case_id: r.case.id.clone(),
            holder: r.person_name.clone(),
            certificate: certificate_title(&r.area, &r.cert_type, lang),
            number: r.case.certificate_number.clone().unwrap_or_default(),
            suspended_until: r.case.suspended_until,
        })
        .collect();
    render(&SuspensionsPage {
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
