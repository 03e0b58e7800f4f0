//! A company's administrators in «Administration»: an «Administratör» appoints anyone
//! with an account by e-mail address, and removes one after a page that asks first. The
//! changes are `app::companies::{appoint_admin, remove_admin}`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::RuleError;
use serde::Deserialize;
use store::models::person::Person;

use super::company_form::{load, CompanyEditPage, CompanyForm};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AdminForm {
    email: String,
}

pub async fn add_admin(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<AdminForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let actor = user.actor();
    let email = form.email.trim().to_lowercase();
    let company_id = id.clone();
    // None: no account has the address.
    let outcome = state
        .db
        .run(move |c| {
            Ok(Person::find_by_email(c, &email)?.map(|person| {
                app::companies::appoint_admin(c, Some(&actor), &company_id, &person.id)
            }))
        })
        .await?;
    match outcome {
        Some(Ok(())) => Ok(redirect_with_flash(
            &format!("/admin/companies/{id}"),
            "admin-granted",
            state.config.secure_cookies(),
        )),
        // One message for both: the address has no account, or it is an administrator
        // already.
        None | Some(Err(app::Error::Rule(RuleError::AlreadyCompanyAdmin))) => {
            let (company, admins) = load(&state, id.clone()).await?;
            let mut admin_errors = FormErrors::default();
            admin_errors.add("email", ctx.t("err-admin-email-unknown"));
            Ok(with_errors(render(&CompanyEditPage {
                admins,
                admin_errors,
                admin_email: form.email,
                ..CompanyEditPage::new(
                    ctx,
                    Some(id),
                    CompanyForm::from(&company),
                    FormErrors::default(),
                )
            })?))
        }
        Some(Err(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "admin_remove.html")]
struct RemoveAdminPage {
    ctx: Ctx,
    company_id: String,
    company_name: String,
    person_id: String,
    person_label: String,
}

/// Removing an administrator asks first, on a page of its own.
pub async fn confirm_remove_admin(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((id, pid)): Path<(String, String)>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, admins) = load(&state, id.clone()).await?;
    let label = admins
        .into_iter()
        .find(|(p, _)| *p == pid)
        .map(|(_, label)| label)
        .ok_or(AppError::NotFound)?;
    render(&RemoveAdminPage {
        ctx,
        company_id: id,
        company_name: company.name,
        person_id: pid,
        person_label: label,
    })
}

pub async fn remove_admin(
    State(state): State<AppState>,
    User(user): User,
    Path((id, pid)): Path<(String, String)>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let actor = user.actor();
    let company_id = id.clone();
    state
        .db
        .run(move |c| Ok(app::companies::remove_admin(c, &actor, &company_id, &pid)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/admin/companies/{id}"),
        "admin-removed",
        state.config.secure_cookies(),
    ))
}
