//! What a verifier of our credentials fetches: the DID document of `did:web` at
//! `/.well-known/did.json` (every key, current and older), and the signed Bitstring Status
//! Lists at `/credentials/status/{revocation|suspension}/{list}`.
//!
//! A status list is read from the cases' statuses when asked for, so the bit of a
//! certificate changes in the same transaction as the decision that withdraws or
//! suspends it: there is no second copy to fall behind.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::certification::CaseStatus;
use store::models::register;

use crate::state::AppState;

/// Places per status list: the specification's minimum (16 KiB), for herd privacy.
pub const LIST_BITS: i64 = credentials::MIN_STATUS_LIST_BITS as i64;

/// Which statuses set a certificate's bit in a list of each purpose. «Inaktivt» (the
/// yearly attestation missing) is a suspension too: it passes once attested, and the
/// certificate may not be worked under meanwhile.
pub fn statuses(purpose: credentials::Purpose) -> &'static [CaseStatus] {
    match purpose {
        credentials::Purpose::Revocation => &[CaseStatus::Withdrawn],
        credentials::Purpose::Suspension => &[CaseStatus::Suspended, CaseStatus::Inactive],
    }
}

pub fn issuer(state: &AppState) -> Result<credentials::Issuer, credentials::Error> {
    Ok(credentials::Issuer {
        did: credentials::did_web(&state.config.base_url)?,
        name: state.config.body_name.clone(),
        url: format!("{}/", state.config.base_url),
    })
}

/// The URL of status list `list` of `purpose`.
pub fn list_url(base_url: &str, purpose: credentials::Purpose, list: i64) -> String {
    format!("{base_url}/credentials/status/{}/{list}", purpose.as_str())
}

fn json(value: serde_json::Value, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Json(value),
    )
        .into_response()
}

fn failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "credentials");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// GET /.well-known/did.json
pub async fn did_document(State(state): State<AppState>) -> Response {
    match credentials::did_web(&state.config.base_url) {
        Ok(did) => json(
            credentials::did_document(&did, &state.keyring),
            "application/did+json",
        ),
        Err(e) => failed(e),
    }
}

/// GET /credentials/status/{purpose}/{list}
pub async fn status_list(
    State(state): State<AppState>,
    Path((purpose, list)): Path<(String, String)>,
) -> Response {
    let purpose = match purpose.as_str() {
        "revocation" => credentials::Purpose::Revocation,
        "suspension" => credentials::Purpose::Suspension,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(list) = list
        .parse::<i64>()
        .ok()
        .filter(|l| (0..1_000_000).contains(l))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let from = list * LIST_BITS;
    let set = match state
        .db
        .run(move |c| register::status_list_members(c, statuses(purpose), from, from + LIST_BITS))
        .await
    {
        Ok(set) => set,
        Err(e) => return failed(e),
    };
    let set: Vec<u64> = set
        .into_iter()
        .filter_map(|i| u64::try_from(i - from).ok())
        .collect();
    let issuer = match issuer(&state) {
        Ok(i) => i,
        Err(e) => return failed(e),
    };
    match credentials::status_list_credential(
        &issuer,
        &list_url(&state.config.base_url, purpose, list),
        purpose,
        LIST_BITS as usize,
        &set,
        &state.keyring,
        time::OffsetDateTime::now_utc(),
    ) {
        Ok(vc) => json(vc, "application/vc+ld+json"),
        Err(e) => failed(e),
    }
}
