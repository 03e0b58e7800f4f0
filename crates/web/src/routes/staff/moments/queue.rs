//! The officers' queue of moments «Inväntar granskning», oldest first, filtered by
//! «Teknikområde» and «Certifikat».

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use store::models::catalog::{Area, CertificateType};
use store::models::moment::{Moment, QueueFilter};
use store::models::Page;
use time::PrimitiveDateTime;

use super::super::{certificate_title, page_no, PER_PAGE};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    area: String,
    #[serde(rename = "type")]
    cert_type: String,
    page: String,
}

/// One option of a filter select.
struct Choice {
    id: String,
    label: String,
    selected: bool,
}

/// One row of the queue.
struct QueueItem {
    moment_id: String,
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    moment_name: String,
    waiting_since: Option<PrimitiveDateTime>,
}

#[derive(Template)]
#[template(path = "staff/moments.html")]
struct QueuePage {
    ctx: Ctx,
    areas: Vec<Choice>,
    types: Vec<Choice>,
    items: Vec<QueueItem>,
    page: Page<()>,
    page_base: String,
    filtered: bool,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// GET /staff/moments: moments «Inväntar granskning», oldest first.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let filter = QueueFilter {
        area_id: non_empty(&q.area),
        type_id: non_empty(&q.cert_type),
    };
    let n = page_no(&q.page);
    let f = filter.clone();
    let (areas, types, found) = state
        .db
        .run(move |c| {
            Ok((
                Area::all(c)?,
                CertificateType::all(c)?,
                Moment::review_queue(c, &f, n, PER_PAGE)?,
            ))
        })
        .await?;
    let lang = ctx.lang.code();
    let area_choices = areas
        .iter()
        .map(|a| Choice {
            id: a.id.clone(),
            label: a.name(lang).to_string(),
            selected: filter.area_id.as_deref() == Some(a.id.as_str()),
        })
        .collect();
    let type_choices = types
        .iter()
        .map(|t| Choice {
            id: t.id.clone(),
            label: t.name(lang).to_string(),
            selected: filter.type_id.as_deref() == Some(t.id.as_str()),
        })
        .collect();
    let items = found
        .items
        .iter()
        .map(|r| QueueItem {
            moment_id: r.moment.id.clone(),
            case_id: r.moment.case_id.clone(),
            case_number: r.case_number,
            person_name: r.person_name.clone(),
            certificate: certificate_title(&r.area, &r.cert_type, lang),
            moment_name: r.template.name(lang).to_string(),
            waiting_since: r.moment.awaiting_since,
        })
        .collect();
    let page_base = format!(
        "/staff/moments?area={}&type={}&",
        crate::auth::user::urlencode(filter.area_id.as_deref().unwrap_or("")),
        crate::auth::user::urlencode(filter.type_id.as_deref().unwrap_or(""))
    );
    render(&QueuePage {
        ctx,
        areas: area_choices,
        types: type_choices,
        items,
        page: Page {
            items: vec![],
            total: found.total,
            page: found.page,
            per_page: found.per_page,
        },
        page_base,
        filtered: filter.area_id.is_some() || filter.type_id.is_some(),
    })
}
