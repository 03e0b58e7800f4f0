//! «Handläggning»: the staff's queues, moment review and the final review.
//!
//! Every handler checks the role on the server: case officers (and decision makers and
//! administrators) see the queues and review moments; only decision makers issue or
//! reject. Every change goes through one write transaction with its event and e-mail;
//! a rule that refuses inside the transaction rolls it back (see [`TxError`]), so a
//! refused issue never uses up a certificate number.

mod cases;
pub mod companies_at_risk;
mod moments;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use store::models::case::Case;
use store::models::moment::{Moment, QueueFilter};
use store::StoreError;

use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::render::render;
use crate::state::AppState;

/// The longest comment or reason we keep.
pub const MAX_TEXT: usize = 2000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(overview))
        .route("/staff/moments", get(moments::queue))
        .route("/staff/moments/{id}", get(moments::show))
        .route("/staff/moments/{id}/review", post(moments::review))
        .route("/staff/cases", get(cases::queue))
        .route("/staff/cases/{id}", get(cases::show))
        .route("/staff/cases/{id}/issue", post(cases::issue))
        .route(
            "/staff/cases/{id}/reject",
            get(cases::show_reject).post(cases::reject),
        )
}

/// How a staff write transaction ends when it does not succeed: a rule refused (the
/// transaction is rolled back and the reader gets the rule's text, 409) or the store failed.
#[derive(Debug)]
pub(crate) enum TxError {
    Rule(&'static str),
    Store(StoreError),
}

impl From<store::DieselError> for TxError {
    fn from(e: store::DieselError) -> Self {
        TxError::Store(StoreError::from(e))
    }
}

impl From<StoreError> for TxError {
    fn from(e: StoreError) -> Self {
        TxError::Store(e)
    }
}

impl From<domain::certification::RuleError> for TxError {
    fn from(e: domain::certification::RuleError) -> Self {
        TxError::Rule(e.message_key())
    }
}

impl From<TxError> for AppError {
    fn from(e: TxError) -> Self {
        match e {
            TxError::Rule(key) => AppError::Rule(key),
            TxError::Store(e) => AppError::from(e),
        }
    }
}

/// Staff do not handle their own applications (impartiality): they act on them as the
/// applicant, never as officer or decision maker.
pub(crate) const OWN_CASE: &str = "staff-rule-own-case";

pub(crate) fn check_not_own(user: &CurrentUser, person_id: &str) -> AppResult<()> {
    if user.person.id == person_id {
        Err(AppError::Rule(OWN_CASE))
    } else {
        Ok(())
    }
}

pub(crate) use crate::paging::{page_no, PER_PAGE};

pub(crate) use crate::cases::certificate_title;

/// Writes to the case's person, in their language, with what every staff e-mail says
/// (name, certificate, case number, link) plus `extra`, which may depend on the language.
pub(crate) fn mail_case_person(
    c: &mut store::DbConn,
    row: &store::models::case::CaseRow,
    kind: impl std::fmt::Display,
    base_url: &str,
    extra: impl FnOnce(&str) -> Vec<(&'static str, String)>,
) -> Result<(), TxError> {
    let person = store::models::person::Person::find(c, &row.case.person_id)?
        .ok_or(TxError::Store(store::DieselError::NotFound.into()))?;
    let lang = person.language.as_str();
    let mut args = vec![
        ("name", person.first_name.clone()),
        (
            "certificate",
            certificate_title(&row.area, &row.cert_type, lang),
        ),
        ("case", row.case.number.to_string()),
        ("link", format!("{base_url}/cases/{}", row.case.id)),
    ];
    args.extend(extra(lang));
    crate::mail::enqueue(c, &person.email, crate::mail::lang_of(lang), kind, &args)?;
    Ok(())
}

#[derive(Template)]
#[template(path = "staff/overview.html")]
struct OverviewPage {
    ctx: Ctx,
    moments_waiting: i64,
    cases_ready: i64,
    is_beslutsfattare: bool,
}

/// GET /staff: the two queues and how much is waiting in each.
pub async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let (moments_waiting, cases_ready) = state
        .db
        .run(|c| {
            let m = Moment::review_queue(c, &QueueFilter::default(), 1, 1)?.total;
            let k = Case::ready_for_decision(c, 1, 1)?.total;
            Ok((m, k))
        })
        .await?;
    render(&OverviewPage {
        ctx,
        moments_waiting,
        cases_ready,
        is_beslutsfattare: user.person.is_beslutsfattare,
    })
}
