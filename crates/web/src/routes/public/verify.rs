//! «Kontrollera certifikat» at `/verifiera/{certificate number}`: one certificate's public
//! facts and its status as of now, in large type. The certificate's QR code opens this page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::certification::{CaseStatus, DecisionKind};
use store::models::register;

use super::facts::{status_line_key, status_now};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "public/verify.html")]
struct VerifyPage {
    ctx: Ctx,
    number: String,
    holder: String,
    type_name: String,
    area: String,
    status: CaseStatus,
    status_line: String,
    issued_on: String,
    valid_until: String,
    scope: String,
    employer: String,
    latest_decision: String,
    external: Option<(String, String, String)>,
    as_of: String,
}

#[derive(Template)]
#[template(path = "public/verify_missing.html")]
struct MissingPage {
    ctx: Ctx,
    number: String,
}

/// GET /verifiera/{number}
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let number = number.trim().to_string();
    let wanted = number.clone();
    let found = if number.is_empty() || number.len() > 40 {
        None
    } else {
        state
            .db
            .run(move |c| register::by_number(c, &wanted))
            .await?
    };
    let Some((e, latest)) = found else {
        let page = render(&MissingPage { ctx, number })?;
        return Ok((StatusCode::NOT_FOUND, page).into_response());
    };
    let lang = ctx.lang.code();
    let today = app::today();
    let (status, date) = status_now(&e, today);
    let c = &e.case;
    render(&VerifyPage {
        number: c.certificate_number.clone().unwrap_or_default(),
        holder: e.holder_name(),
        type_name: e.cert_type.name(lang).to_string(),
        area: e.area.name(lang).to_string(),
        status,
        status_line: match (status_line_key(status), date) {
            (Some(key), Some(d)) => ctx.t1(key, "date", ctx.date(d)),
            _ => String::new(),
        },
        issued_on: c.issued_on.map(|d| ctx.date(d)).unwrap_or_default(),
        valid_until: c.valid_until.map(|d| ctx.date(d)).unwrap_or_default(),
        scope: c.scope_note.clone(),
        employer: e.employer.clone().unwrap_or_default(),
        latest_decision: match (latest, c.latest_decision_on) {
            (Some(kind), Some(on)) => decision_text(&ctx, kind, on),
            _ => String::new(),
        },
        external: e.cert_type.is_external.then(|| {
            (
                c.external_body.clone(),
                c.external_country.clone(),
                c.external_number.clone(),
            )
        }),
        as_of: ctx.t1("public-verify-as-of", "date", ctx.date(today)),
        ctx,
    })
}

/// «Utfärdat 2026-03-01», «Suspenderat 2027-01-10» …
pub fn decision_text(ctx: &Ctx, kind: DecisionKind, on: time::Date) -> String {
    ctx.t1(
        &format!("public-decision-{}", kind.code()),
        "date",
        ctx.date(on),
    )
}
