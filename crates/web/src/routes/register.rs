//! «Registrera konto»: create a person account, then verify the e-mail address.
//!
//! A registration with a personnummer or address that already has an account shows the
//! same page as a new one (a stranger learns nothing) and mails the owner a notice instead.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Form;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::email_token::{EmailToken, Purpose};
use store::models::event::{Event, NewEvent};
use store::models::person::{NewPerson, Person};
use store::write_tx;

use crate::auth::{password, tokens};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::mail;
use crate::render::render;
use crate::state::AppState;

/// How long a verification link works.
pub const VERIFY_VALID_FOR: time::Duration = time::Duration::hours(48);

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

pub fn today() -> time::Date {
    domain::stockholm::today_stockholm(time::OffsetDateTime::now_utc())
}

pub fn check_name(
    errors: &mut FormErrors,
    ctx: &Ctx,
    field: &str,
    value: &str,
    empty_key: &str,
) -> String {
    let v = value.trim().to_string();
    if v.is_empty() {
        errors.add(field, ctx.t(empty_key));
    } else if v.chars().count() > 100 {
        errors.add(field, ctx.t("err-too-long-100"));
    }
    v
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(mut form): Form<RegisterForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    let pnr = domain::identifiers::Personnummer::parse(&form.personnummer, today());
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
    let (Ok(pnr), Ok(email), true) = (pnr, email, errors.is_empty()) else {
        form.password.clear();
        return Ok(with_errors(render(&RegisterPage { ctx, form, errors })?));
    };

    let hash = password::hash(std::mem::take(&mut form.password)).await?;
    let raw_token = tokens::random_token();
    let token_hash = tokens::sha256_hex(&raw_token);
    let base = state.config.base_url.clone();
    let lang = ctx.lang;
    let pnr12 = pnr.as_str().to_string();
    let email = email.as_str().to_string();
    let result = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let by_pnr = Person::find_by_personnummer(c, &pnr12)?;
                let by_email = Person::find_by_email(c, &email)?;
                if let Some(existing) = by_pnr.or(by_email) {
                    // Tell the owner, not the stranger.
                    let owner_lang = mail::lang_of(&existing.language);
                    mail::enqueue(
                        c,
                        &existing.email,
                        owner_lang,
                        "already-registered",
                        &[
                            ("name", existing.first_name.clone()),
                            ("login", format!("{base}/login")),
                            ("reset", format!("{base}/password/forgot")),
                        ],
                    )?;
                    return Ok(());
                }
                let now = store::now();
                let id = store::new_id();
                Person::insert(
                    c,
                    &NewPerson {
                        id: id.clone(),
                        personnummer: Some(pnr12),
                        first_name: first.clone(),
                        last_name: last,
                        email: email.clone(),
                        email_verified_at: None,
                        password_hash: Some(hash),
                        language: lang.code().to_string(),
                        is_handlaggare: false,
                        is_beslutsfattare: false,
                        is_administrator: false,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                EmailToken::create(c, &token_hash, &id, Purpose::Verify, VERIFY_VALID_FOR)?;
                mail::enqueue(
                    c,
                    &email,
                    lang,
                    "verify",
                    &[
                        ("name", first),
                        ("link", format!("{base}/verify?token={raw_token}")),
                    ],
                )?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&id),
                        person_id: Some(&id),
                        ..NewEvent::of(EventKind::AccountRegistered)
                    },
                )
            })
        })
        .await;
    match result {
        Ok(()) => Ok(axum::response::Redirect::to("/register/sent").into_response()),
        // Two registrations raced on the same number or address: the same answer as above.
        Err(e) if e.is_unique_violation() => {
            Ok(axum::response::Redirect::to("/register/sent").into_response())
        }
        Err(e) => Err(e.into()),
    }
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
    let token_hash = tokens::sha256_hex(&q.token);
    let verified = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let Some(person_id) = EmailToken::consume(c, &token_hash, Purpose::Verify)? else {
                    return Ok(false);
                };
                Person::mark_verified(c, &person_id)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&person_id),
                        person_id: Some(&person_id),
                        ..NewEvent::of(EventKind::EmailVerified)
                    },
                )?;
                Ok(true)
            })
        })
        .await?;
    if verified {
        Ok(redirect_with_flash(
            "/login",
            "email-verified",
            state.config.secure_cookies(),
        ))
    } else {
        let mut r = render(&VerifyFailedPage {
            ctx,
            email: String::new(),
            errors: FormErrors::default(),
        })?;
        *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
        Ok(r)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResendForm {
    email: String,
}

/// «Skicka en ny länk»: a new verification link, to unverified accounts only; the answer
/// is the same whether or not the address has an account.
pub async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResendForm>,
) -> AppResult<Response> {
    let email = match domain::email::Email::parse(&form.email) {
        Ok(e) => e.as_str().to_string(),
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
    let raw_token = tokens::random_token();
    let token_hash = tokens::sha256_hex(&raw_token);
    let base = state.config.base_url.clone();
    state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let Some(p) = Person::find_by_email(c, &email)? else {
                    return Ok(());
                };
                if p.email_verified_at.is_some() {
                    return Ok(());
                }
                EmailToken::create(c, &token_hash, &p.id, Purpose::Verify, VERIFY_VALID_FOR)?;
                mail::enqueue(
                    c,
                    &p.email,
                    mail::lang_of(&p.language),
                    "verify",
                    &[
                        ("name", p.first_name.clone()),
                        ("link", format!("{base}/verify?token={raw_token}")),
                    ],
                )
            })
        })
        .await?;
    Ok(redirect_with_flash(
        "/register/sent",
        "verify-resent",
        state.config.secure_cookies(),
    ))
}
