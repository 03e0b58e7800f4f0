//! «Suspendera», «Häv suspension», «Återkalla» and «Begränsa omfattning»: each on a
//! confirmation page of its own that names the holder, the certificate and what will
//! happen, with a required reason; checked here field by field and then handed to
//! `app::life::decide_after_issue`, which applies every rule once, in its transaction.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::Form;
use domain::certification::life::check_suspension_end;
use domain::certification::{check_not_own_case, CaseStatus, RuleError};
use serde::Deserialize;
use store::models::case::{Case, CaseRow};
use store::models::person::Person;
use time::Date;

use super::super::{certificate_title, personnummer_of, required_comment};
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;
use app::life::AfterIssue;

/// A decision after issue, as the staff pages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Suspend,
    Lift,
    Withdraw,
    Scope,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::Suspend,
        Action::Lift,
        Action::Withdraw,
        Action::Scope,
    ];

    /// The last segment of its page's path.
    pub fn slug(self) -> &'static str {
        match self {
            Action::Suspend => "suspend", // not a status: a path segment
            Action::Lift => "lift",
            Action::Withdraw => "withdraw", // not a status: a path segment
            Action::Scope => "scope",
        }
    }

    /// Whether a certificate in `status` takes this decision: the transitions of
    /// `CaseStatus`, as `app` applies them.
    pub fn allowed(self, status: CaseStatus) -> Result<(), RuleError> {
        match self {
            Action::Suspend => status.after_suspend().map(drop),
            Action::Lift => status.after_lift().map(drop),
            Action::Withdraw => status.after_withdraw().map(drop),
            Action::Scope => status.check_live(),
        }
    }

    pub(super) fn link_key(self) -> &'static str {
        match self {
            Action::Suspend => "staff-suspend-link",
            Action::Lift => "staff-lift-link",
            Action::Withdraw => "staff-withdraw-link",
            Action::Scope => "staff-scope-link",
        }
    }

    fn heading_key(self) -> &'static str {
        match self {
            Action::Suspend => "staff-suspend-heading",
            Action::Lift => "staff-lift-heading",
            Action::Withdraw => "staff-withdraw-heading",
            Action::Scope => "staff-scope-heading",
        }
    }

    fn warning_key(self) -> &'static str {
        match self {
            Action::Suspend => "staff-suspend-warning",
            Action::Lift => "staff-lift-warning",
            Action::Withdraw => "staff-withdraw-warning",
            Action::Scope => "staff-scope-warning",
        }
    }

    fn submit_key(self) -> &'static str {
        match self {
            Action::Suspend => "staff-suspend-submit",
            Action::Lift => "staff-lift-submit",
            Action::Withdraw => "staff-withdraw-submit",
            Action::Scope => "staff-scope-submit",
        }
    }

    fn flash_key(self) -> &'static str {
        match self {
            Action::Suspend => "staff-certificate-suspended",
            Action::Lift => "staff-suspension-lifted",
            Action::Withdraw => "staff-certificate-withdrawn",
            Action::Scope => "staff-scope-reduced",
        }
    }

    /// A decision that takes the certificate out of use gets the red button.
    fn is_destructive(self) -> bool {
        matches!(self, Action::Suspend | Action::Withdraw)
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DecideForm {
    until: String,
    scope: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "staff/after_issue.html")]
struct DecidePage {
    ctx: Ctx,
    case_id: String,
    action: Action,
    heading: String,
    warning: String,
    submit: String,
    destructive: bool,
    holder: String,
    personnummer: String,
    certificate: String,
    number: String,
    status: CaseStatus,
    valid_until: Option<Date>,
    suspended_until: Option<Date>,
    scope_note: String,
    latest_until: String,
    form: DecideForm,
    errors: FormErrors,
}

fn rule(e: RuleError) -> AppError {
    AppError::from(app::Error::from(e))
}

