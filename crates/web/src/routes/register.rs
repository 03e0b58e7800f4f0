//! «Registrera konto»: the form, then the e-mailed link that verifies the address
//! (`app::accounts::register` and `verify_email`).
//!
//! A registration with a personnummer or address that already has an account shows the
//! same page as a new one (a stranger learns nothing); the application layer mails the
//! owner a notice instead.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Form;
use domain::RuleError;
use serde::Deserialize;

use crate::auth::password;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// Today's date in Sweden; kept here for the handlers that still import it from here.
pub use app::today;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub personnummer: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    ctx: Ctx,
    form: RegisterForm,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "register_sent.html")]
struct SentPage {
    ctx: Ctx,
}

pub async fn show(ctx: Ctx) -> AppResult<Response> {
    render(&RegisterPage {
        ctx,
        form: RegisterForm::default(),
        errors: FormErrors::default(),
    })
}

pub async fn sent(ctx: Ctx) -> AppResult<Response> {
    render(&SentPage { ctx })
}

/// A name field: trimmed, not empty, one line without control or invisible characters,
/// at most 100 characters (also «Visa person»).
pub fn check_name(
    errors: &mut FormErrors,
    ctx: &Ctx,
    field: &str,
    value: &str,
    empty_key: &str,
) -> String {
    // One visible line: a line break in a name wrote extra lines into e-mails about it.
    crate::forms::required_line(errors, ctx, field, value, domain::text::NAME_MAX, empty_key)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(mut form): Form<RegisterForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    let pnr = domain::identifiers::Personnummer::parse(&form.personnummer, app::today());
    if let Err(e) = &pnr {
        errors.add("personnummer", ctx.t(e.message_key()));
    }
    let first = check_name(
        &mut errors,
        &ctx,
        "first_name",
        &form.first_name,
        "err-first-name-empty",
    );
    let last = check_name(
        &mut errors,
        &ctx,
        "last_name",
        &form.last_name,
        "err-last-name-empty",
    );
    let email = domain::email::Email::parse(&form.email);
    if let Err(e) = &email {
        errors.add("email", ctx.t(e.message_key()));
    }
    let local = email
        .as_ref()
        .map(|e| e.local_part().to_string())
        .unwrap_or_default();
    if let Err(e) = domain::password::check_password(&form.password, &[&local, &first, &last]) {
        errors.add("password", ctx.t(e.message_key()));
    }
    let (Ok(personnummer), Ok(email), true) = (pnr, email, errors.is_empty()) else {
        form.password.clear();
        return Ok(with_errors(render(&RegisterPage { ctx, form, errors })?));
    };

    let new = app::accounts::NewAccount {
        personnummer,
        first_name: first,
        last_name: last,
        email,
        password_hash: password::hash(std::mem::take(&mut form.password)).await?,
        language: ctx.lang,
    };
    let base = state.config.base_url.clone();
    // A new account and one that exists already get the same answer, whether or not
    // the owner of the existing one was mailed (three notices an hour at most).
    state
        .db
        .run(move |c| Ok(app::accounts::register(c, new, &base, store::now())))
        .await??;
    Ok(axum::response::Redirect::to("/register/sent").into_response())
}

#[derive(Debug, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "verify_failed.html")]
struct VerifyFailedPage {
    ctx: Ctx,
    email: String,
    errors: FormErrors,
}

/// The link in the verification e-mail.
pub async fn verify(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VerifyQuery>,
) -> AppResult<Response> {
    let outcome = state
        .db
        .run(move |c| Ok(app::accounts::verify_email(c, &q.token)))
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_flash(
            "/login",
            "email-verified",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(RuleError::LinkUnusable)) => {
            let mut r = render(&VerifyFailedPage {
                ctx,
                email: String::new(),
                errors: FormErrors::default(),
            })?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResendForm {
    email: String,
}

/// «Skicka en ny länk»: a new verification link, to unverified accounts only and three an
/// hour at most; the answer is the same whether or not the address has an account, or a
/// link went out.
pub async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResendForm>,
) -> AppResult<Response> {
    let email = match domain::email::Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.add("email", ctx.t(e.message_key()));
            return Ok(with_errors(render(&VerifyFailedPage {
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
            Ok(app::accounts::resend_verification(
                c,
                &email,
                &base,
                store::now(),
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        "/register/sent",
        "verify-resent",
        state.config.secure_cookies(),
    ))
}
