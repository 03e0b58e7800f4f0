//! «Intyga certifikatansökan»: the commitment text («förbindelsetext») and «Ja». The
//! attestation records who, when and which version of the text was accepted.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use store::models::catalog::CommitmentText;

use crate::auth::User;
use crate::cases::{facts, own_case, rule};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::redirect_with_flash;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "attest.html")]
struct AttestPage {
    ctx: Ctx,
    case_id: String,
    heading: String,
    commitment: CommitmentText,
    paragraphs: Vec<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let row = own_case(&state, &user, id.clone()).await?;
    let case = row.case.clone();
    let code = row.cert_type.commitment_code.clone();
    let (f, commitment) = state
        .db
        .run(move |c| Ok((facts(c, &case)?, CommitmentText::current(c, &code)?)))
        .await?;
    f.check_attest().map_err(rule)?;
    let commitment =
        commitment.ok_or_else(|| AppError::internal("type without commitment text"))?;
    let lang = ctx.lang.code();
    let paragraphs = commitment
        .text(lang)
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    render(&AttestPage {
        heading: crate::cases::certificate_title(&row.area, &row.cert_type, lang),
        ctx,
        case_id: id,
        commitment,
        paragraphs,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttestForm {
    commitment_id: String,
}

/// POST /cases/{id}/attest: «Ja». A commitment text that changed meanwhile is shown
/// again instead.
pub async fn submit(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<AttestForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    let case_id = id.clone();
    let outcome = state
        .db
        .run(move |c| Ok(app::cases::attest(c, &actor, &case_id, &form.commitment_id)))
        .await?;
    match outcome {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/cases/{id}"),
            "attested",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Conflict(app::cases::COMMITMENT_CHANGED)) => {
            Ok(axum::response::Redirect::to(&format!("/cases/{id}/attest")).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
