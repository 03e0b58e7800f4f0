//! «Avslå»: the confirmation page with the reason, checked here and then handed to
//! `app::decisions::reject`, which applies every rule once, in its transaction.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

use super::super::{certificate_title, required_comment};
use super::page::{load, CaseData};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RejectForm {
    reason: String,
}

#[derive(Template)]
#[template(path = "staff/reject.html")]
struct RejectPage {
    ctx: Ctx,
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    form: RejectForm,
    errors: FormErrors,
}

fn reject_page(
    ctx: Ctx,
    d: &CaseData,
    form: RejectForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let lang = ctx.lang.code();
    render(&RejectPage {
        case_id: d.row.case.id.clone(),
        case_number: d.row.case.number,
        person_name: d.person.full_name(),
        certificate: certificate_title(&d.row.area, &d.row.cert_type, lang),
        form,
        errors,
        ctx,
    })
}

/// The page for a caller who may reject the case now; anyone else gets the refusal.
async fn decidable_page(
    state: &AppState,
    ctx: Ctx,
    user: &crate::auth::CurrentUser,
    id: String,
    form: RejectForm,
    errors: FormErrors,
) -> AppResult<Response> {
    user.actor().require_beslutsfattare()?;
    let d = load(state, user, id, None).await?;
    d.check_may_decide()?;
    reject_page(ctx, &d, form, errors)
}

/// GET /staff/cases/{id}/reject: the confirmation page of «Avslå».
pub async fn show_reject(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    decidable_page(
        &state,
        ctx,
        &user,
        id,
        RejectForm::default(),
        FormErrors::default(),
    )
    .await
}

/// POST /staff/cases/{id}/reject: «Avslå ansökan».
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<RejectForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    let reason = required_comment(
        &mut errors,
        &ctx,
        "reason",
        &form.reason,
        "staff-err-reason-empty",
    );
    if !errors.is_empty() {
        // Back with the errors, unless the caller may not reject it at all.
        let page = decidable_page(&state, ctx, &user, id, form, errors).await?;
        return Ok(with_errors(page));
    }

    let actor = user.actor();
    let base = state.config.base_url.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::decisions::reject(
                c,
                &actor,
                &case_id,
                &reason,
                app::today(),
                &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        "staff-application-rejected",
        state.config.secure_cookies(),
    ))
}
