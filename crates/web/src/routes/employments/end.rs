//! «Avsluta anställning» from the person's side (/employments/{id}/end), and the page and
//! the end-date handling that the company administrator's side (the company page) shares.
//! The ending itself is `app::employments::end`, whoever asks.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::RuleError;
use serde::Deserialize;
use store::models::company::Company;
use store::models::employment::Employment;

use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    pub end_date: String,
}

#[derive(Template)]
#[template(path = "employment_end.html")]
pub struct EndPage {
    pub ctx: Ctx,
    pub action: String,
    pub back: String,
    pub person_name: String,
    pub company_name: String,
    pub end_date: String,
    pub errors: FormErrors,
}

/// Ends the employment on the date the form gives, through `app::employments::end`.
/// A date that is no date, or that the rules refuse (before the start, in the future),
/// comes back as the form's field errors; every other refusal is the handler's error.
pub async fn submit_end(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    employment_id: String,
    raw: &str,
) -> AppResult<Result<(), FormErrors>> {
    let mut errors = FormErrors::default();
    let end = match crate::forms::date_field(raw) {
        Ok(end) => end,
        Err(e) => {
            errors.add("end_date", ctx.t(e.message_key()));
            return Ok(Err(errors));
        }
    };
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let outcome = state
        .db
        .run(move |c| {
            Ok(app::employments::end(
                c,
                &actor,
                &employment_id,
                end,
                app::today(),
                &base,
            ))
        })
        .await?;
    match outcome {
        Ok(()) => Ok(Ok(())),
        Err(app::Error::Rule(e @ (RuleError::EndBeforeStart | RuleError::EndInFuture))) => {
            errors.add("end_date", ctx.t(e.message_key()));
            Ok(Err(errors))
        }
        Err(e) => Err(e.into()),
    }
}

/// The person's own employment and its company; anyone else's is "not found" here (a
/// company administrator ends it from the company page).
async fn own(state: &AppState, person_id: &str, id: String) -> AppResult<(Employment, Company)> {
    let pid = person_id.to_string();
    state
        .db
        .run(move |c| {
            let Some(e) = Employment::find(c, &id)?.filter(|e| e.person_id == pid) else {
                return Ok(None);
            };
            Ok(Company::find(c, &e.company_id)?.map(|co| (e, co)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show_end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (e, company) = own(&state, &user.person.id, id.clone()).await?;
    e.status.after_end().map_err(app::Error::from)?;
    render(&EndPage {
        action: format!("/employments/{id}/end"),
        back: "/employments".into(),
        person_name: user.person.full_name(),
        company_name: company.name,
        end_date: ctx.date(app::today()),
        errors: FormErrors::default(),
        ctx,
    })
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    let (_, company) = own(&state, &user.person.id, id.clone()).await?;
    if let Err(errors) = submit_end(&state, &ctx, &user, id.clone(), &form.end_date).await? {
        return Ok(with_errors(render(&EndPage {
            action: format!("/employments/{id}/end"),
            back: "/employments".into(),
            person_name: user.person.full_name(),
            company_name: company.name,
            end_date: form.end_date,
            errors,
            ctx,
        })?));
    }
    Ok(redirect_with_flash(
        "/employments",
        "employment-ended",
        state.config.secure_cookies(),
    ))
}
