//! «Årlig förlängning» on the person's and the company's pages: the holder's own
//! declaration as self-employed on the case page, and the company administrators'
//! «Intyga» for several employees at once, through a confirmation page that names each
//! holder and certificate (`app::life::{attest_self, attest_as_employer}`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::certification::life::check_annual_open;
use domain::certification::RuleError;
use store::models::case::{Case, CaseRow};
use store::models::employment::Employment;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// The most certificates one «Intyga» takes: the rows of a page, with room to spare.
const MAX_SELECTED: usize = 4 * crate::paging::PER_PAGE as usize;

/// POST /cases/{id}/annual: the holder, with no confirmed current employment, attests
/// their own yearly activity as self-employed.
pub async fn attest_self(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let today = app::today();
    let case_id = id.clone();
    state
        .db
        .run(move |c| Ok(app::life::attest_self(c, &actor, &case_id, today, &base)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/cases/{id}"),
        "annual-attested",
        state.config.secure_cookies(),
    ))
}

/// The checked case ids of a posted form (`case=…` once per checkbox), each once.
fn selected(fields: &[(String, String)]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (name, value) in fields {
        if name == "case" && !value.is_empty() && !ids.contains(value) {
            ids.push(value.clone());
        }
    }
    ids
}

/// One certificate on the confirmation page.
pub struct Selected {
    pub case_id: String,
    pub holder: String,
    pub title: String,
    pub number: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "company_annual_confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    company_id: String,
    company_name: String,
    rows: Vec<Selected>,
}

/// The company (the actor must administer it) and the chosen certificates: each one a
/// confirmed employee's, open for attestation today, and not the actor's own.
fn selection(
    c: &mut store::DbConn,
    actor: &app::Actor,
    company_id: &str,
    ids: &[String],
    today: time::Date,
) -> app::Result<(String, Vec<CaseRow>)> {
    let company = app::companies::administered(c, actor, company_id)?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        let row = Case::find_row(c, id)?.ok_or(app::Error::NotFound)?;
        if !Employment::is_confirmed_employee(c, &row.case.person_id, company_id)? {
            return Err(app::Error::NotFound);
        }
        if row.case.person_id == actor.id {
            return Err(RuleError::EmployerAttests.into());
        }
        row.case.status.after_annual_attestation()?;
        check_annual_open(row.case.annual_renewal_on, row.case.valid_until, today)?;
        rows.push(row);
    }
    Ok((company.name, rows))
}

/// The company page again with «Välj minst en person» on the checkboxes.
async fn nothing_checked(
    state: AppState,
    ctx: Ctx,
    user: crate::auth::CurrentUser,
    company_id: String,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    errors.add("annual", ctx.t("err-annual-none-selected"));
    Ok(with_errors(
        crate::routes::company_page::page(
            state,
            ctx,
            user,
            company_id,
            crate::routes::company_page::Pages::first(),
            errors,
        )
        .await?,
    ))
}

/// POST /companies/{id}/annual: the checked rows of «Årlig förlängning» → the
/// confirmation page naming each of them.
pub async fn select(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(company_id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ids = selected(&fields);
    if ids.len() > MAX_SELECTED {
        return Err(AppError::BadRequest("err-annual-too-many"));
    }
    let actor = user.actor();
    let today = app::today();
    let (cid, chosen) = (company_id.clone(), ids.clone());
    let (company_name, rows) = state
        .db
        .run(move |c| Ok(selection(c, &actor, &cid, &chosen, today)))
        .await??;
    if ids.is_empty() {
        return nothing_checked(state, ctx, user, company_id).await;
    }
    let lang = ctx.lang.code();
    let rows = rows
        .into_iter()
        .map(|r| Selected {
            title: crate::cases::certificate_title(&r.area, &r.cert_type, lang),
            number: r.case.certificate_number.clone().unwrap_or_default(),
            due: r
                .case
                .annual_renewal_on
                .map(|d| ctx.date(d))
                .unwrap_or_default(),
            holder: r.person_name,
            case_id: r.case.id,
        })
        .collect();
    render(&ConfirmPage {
        ctx,
        company_id,
        company_name,
        rows,
    })
}

/// POST /companies/{id}/annual/confirm: «Intyga» on the confirmation page, all or none.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(company_id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let ids = selected(&fields);
    if ids.len() > MAX_SELECTED {
        return Err(AppError::BadRequest("err-annual-too-many"));
    }
    if ids.is_empty() {
        return nothing_checked(state, ctx, user, company_id).await;
    }
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let today = app::today();
    let cid = company_id.clone();
    state
        .db
        .run(move |c| {
            // The same checks as the confirmation page, so both steps refuse alike; the
            // application function checks again inside its transaction.
            let attest = |c: &mut store::DbConn| {
                selection(c, &actor, &cid, &ids, today)?;
                app::life::attest_as_employer(c, &actor, &cid, &ids, today, &base)
            };
            Ok(attest(c))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/companies/{company_id}"),
        "annual-attested-employer",
        state.config.secure_cookies(),
    ))
}
