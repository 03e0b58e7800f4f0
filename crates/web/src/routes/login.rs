//! «Logga in» and «Logga ut». Failed attempts are counted per client address and account
//! by `app::accounts::login` (a stranger elsewhere cannot lock the owner out); the session
//! itself is started and ended here.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use store::models::person::Person;

use crate::auth::{password, session, ClientAddr, User};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, safe_next, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    ctx: Ctx,
    email: String,
    next: String,
    errors: FormErrors,
    /// Shown after a correct password on an unverified account: why, and a new link.
    unverified: bool,
}

pub async fn show(ctx: Ctx, Query(q): Query<LoginQuery>) -> AppResult<Response> {
    let next = safe_next(q.next.as_deref());
    render(&LoginPage {
        ctx,
        email: String::new(),
        next,
        errors: FormErrors::default(),
        unverified: false,
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddr(client): ClientAddr,
    earlier: Option<axum::Extension<crate::auth::CurrentUser>>,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let next = safe_next(Some(&form.next));
    let email = form.email.trim().to_lowercase();
    let refuse = |ctx: Ctx, key: &str, unverified: bool| -> AppResult<Response> {
        let mut errors = FormErrors::default();
        errors.add("email", ctx.t(key));
        Ok(with_errors(render(&LoginPage {
            email: form.email.clone(),
            next: next.clone(),
            errors,
            unverified,
            ctx,
        })?))
    };
    if email.is_empty() || form.password.is_empty() {
        return refuse(ctx, "err-login-empty", false);
    }

    let (lookup, from) = (email.clone(), client.clone());
    let (throttled, person) = state
        .db
        .run(move |c| {
            Ok((
                app::accounts::throttled(c, &lookup, &from, store::now())?,
                Person::find_by_email(c, &lookup)?,
            ))
        })
        .await?;
    if let Some(throttle) = throttled {
        return refuse(ctx, throttle.message_key(), false);
    }
    let ok = password::verify(
        form.password.clone(),
        person.as_ref().and_then(|p| p.password_hash.clone()),
    )
    .await?;
    let person = match (ok, person) {
        (true, Some(p)) => p,
        _ => {
            let (e, from) = (email.clone(), client.clone());
            state
                .db
                .run(move |c| {
                    Ok(app::accounts::record_login_failure(
                        c,
                        &e,
                        &from,
                        store::now(),
                    ))
                })
                .await??;
            return refuse(ctx, "err-login-wrong", false);
        }
    };
    if person.email_verified_at.is_none() {
        return refuse(ctx, "err-login-unverified", true);
    }
    let e = email.clone();
    state
        .db
        .run(move |c| Ok(app::accounts::clear_login_failures(c, &e, &client)))
        .await??;
    // Logging in on top of a session ends that one: one browser, one live session.
    if let Some(axum::Extension(earlier)) = earlier {
        session::end(&state, earlier.session_hash).await?;
    }
    let cookie = session::start(&state, person.id.clone()).await?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}

pub async fn logout(State(state): State<AppState>, User(user): User) -> AppResult<Response> {
    let cookie = session::end(&state, user.session_hash).await?;
    let mut response = redirect_with_flash("/", "logged-out", state.config.secure_cookies());
    response.headers_mut().append(SET_COOKIE, cookie);
    Ok(response)
}
