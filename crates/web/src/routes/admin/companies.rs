//! «Registrera företag» and a company's page in «Administration»: the form is parsed
//! here; `app::companies::{create, update}` register and change the company.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::RuleError;

use super::company_form::{load, CompanyEditPage, CompanyForm};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

pub async fn show_new(ctx: Ctx, User(user): User) -> AppResult<Response> {
    user.require_administrator()?;
    render(&CompanyEditPage::new(
        ctx,
        None,
        CompanyForm::blank(),
        FormErrors::default(),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(form): Form<CompanyForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let mut errors = FormErrors::default();
    let orgnr = domain::identifiers::Orgnr::parse(&form.orgnr);
    if let Err(e) = &orgnr {
        errors.add("orgnr", ctx.t(e.message_key()));
    }
    let form = form.check(&ctx, &mut errors);
    let (Ok(orgnr), true) = (orgnr, errors.is_empty()) else {
        return Ok(with_errors(render(&CompanyEditPage::new(
            ctx, None, form, errors,
        ))?));
    };
    let actor = user.actor();
    let details = form.details();
    let outcome = state
        .db
        .run(move |c| Ok(app::companies::create(c, Some(&actor), &orgnr, &details)))
        .await?;
    match outcome {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/admin/companies/{id}"),
            "company-created",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(e @ RuleError::CompanyExists)) => {
            errors.add("orgnr", ctx.t(e.message_key()));
            Ok(with_errors(render(&CompanyEditPage::new(
                ctx, None, form, errors,
            ))?))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, admins) = load(&state, id.clone()).await?;
    render(&CompanyEditPage {
        admins,
        ..CompanyEditPage::new(
            ctx,
            Some(id),
            CompanyForm::from(&company),
            FormErrors::default(),
        )
    })
}

/// Saves the company's details; its organisationsnummer never changes.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<CompanyForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let mut errors = FormErrors::default();
    let mut form = form.check(&ctx, &mut errors);
    if !errors.is_empty() {
        let (company, admins) = load(&state, id.clone()).await?;
        form.orgnr = CompanyForm::from(&company).orgnr;
        return Ok(with_errors(render(&CompanyEditPage {
            admins,
            ..CompanyEditPage::new(ctx, Some(id), form, errors)
        })?));
    }
    let actor = user.actor();
    let details = form.details();
    let company_id = id.clone();
    state
        .db
        .run(move |c| Ok(app::companies::update(c, &actor, &company_id, &details)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/admin/companies/{id}"),
        "company-saved",
        state.config.secure_cookies(),
    ))
}
