//! «Glömt lösenord»: a single-use link, valid one hour, to set a new password.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::email_token::{EmailToken, Purpose};
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::models::session::Session;
use store::write_tx;

use crate::auth::{password, tokens};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::mail;
use crate::render::render;
use crate::state::AppState;

const RESET_VALID_FOR: time::Duration = time::Duration::hours(1);
const MAX_RESETS_PER_HOUR: i64 = 3;

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
        Ok(e) => e.as_str().to_string(),
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
    let raw = tokens::random_token();
    let hash = tokens::sha256_hex(&raw);
    let base = state.config.base_url.clone();
    state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let Some(p) = Person::find_by_email(c, &email)? else {
                    return Ok(());
                };
                // A few links an hour is plenty; more would let anyone flood a mailbox.
                let since = store::now() - time::Duration::hours(1);
                if EmailToken::count_since(c, &p.id, Purpose::Reset, since)? >= MAX_RESETS_PER_HOUR
                {
                    return Ok(());
                }
                EmailToken::create(c, &hash, &p.id, Purpose::Reset, RESET_VALID_FOR)?;
                mail::enqueue(
                    c,
                    &p.email,
                    mail::lang_of(&p.language),
                    "reset",
                    &[
                        ("name", p.first_name.clone()),
                        ("link", format!("{base}/password/reset?token={raw}")),
                    ],
                )
            })
        })
        .await?;
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

pub async fn show_reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ResetQuery>,
) -> AppResult<Response> {
    let hash = tokens::sha256_hex(&q.token);
    let valid = state
        .db
        .run(move |c| EmailToken::valid_person(c, &hash, Purpose::Reset))
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
    let hash = tokens::sha256_hex(&form.token);
    let lookup = hash.clone();
    let person = state
        .db
        .run(
            move |c| match EmailToken::valid_person(c, &lookup, Purpose::Reset)? {
                Some(pid) => Person::find(c, &pid),
                None => Ok(None),
            },
        )
        .await?;
    let Some(person) = person else {
        let mut r = render(&ResetPage {
            ctx,
            token: form.token,
            valid: false,
            errors: FormErrors::default(),
        })?;
        *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
        return Ok(r);
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
    let done = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let Some(pid) = EmailToken::consume(c, &hash, Purpose::Reset)? else {
                    return Ok(false);
                };
                Person::set_password_hash(c, &pid, &new_hash)?;
                // Whoever reset it owns the mailbox, so the address is verified too.
                Person::mark_verified(c, &pid)?;
                Session::delete_others(c, &pid, None)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&pid),
                        person_id: Some(&pid),
                        ..NewEvent::of(EventKind::PasswordReset)
                    },
                )?;
                Ok(true)
            })
        })
        .await?;
    if !done {
        let mut r = render(&ResetPage {
            ctx,
            token: String::new(),
            valid: false,
            errors: FormErrors::default(),
        })?;
        *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
        return Ok(r);
    }
    Ok(redirect_with_flash(
        "/login",
        "password-reset",
        state.config.secure_cookies(),
    ))
}
