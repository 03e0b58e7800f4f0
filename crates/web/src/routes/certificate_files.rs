//! The certificate itself: «Ladda ner certifikat (PDF)» and «Ladda ner digitalt
//! certifikat». For the holder, for staff, and for the administrators of the holder's
//! employer; always the current facts, so a withdrawn certificate's PDF says so.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::certification::{CaseStatus, DecisionKind};
use store::models::register::{self, Entry};

use super::public::facts::{status_line_key, status_now, verification_url};
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The issued certificate of our own at `case_id`, if the user may have it. Anyone else,
/// an open or rejected case and an external certificate (the other body's to print) get
/// 404, the same as a case that does not exist.
pub async fn certificate_for(
    state: &AppState,
    user: &CurrentUser,
    case_id: String,
) -> AppResult<(Entry, Option<DecisionKind>)> {
    let me = user.person.id.clone();
    let staff = user.person.is_staff();
    let found = state
        .db
        .run(move |c| {
            let Some((e, latest)) = register::by_case(c, &case_id)? else {
                return Ok(None);
            };
            let allowed = staff
                || e.case.person_id == me
                || register::administers_employer_of(c, &me, &e.case.person_id)?;
            Ok(allowed.then_some((e, latest)))
        })
        .await?;
    match found {
        Some((e, latest)) if !e.cert_type.is_external => Ok((e, latest)),
        _ => Err(AppError::NotFound),
    }
}

/// The sheet's words in the reader's language.
fn labels(ctx: &Ctx) -> certificate_pdf::Labels {
    certificate_pdf::Labels {
        title: ctx.t("pdf-title"),
        holder: ctx.t("pdf-holder"),
        certificate_number: ctx.t("pdf-certificate-number"),
        certificate_type: ctx.t("pdf-certificate-type"),
        category: ctx.t("pdf-category"),
        activities: ctx.t("pdf-activities"),
        issued_on: ctx.t("pdf-issued-on"),
        valid_until: ctx.t("pdf-valid-until"),
        status: ctx.t("pdf-status"),
        scope: ctx.t("pdf-scope"),
        verify: ctx.t("pdf-verify"),
        issuer_block: ctx.t("pdf-issuer-block"),
        withdrawn_banner: ctx.t("pdf-withdrawn"),
        regulation: ctx.t("pdf-regulation"),
    }
}

/// The facts of the certificate as its PDF states them today.
pub fn sheet(ctx: &Ctx, e: &Entry, base_url: &str, body_name: &str) -> certificate_pdf::Sheet {
    let lang = ctx.lang.code();
    let today = app::today();
    let (status, date) = status_now(e, today);
    let mut status_text = ctx.tp("case-status", status.code());
    if let (Some(key), Some(d)) = (status_line_key(status), date) {
        status_text = format!("{status_text} – {}", ctx.t1(key, "date", ctx.date(d)));
    }
    let number = e.case.certificate_number.clone().unwrap_or_default();
    certificate_pdf::Sheet {
        language: lang.to_string(),
        body_name: body_name.to_string(),
        holder_name: e.holder_name(),
        verification_url: verification_url(base_url, &number),
        certificate_number: number,
        type_name: e.cert_type.name(lang).to_string(),
        category: e.area.name(lang).to_string(),
        activities: e.cert_type.activities(lang),
        issued_on: e.case.issued_on.unwrap_or(today),
        valid_until: e.case.valid_until,
        status: status_text,
        scope_note: e.case.scope_note.clone(),
        withdrawn: status == CaseStatus::Withdrawn,
        labels: labels(ctx),
    }
}

/// GET /cases/{id}/certificate.pdf
pub async fn pdf(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (e, _) = certificate_for(&state, &user, id).await?;
    let sheet = sheet(&ctx, &e, &state.config.base_url, &state.config.body_name);
    // A page of layout and compression: off the async threads.
    let bytes = tokio::task::spawn_blocking(move || certificate_pdf::render(&sheet))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let number = e.case.certificate_number.unwrap_or_default();
    let name = format!("{}-{number}.pdf", ctx.t("pdf-file-name"));
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                crate::download_name::content_disposition(false, &name, "application/pdf"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// GET /cases/{id}/credential.json: the certificate as a signed Open Badges 3.0
/// AchievementCredential, its status in the revocation and suspension lists.
pub async fn credential(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    use super::public::trust::{issuer, list_url, LIST_BITS};
    let (e, _) = certificate_for(&state, &user, id).await?;
    // Issued before credentials existed and never given a place: nothing to sign against.
    let index = e.case.status_index.ok_or(AppError::NotFound)?;
    let lang = ctx.lang.code();
    let base = &state.config.base_url;
    let number = e.case.certificate_number.clone().unwrap_or_default();
    let (list, place) = (index / LIST_BITS, (index % LIST_BITS) as u64);
    let midnight = domain::stockholm::start_of_day;
    let achievement = credentials::Achievement {
        credential_id: format!("urn:uuid:{}", e.case.id),
        holder_name: e.holder_name(),
        achievement_id: format!("{base}/certificate-types/{}", e.cert_type.code),
        achievement_name: e.cert_type.name(lang).to_string(),
        achievement_description: {
            let activities = e.cert_type.activities(lang);
            if activities.is_empty() {
                e.area.name(lang).to_string()
            } else {
                format!("{}: {}", e.area.name(lang), activities.join("; "))
            }
        },
        criteria_narrative: ctx.t("credential-criteria"),
        certificate_number: number.clone(),
        valid_from: midnight(e.case.issued_on.unwrap_or_else(app::today)),
        // «Giltigt till» is the last day it is valid: until that day's end.
        valid_until: e.case.valid_until.and_then(|d| d.next_day()).map(midnight),
        revocation: credentials::StatusEntry {
            list_url: list_url(base, credentials::Purpose::Revocation, list),
            index: place,
        },
        suspension: credentials::StatusEntry {
            list_url: list_url(base, credentials::Purpose::Suspension, list),
            index: place,
        },
    };
    let issuer = issuer(&state).map_err(AppError::internal)?;
    let vc = credentials::achievement_credential(
        &issuer,
        &achievement,
        &state.keyring,
        time::OffsetDateTime::now_utc(),
    )
    .map_err(AppError::internal)?;
    let body = serde_json::to_vec_pretty(&vc).map_err(AppError::internal)?;
    let name = format!("{}-{number}.json", ctx.t("pdf-file-name"));
    Ok((
        [
            (header::CONTENT_TYPE, "application/vc+ld+json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                crate::download_name::content_disposition(false, &name, "application/json"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
