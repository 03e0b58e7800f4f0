//! «Ansök om omcertifiering»: a confirmation page that names the certificate and says
//! what happens, then a new case of the same type with the type's recertification
//! moments, linked to the certificate (`app::life::apply_recertification`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::certification::life::check_recertification_open;
use domain::certification::life::recertified_valid_until;
use domain::certification::RuleError;
use store::models::case::Case;

use crate::auth::User;
use crate::cases::{own_case, rule};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::redirect_with_flash;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "recertify.html")]
struct RecertifyPage {
    ctx: Ctx,
    case_id: String,
    title: String,
    number: String,
    valid_until: String,
    new_valid_until: String,
}

/// GET /cases/{id}/recertify: the holder's own certificate, while recertification is open.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let row = own_case(&state, &user, id.clone()).await?;
    let today = app::today();
    if !app::life::may_apply_recertification(&row, today) {
        // Say why: not yet open, or not possible at all.
        let e = check_recertification_open(
            row.cert_type.recertification_years,
            row.case.valid_until,
            today,
        )
        .err()
        .unwrap_or(RuleError::NotRecertifiable);
        return Err(rule(e));
    }
    let case_id = id.clone();
    if state
        .db
        .run(move |c| Case::open_renewal(c, &case_id))
        .await?
        .is_some()
    {
        return Err(rule(RuleError::OpenCaseExists));
    }
    let valid_until = row.case.valid_until.unwrap_or(today);
    render(&RecertifyPage {
        title: crate::cases::certificate_title(&row.area, &row.cert_type, ctx.lang.code()),
        number: row.case.certificate_number.clone().unwrap_or_default(),
        valid_until: ctx.date(valid_until),
        new_valid_until: ctx.date(recertified_valid_until(
            valid_until,
            row.cert_type.validity_years,
        )),
        case_id: id,
        ctx,
    })
}

/// POST /cases/{id}/recertify: opens the recertification case and shows it.
pub async fn submit(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let today = app::today();
    let new_id = state
        .db
        .run(move |c| Ok(app::life::apply_recertification(c, &actor, &id, today)))
        .await??;
    Ok(redirect_with_flash(
        &format!("/cases/{new_id}"),
        "recertification-applied",
        state.config.secure_cookies(),
    ))
}
