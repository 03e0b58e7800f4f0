//! «Handläggning»: the staff's queues, moment review, the final review and the
//! decisions on a certificate after issue.
//!
//! The handlers parse the forms and render the pages; every change is one function of
//! `app` (`app::review`, `app::decisions`), which checks the role, the impartiality rules
//! and the case's state once, in its transaction. The pages ask the same rules only to
//! decide what to offer, from what they already read.

pub mod companies_at_risk;
mod final_review;
mod life;
mod moments;

// The form types, for `crate::form_types`.
pub(crate) use final_review::{IssueForm, RejectForm};
pub(crate) use life::{DecideForm, PaperForm};
pub(crate) use moments::ReviewForm;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use store::models::case::Case;
use store::models::moment::Moment;
use store::models::person::Person;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::FormErrors;
use crate::render::render;
use crate::state::AppState;

/// The longest comment or reason we keep (the database's CHECK says the same).
pub const MAX_TEXT: usize = domain::text::COMMENT_MAX;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(overview))
        .route("/staff/moments", get(moments::queue))
        .route("/staff/moments/{id}", get(moments::show))
        .route("/staff/moments/{id}/review", post(moments::review))
        .route("/staff/cases", get(final_review::queue))
        .route("/staff/cases/{id}", get(final_review::show))
        .route("/staff/cases/{id}/issue", post(final_review::issue))
        .route(
            "/staff/cases/{id}/reject",
            get(final_review::show_reject).post(final_review::reject),
        )
        .route("/staff/cases/{id}/annual", post(life::register_paper))
        .route(
            "/staff/cases/{id}/suspend",
            life::route(life::Action::Suspend),
        )
        .route("/staff/cases/{id}/lift", life::route(life::Action::Lift))
        .route(
            "/staff/cases/{id}/withdraw",
            life::route(life::Action::Withdraw),
        )
        .route("/staff/cases/{id}/scope", life::route(life::Action::Scope))
        .route("/staff/suspensions", get(life::suspensions))
}

pub(crate) use crate::cases::certificate_title;
pub(crate) use crate::paging::{page_no, PER_PAGE};

/// The person's personnummer as the staff pages show it («YYYYMMDD-NNNN»), or nothing.
pub(crate) fn personnummer_of(person: &Person) -> String {
    person
        .personnummer
        .as_deref()
        .and_then(domain::identifiers::Personnummer::from_stored)
        .map(|p| p.display())
        .unwrap_or_default()
}

/// Checks a one-line text a form needs (no line breaks, control or invisible
/// characters, at most `max` characters); returns it trimmed.
pub(crate) fn required_text(
    errors: &mut FormErrors,
    ctx: &Ctx,
    field: &str,
    value: &str,
    empty_key: &str,
    max: usize,
) -> String {
    crate::forms::required_line(errors, ctx, field, value, max, empty_key)
}

/// Checks a comment or reason a form needs: several lines may be, but no control or
/// invisible characters, and at most [`MAX_TEXT`] characters; returns it trimmed, with
/// its line breaks as `\n`.
pub(crate) fn required_comment(
    errors: &mut FormErrors,
    ctx: &Ctx,
    field: &str,
    value: &str,
    empty_key: &str,
) -> String {
    if value.trim().is_empty() {
        errors.add(field, ctx.t(empty_key));
    }
    crate::forms::multi_line(errors, ctx, field, value, MAX_TEXT)
}

#[derive(Template)]
#[template(path = "staff/overview.html")]
struct OverviewPage {
    ctx: Ctx,
    moments_waiting: i64,
    cases_ready: i64,
    suspensions_ending: i64,
    is_beslutsfattare: bool,
}

/// GET /staff: the two queues and how much is waiting in each.
pub async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let today = app::today();
    let (moments_waiting, cases_ready, suspensions_ending) = state
        .db
        .run(move |c| {
            let m = Moment::queue_count(c)?;
            let k = Case::ready_count(c)?;
            let s = Case::suspensions_ending_count(c, today)?;
            Ok((m, k, s))
        })
        .await?;
    render(&OverviewPage {
        ctx,
        moments_waiting,
        cases_ready,
        suspensions_ending,
        is_beslutsfattare: user.person.is_beslutsfattare,
    })
}
