//! «Visa certifieringsprocess»: the case page with the five-step bar, the «Information»
//! panel, the ⚠ attestation notice, and the tabs «Moment» and «Händelselogg».

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::certification::{CaseFacts, STEPS};
use store::models::case::CaseRow;
use store::models::event::{Event, EventRow};
use store::models::moment::{Moment, MomentRow};
use store::models::Page;

use crate::auth::User;
use crate::cases::{facts, visible_case};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::routes::events::PageQuery;
use crate::state::AppState;

pub struct StepView {
    pub number: usize,
    pub label: String,
    pub done: bool,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    ctx: Ctx,
    row: CaseRow,
    heading: String,
    steps: Vec<StepView>,
    current_step: String,
    must_attest: bool,
    is_owner: bool,
    can_upload: bool,
    tab: &'static str,
    moments: Vec<MomentRow>,
    page: Page<EventRow>,
    case_id: String,
    events_base: String,
}

fn steps(ctx: &Ctx, f: &CaseFacts) -> (Vec<StepView>, String) {
    let current = f.current_step();
    let views = STEPS
        .into_iter()
        .map(|s| StepView {
            number: s.number(),
            label: ctx.t(s.label_key()),
            done: f.is_done(s),
            current: Some(s) == current,
        })
        .collect();
    let summary = match current {
        Some(s) => ctx.t2(
            "step-of",
            "step",
            s.number().to_string(),
            "name",
            ctx.t(s.label_key()),
        ),
        None => ctx.t("steps-all-done"),
    };
    (views, summary)
}

async fn page(
    state: AppState,
    ctx: Ctx,
    user: crate::auth::CurrentUser,
    id: String,
    tab: &'static str,
    page_no: i64,
) -> AppResult<Response> {
    let row = visible_case(&state, &user, id.clone()).await?;
    let case = row.case.clone();
    let case_id = id.clone();
    let (f, moments, events) = state
        .db
        .run(move |c| {
            let f = facts(c, &case)?;
            let moments = if tab == "moments" {
                Moment::for_case(c, &case_id)?
            } else {
                vec![]
            };
            let events = if tab == "events" {
                Event::for_case(c, &case_id, page_no, crate::routes::events::PER_PAGE)?
            } else {
                Page {
                    items: vec![],
                    total: 0,
                    page: 1,
                    per_page: 1,
                }
            };
            Ok((f, moments, events))
        })
        .await?;
    let lang = ctx.lang.code();
    let heading = format!(
        "{}: {}",
        row.person_name,
        crate::cases::certificate_title(&row.area, &row.cert_type, lang)
    );
    let (steps, current_step) = steps(&ctx, &f);
    let is_owner = row.case.person_id == user.person.id;
    render(&CasePage {
        must_attest: is_owner && f.must_attest(),
        can_upload: is_owner && f.status.is_open(),
        is_owner,
        heading,
        steps,
        current_step,
        tab,
        moments,
        page: events,
        events_base: format!("/cases/{id}/events?"),
        case_id: id,
        row,
        ctx,
    })
}

pub async fn moments(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    page(state, ctx, user, id, "moments", 1).await
}

pub async fn events(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    page(
        state,
        ctx,
        user,
        id,
        "events",
        crate::paging::page_no(&q.page),
    )
    .await
}
