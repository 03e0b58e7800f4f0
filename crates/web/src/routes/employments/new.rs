//! «Ny Anställning»: the person finds their company by its exact organisationsnummer,
//! gives a start date and sends the request (`app::employments::request`).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::Form;
use domain::RuleError;
use serde::Deserialize;
use store::models::company::Company;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub orgnr: String,
    pub start_date: String,
    pub action: String,
}

#[derive(Template)]
#[template(path = "employment_new.html")]
struct NewPage {
    ctx: Ctx,
    form: NewForm,
    company: Option<Company>,
    errors: FormErrors,
}

pub async fn show_new(ctx: Ctx, User(_user): User) -> AppResult<Response> {
    render(&NewPage {
        ctx,
        form: NewForm::default(),
        company: None,
        errors: FormErrors::default(),
    })
}

/// The start date as a field error shows it, or the date. The rule is the one
/// `app::employments::request` applies; checking it here too lets the form show it
/// beside the company's error.
fn start_date(
    ctx: &Ctx,
    errors: &mut FormErrors,
    raw: &str,
    today: time::Date,
) -> Option<time::Date> {
    match crate::forms::date_field(raw) {
        Err(_) if raw.trim().is_empty() => errors.add("start_date", ctx.t("err-start-date-empty")),
        Err(e) => errors.add("start_date", ctx.t(e.message_key())),
        Ok(d) => match domain::employment::check_start_date(d, today) {
            Ok(d) => return Some(d),
            Err(e) => errors.add("start_date", ctx.t(e.message_key())),
        },
    }
    None
}

/// POST /employments/new: «Sök» (`action=search`) shows the company the number finds;
/// saving sends the request to the company's administrators.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    // Only an exact number finds a company: a name or part of a number finds nothing.
    let company = match domain::identifiers::Orgnr::parse(&form.orgnr) {
        Ok(o) => {
            let nr = o.as_str().to_string();
            let found = state
                .db
                .run(move |c| Company::find_by_orgnr(c, &nr))
                .await?;
            if found.is_none() {
                errors.add("orgnr", ctx.t("err-company-not-found-employment"));
            }
            found
        }
        Err(e) => {
            errors.add("orgnr", ctx.t(e.message_key()));
            None
        }
    };
    if form.action == "search" {
        let r = render(&NewPage {
            ctx,
            form,
            company,
            errors: errors.clone(),
        })?;
        return Ok(if errors.is_empty() { r } else { with_errors(r) });
    }
    let today = app::today();
    let start = start_date(&ctx, &mut errors, &form.start_date, today);
    let (Some(found), Some(start), true) = (&company, start, errors.is_empty()) else {
        return Ok(with_errors(render(&NewPage {
            ctx,
            form,
            company,
            errors,
        })?));
    };
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let company_id = found.id.clone();
    let outcome = state
        .db
        .run(move |c| {
            Ok(app::employments::request(
                c,
                &actor,
                &company_id,
                start,
                today,
                &base,
            ))
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_flash(
            "/employments",
            "employment-requested",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(e @ RuleError::EmploymentOpen)) => {
            errors.add("orgnr", ctx.t(e.message_key()));
            Ok(with_errors(render(&NewPage {
                ctx,
                form,
                company: None,
                errors,
            })?))
        }
        Err(app::Error::Rule(e @ RuleError::StartTooFar)) => {
            errors.add("start_date", ctx.t(e.message_key()));
            Ok(with_errors(render(&NewPage {
                ctx,
                form,
                company,
                errors,
            })?))
        }
        Err(e) => Err(e.into()),
    }
}