/// The confirmation page for a caller who may make this decision on this certificate
/// now; anyone else gets the refusal (403 for the role, the rule's text otherwise).
async fn decidable_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: String,
    action: Action,
    form: DecideForm,
    errors: FormErrors,
) -> AppResult<Response> {
    user.require_beslutsfattare()?;
    let (row, holder): (CaseRow, Person) = state
        .db
        .run(move |c| {
            let Some(row) = Case::find_row(c, &id)? else {
                return Ok(None);
            };
            Ok(Person::find(c, &row.case.person_id)?.map(|p| (row, p)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    check_not_own_case(user.id(), &row.case.person_id).map_err(rule)?;
    action.allowed(row.case.status).map_err(rule)?;
    let lang = ctx.lang.code();
    let case = &row.case;
    let latest_until = domain::certification::life::add_months(
        app::today(),
        domain::certification::life::MAX_SUSPENSION_MONTHS,
    );
    render(&DecidePage {
        case_id: case.id.clone(),
        action,
        heading: ctx.t(action.heading_key()),
        warning: ctx.t(action.warning_key()),
        submit: ctx.t(action.submit_key()),
        destructive: action.is_destructive(),
        holder: holder.full_name(),
        personnummer: personnummer_of(&holder),
        certificate: certificate_title(&row.area, &row.cert_type, lang),
        number: case.certificate_number.clone().unwrap_or_default(),
        status: case.status,
        valid_until: case.valid_until,
        suspended_until: case.suspended_until,
        scope_note: case.scope_note.clone(),
        latest_until: domain::stockholm::format_date(latest_until),
        form,
        errors,
        ctx,
    })
}

/// The routes of one decision: its confirmation page and the form it posts.
pub fn route(action: Action) -> MethodRouter<AppState> {
    get(
        move |s: State<AppState>, ctx: Ctx, user: User, id: Path<String>| {
            show_decide(s, ctx, user, id, action)
        },
    )
    .post(
        move |s: State<AppState>,
              ctx: Ctx,
              user: User,
              id: Path<String>,
              form: Form<DecideForm>| { decide(s, ctx, user, id, form, action) },
    )
}

/// GET /staff/cases/{id}/suspend|lift|withdraw|scope: the confirmation page.
async fn show_decide(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    action: Action,
) -> AppResult<Response> {
    decidable_page(
        &state,
        ctx,
        &user,
        id,
        action,
        DecideForm::default(),
        FormErrors::default(),
    )
    .await
}

/// «Suspenderad till»: a date after today and at most six months ahead.
fn suspension_end(ctx: &Ctx, errors: &mut FormErrors, value: &str, today: Date) -> Option<Date> {
    let message = match value.trim() {
        "" => ctx.t("staff-err-suspend-until-empty"),
        s => match crate::forms::date_field(s) {
            Err(crate::forms::DateError::Format) => ctx.t("staff-err-suspend-until-format"),
            Err(e) => ctx.t(e.message_key()),
            Ok(date) => match check_suspension_end(date, today) {
                Ok(()) => return Some(date),
                Err(e) => ctx.t(e.message_key()),
            },
        },
    };
    errors.add("until", message);
    None
}

/// POST /staff/cases/{id}/suspend|lift|withdraw|scope: the decision.
async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<DecideForm>,
    action: Action,
) -> AppResult<Response> {
    let today = app::today();
    let mut errors = FormErrors::default();
    // In the order of the form's fields, so the summary reads as the form does.
    let decision = match action {
        Action::Suspend => suspension_end(&ctx, &mut errors, &form.until, today)
            .map(|until| AfterIssue::Suspend { until }),
        Action::Lift => Some(AfterIssue::Lift),
        Action::Withdraw => Some(AfterIssue::Withdraw),
        Action::Scope => {
            let scope = required_comment(
                &mut errors,
                &ctx,
                "scope",
                &form.scope,
                "staff-err-scope-empty",
            );
            Some(AfterIssue::ReduceScope { scope })
        }
    };
    let reason = required_comment(
        &mut errors,
        &ctx,
        "reason",
        &form.reason,
        "staff-err-decision-reason-empty",
    );
    let decision = match decision {
        Some(d) if errors.is_empty() => d,
        _ => {
            // Back with the errors, unless the caller may not decide this at all.
            let page = decidable_page(&state, ctx, &user, id, action, form, errors).await?;
            return Ok(with_errors(page));
        }
    };
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::life::decide_after_issue(
                c, &actor, &case_id, &decision, &reason, today, &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        action.flash_key(),
        state.config.secure_cookies(),
    ))
}
