//! «Visa certifieringsprocess»: the case page with the five-step bar, the «Information»
//! panel, the ⚠ attestation notice, and the tabs «Moment» and «Händelselogg».

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::certification::{CaseFacts, STEPS};
use store::models::case::{Case, CaseRow, PageCase};
use store::models::decision::DecisionRow;
use store::models::event::{Event, EventRow};
use store::models::life::AnnualAttestation;
use store::models::moment::{Moment, MomentRow};
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
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
    /// Beside each exam moment: the latest result and «Boka prov».
    exam_notes: Vec<crate::routes::exams::ExamNote>,
    page: Page<EventRow>,
    case_id: String,
    events_base: String,
    life: Life,
}

/// The certificate's life after issue as the «Information» panel shows it.
#[derive(Default)]
pub struct Life {
    /// The next «Årlig förlängning» and its tag when open or overdue.
    annual_due: Option<time::Date>,
    annual_tag: Option<(&'static str, String)>,
    /// The holder may give the yearly attestation as self-employed now.
    may_attest_self: bool,
    /// The holder is employed and the attestation is open: the employer attests.
    employer_attests: bool,
    /// «Ansök om omcertifiering» is offered.
    may_recertify: bool,
    /// The case that recertifies this certificate: issued («Omcertifierad») or applied for.
    renewed_by: Option<String>,
    renewal_open: Option<String>,
    /// The certificate this case recertifies: its case and number.
    renews: Option<(String, String)>,
    attestations: Vec<AnnualAttestation>,
    /// The decisions after issue, newest first.
    decisions: Vec<DecisionRow>,
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
    let case_id = id.clone();
    let (person_id, is_staff) = (user.person.id.clone(), user.person.is_staff());
    let actor = user.actor();
    let today = app::today();
    let lang = ctx.lang;
    let catalogue = state.catalogue.clone();
    // The case, who may see it, and all the page shows, in one pool round trip.
    let found = state
        .db
        .run_short(move |c| {
            // The moments tab (the page's first) shows the moments; the others need only
            // their statuses. On PostgreSQL the case comes with the moments, or with
            // their statuses, in one statement: a round trip fewer. On SQLite, where a
            // statement is a call, the case's columns would be decoded once per moment.
            let (found, moments, statuses) = match (c.is_postgres(), tab == "moments") {
                (true, true) => match Case::find_for_page_with_moments(c, &catalogue, &case_id)? {
                    Some((found, moments)) => (found, Some(moments), None),
                    None => return Ok(None),
                },
                (true, false) => {
                    match Case::find_for_page_with_statuses(c, &catalogue, &case_id)? {
                        Some((found, statuses)) => (found, None, Some(statuses)),
                        None => return Ok(None),
                    }
                }
                (false, _) => match Case::find_for_page(c, &catalogue, &case_id)? {
                    Some(found) => (found, None, None),
                    None => return Ok(None),
                },
            };
            if !crate::cases::may_see(&found.row, &person_id, is_staff) {
                return Ok(None);
            }
            let case = &found.row.case;
            let is_owner = case.person_id == person_id;
            let life = life(c, &actor, &found, is_owner, today)?;
            let moments = match moments {
                Some(moments) => moments,
                None if tab == "moments" => Moment::for_case(c, &catalogue, &case_id)?,
                None => vec![],
            };
            let statuses = match statuses {
                Some(statuses) => statuses,
                None if tab == "moments" => moments.iter().map(|m| m.moment.status).collect(),
                None => Moment::statuses(c, &case_id)?,
            };
            let f = app::cases::facts_read(&found, statuses);
            let row = found.row;
            let case = &row.case;
            let exam_notes =
                crate::routes::exams::moment_notes(c, lang, &case.person_id, &moments)?;
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
            Ok(Some((row, f, moments, exam_notes, events, life)))
        })
        .await?;
    let (row, f, moments, exam_notes, events, mut life) = found.ok_or(AppError::NotFound)?;
    let is_owner = row.case.person_id == user.person.id;
    let may_recertify = is_owner && app::life::may_apply_recertification(&row, today);
    // Not while the application it opened is under way.
    life.may_recertify = may_recertify && life.renewal_open.is_none();
    let (annual_due, annual_tag) =
        crate::routes::certificates::annual_column(&ctx, &row.case, today);
    life.annual_due = annual_due;
    life.annual_tag = annual_tag;
    let lang = ctx.lang.code();
    let heading = format!(
        "{}: {}",
        row.person_name,
        crate::cases::certificate_title(&row.area, &row.cert_type, lang)
    );
    let (steps, current_step) = steps(&ctx, &f);
    render(&CasePage {
        life,
        must_attest: is_owner && f.must_attest(),
        can_upload: is_owner && f.status.is_open(),
        is_owner,
        heading,
        steps,
        current_step,
        tab,
        moments,
        exam_notes,
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

/// What the page shows of the certificate's life, read in the page's round trip.
fn life(
    c: &mut store::DbConn,
    actor: &app::Actor,
    found: &PageCase,
    is_owner: bool,
    today: time::Date,
) -> store::StoreResult<Life> {
    let case = &found.row.case;
    let mut life = Life::default();
    if let Some(old) = &case.renews_case_id {
        let number = Case::find(c, old)?
            .and_then(|o| o.certificate_number)
            .unwrap_or_default();
        life.renews = Some((old.clone(), number));
    }
    if case.certificate_number.is_none() || case.status.is_open() {
        return Ok(life);
    }
    life.renewed_by = case.renewed_by_case_id.clone();
    if life.renewed_by.is_none() {
        life.renewal_open = found.open_renewal.clone();
    }
    // Read only when the case's statement found some: each is a round trip.
    if found.annual_attested {
        life.attestations = AnnualAttestation::for_case(c, &case.id)?;
    }
    if found.decided_after_issue {
        life.decisions = store::models::decision::for_case(c, &case.id)?
            .into_iter()
            .filter(|d| d.kind.is_after_issue())
            .collect();
    }
    if is_owner {
        let annual = app::life::holder_annual(c, actor, case, today)?;
        life.may_attest_self = annual.may_attest_self;
        life.employer_attests = annual.employer_attests;
    }
    Ok(life)
}
