//! «Glömt lösenord»: the form that asks for a link, and the page the link opens to set a
//! new password (`app::accounts::request_password_reset` and `reset_password`).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::RuleError;
use serde::Deserialize;

use crate::auth::password;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    ctx: Ctx,
    email: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "forgot_sent.html")]
struct ForgotSentPage {
    ctx: Ctx,
}

pub async fn show_forgot(ctx: Ctx) -> AppResult<Response> {
    render(&ForgotPage {
        ctx,
        email: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn forgot_sent(ctx: Ctx) -> AppResult<Response> {
    render(&ForgotSentPage { ctx })
}

/// The same answer whether or not the address has an account.
pub async fn submit_forgot(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ForgotForm>,
) -> AppResult<Response> {
    let email = match domain::email::Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add("email", ctx.t(e.message_key()));
            return Ok(with_errors(render(&ForgotPage {
                ctx,
                email: form.email,
                errors,
            })?));
        }
    };
    let base = state.config.base_url.clone();
    state
        .db
        .run(move |c| {
            Ok(app::accounts::request_password_reset(
                c,
                &email,
                &base,
                store::now(),
            ))
        })
        .await??;
    Ok(Redirect::to("/password/forgot/sent").into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetQuery {
    token: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    valid: bool,
    errors: FormErrors,
}

/// The page of a link that no longer works (400): ask for a new one.
fn link_unusable(ctx: Ctx, token: String) -> AppResult<Response> {
    let mut r = render(&ResetPage {
        ctx,
        token,
        valid: false,
        errors: FormErrors::default(),
    })?;
    *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
    Ok(r)
}

pub async fn show_reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ResetQuery>,
) -> AppResult<Response> {
    let token = q.token.clone();
    let valid = state
        .db
        .run(move |c| app::accounts::reset_link_person(c, &token))
        .await?
        .is_some();
    render(&ResetPage {
        ctx,
        token: q.token,
        valid,
        errors: FormErrors::default(),
    })
}

pub async fn submit_reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    let token = form.token.clone();
    let person = state
        .db
        .run(move |c| app::accounts::reset_link_person(c, &token))
        .await?;
    let Some(person) = person else {
        return link_unusable(ctx, form.token);
    };
    let local = person.email.split('@').next().unwrap_or("").to_string();
    if let Err(e) = domain::password::check_password(
        &form.password,
        &[&local, &person.first_name, &person.last_name],
    ) {
        let mut errors = FormErrors::default();
        errors.add("password", ctx.t(e.message_key()));
        return Ok(with_errors(render(&ResetPage {
            ctx,
            token: form.token,
            valid: true,
            errors,
        })?));
    }
    let new_hash = password::hash(form.password).await?;
    let token = form.token;
    let outcome = state
        .db
        .run(move |c| Ok(app::accounts::reset_password(c, &token, &new_hash)))
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_flash(
            "/login",
            "password-reset",
            state.config.secure_cookies(),
        )),
        // Used meanwhile, by another tab or another person with the link.
        Err(app::Error::Rule(RuleError::LinkUnusable)) => link_unusable(ctx, String::new()),
        Err(e) => Err(e.into()),
    }
}
