//! The officers' queue of moments «Inväntar granskning», oldest first, filtered by
//! «Teknikområde» and «Certifikat».

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use store::models::moment::{Moment, QueueFilter, QueueKey, QueueRow, Seek};
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
    /// «Nästa»: the page starts after this place in the queue (see `cursor`).
    after: String,
    /// «Föregående»: the page ends before this place in the queue.
    before: String,
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
    /// «Föregående» and «Nästa»: from the neighbouring row's place in the queue.
    prev_href: Option<String>,
    next_href: Option<String>,
    filtered: bool,
}

/// A place in the queue as a link carries it: the moment's time in the queue (nanoseconds
/// since 1970, exact) and its id, `1767225600000000000.0b6f…`.
fn cursor(key: &QueueKey) -> String {
    format!(
        "{}.{}",
        key.awaiting_since.assume_utc().unix_timestamp_nanos(),
        key.moment_id
    )
}

/// A place in the queue from a link; `None` for anything that is not one (a stale or
/// mistyped link then pages by number).
fn parse_cursor(raw: &str) -> Option<QueueKey> {
    let (nanos, id) = raw.trim().split_once('.')?;
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(nanos.parse().ok()?).ok()?;
    let is_id = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    is_id.then(|| QueueKey {
        awaiting_since: PrimitiveDateTime::new(at.date(), at.time()),
        moment_id: id.to_string(),
    })
}

fn key_of(row: &QueueRow) -> Option<QueueKey> {
    Some(QueueKey {
        awaiting_since: row.moment.awaiting_since?,
        moment_id: row.moment.id.clone(),
    })
}

/// How a page is read: from a neighbour's place when the link carries one (page 1 is
/// always read from the start).
fn seek_of(q: &QueueQuery, page: i64) -> Option<Seek> {
    if page <= 1 {
        return None;
    }
    parse_cursor(&q.after)
        .map(Seek::After)
        .or_else(|| parse_cursor(&q.before).map(Seek::Before))
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
    let seek = seek_of(&q, n);
    let catalogue = state.catalogue.clone();
    let found = state
        .db
        .run(move |c| {
            let mut found = Moment::review_queue(c, &catalogue, &f, n, PER_PAGE, seek.as_ref())?;
            // The queue moved under the link (moments reviewed meanwhile, a page that
            // would now start before the first): read the page by its number instead.
            let short = found.items.len() < PER_PAGE as usize;
            if seek.is_some() && (found.items.is_empty() || (short && n < found.pages())) {
                found = Moment::review_queue(c, &catalogue, &f, n, PER_PAGE, None)?;
            }
            Ok(found)
        })
        .await?;
    let (areas, types) = (&state.catalogue.areas, &state.catalogue.types);
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
    let page_base = format!(
        "/staff/moments?area={}&type={}&",
        crate::auth::user::urlencode(filter.area_id.as_deref().unwrap_or("")),
        crate::auth::user::urlencode(filter.type_id.as_deref().unwrap_or(""))
    );
    let last_page = found.pages();
    let prev_href = (n > 1).then(|| match found.items.first().and_then(key_of) {
        Some(k) if n > 2 => format!("{page_base}page={}&before={}", n - 1, cursor(&k)),
        _ => format!("{page_base}page={}", n - 1),
    });
    let next_href = (n < last_page).then(|| match found.items.last().and_then(key_of) {
        Some(k) => format!("{page_base}page={}&after={}", n + 1, cursor(&k)),
        None => format!("{page_base}page={}", n + 1),
    });
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
        prev_href,
        next_href,
        filtered: filter.area_id.is_some() || filter.type_id.is_some(),
    })
}
