//! The public API: the register's facts as JSON, and its OpenAPI 3.1 document generated
//! from these handlers and types (utoipa), so the two cannot drift apart.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use store::models::register::{self, MAX_HITS};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::facts::PublicCertificate;
use super::search::{find, SearchQuery};
use crate::paging::page_no;
use crate::state::AppState;

/// An error: a stable code for programs and a sentence for people.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// not_found, bad_request, rate_limited or internal.
    #[schema(example = "not_found")]
    pub error: String,
    pub message: String,
}

fn problem(status: StatusCode, error: &str, message: &str) -> Response {
    (
        status,
        Json(Problem {
            error: error.into(),
            message: message.into(),
        }),
    )
        .into_response()
}

/// The 429 answer of the rate limit (its `Retry-After` header is set by the caller).
pub fn too_many(retry_after_secs: u64) -> Response {
    problem(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        &format!("Too many requests: try again in {retry_after_secs} s."),
    )
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "public API");
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Something went wrong on our side.",
    )
}

/// One certificate by its number.
#[utoipa::path(
    get,
    path = "/api/v1/certificates/{number}",
    tag = "certificates",
    params(("number" = String, Path, description = "The certificate number", example = "00001")),
    responses(
        (status = 200, description = "The certificate's public facts", body = PublicCertificate),
        (status = 404, description = "No certificate has this number", body = Problem),
        (status = 429, description = "Too many requests from this client; see Retry-After",
            body = Problem, headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn certificate(State(state): State<AppState>, Path(number): Path<String>) -> Response {
    let number = number.trim().to_string();
    if number.is_empty() || number.len() > 40 {
        return problem(StatusCode::NOT_FOUND, "not_found", "No such certificate.");
    }
    let found = state.db.run(move |c| register::by_number(c, &number)).await;
    match found {
        Ok(Some((e, latest))) => Json(PublicCertificate::new(
            &e,
            latest,
            app::today(),
            &state.config.base_url,
        ))
        .into_response(),
        Ok(None) => problem(StatusCode::NOT_FOUND, "not_found", "No such certificate."),
        Err(e) => internal(e),
    }
}

/// The search's parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A last name, "first last", a certificate number or an organisationsnummer; at
    /// least two characters besides spaces.
    #[param(
        required = true,
        min_length = 2,
        max_length = 200,
        pattern = r"\S.*\S",
        example = "Svensson"
    )]
    q: String,
    /// A «Teknikområde» code.
    area: String,
    /// A certificate type code.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    cert_type: String,
    /// active, inactive or suspended.
    status: String,
    /// The page, from 1 (25 a page; at most 500 hits are paged through).
    page: String,
}

/// A page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificatePage {
    pub items: Vec<PublicCertificate>,
    /// Hits counted, at most 500.
    pub total: i64,
    /// True when there were more than `total` hits: narrow the search.
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

/// Searches the register as «Sök certifierade» does.
#[utoipa::path(
    get,
    path = "/api/v1/certificates",
    tag = "certificates",
    params(ListParams),
    responses(
        (status = 200, description = "A page of certificates", body = CertificatePage),
        (status = 400, description = "No search or one too short", body = Problem),
        (status = 429, description = "Too many requests from this client; see Retry-After",
            body = Problem, headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn certificates(State(state): State<AppState>, Query(p): Query<ListParams>) -> Response {
    if p.q.trim().chars().count() < 2 || p.q.chars().count() > 200 {
        return problem(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "Give a search of 2 to 200 characters in q: a name, a certificate number or an organisationsnummer.",
        );
    }
    let n = page_no(&p.page);
    // Codes in the API, ids in the database: resolved in the same round trip.
    let q = SearchQuery {
        q: p.q.clone(),
        area: String::new(),
        cert_type: String::new(),
        status: p.status.clone(),
        org: String::new(),
        page: p.page.clone(),
    };
    let (area_code, type_code) = (p.area.trim().to_string(), p.cert_type.trim().to_string());
    let found = state
        .db
        .run(move |c| {
            let mut q = q;
            if !area_code.is_empty() {
                q.area = store::models::catalog::Area::find_by_code(c, &area_code)?
                    .map(|a| a.id)
                    .unwrap_or_else(|| "-".into());
            }
            if !type_code.is_empty() {
                q.cert_type = store::models::catalog::CertificateType::find_by_code(c, &type_code)?
                    .map(|t| t.id)
                    .unwrap_or_else(|| "-".into());
            }
            find(c, &q, n, false)
        })
        .await;
    let found = match found {
        Ok(f) => f,
        Err(e) => return internal(e),
    };
    let today = app::today();
    let base = &state.config.base_url;
    let items = found
        .entries
        .items
        .iter()
        .map(|e| PublicCertificate::new(e, None, today, base))
        .collect();
    Json(CertificatePage {
        items,
        total: found.entries.total.min(MAX_HITS),
        more: found.entries.total > MAX_HITS,
        page: found.entries.page,
        per_page: found.entries.per_page,
    })
    .into_response()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "certportal public register",
        description = "The public facts of certificates: the same as «Sök certifierade» and the verification pages. Rate limited per client (429 with Retry-After).",
        version = "1.0.0"
    ),
    paths(certificate, certificates),
    components(schemas(PublicCertificate, CertificatePage, Problem)),
    tags((name = "certificates", description = "Certificates in the public register"))
)]
pub struct ApiDoc;

/// GET /api/v1/openapi.json
pub async fn openapi(State(state): State<AppState>) -> Response {
    let mut doc = ApiDoc::openapi();
    doc.servers = Some(vec![utoipa::openapi::Server::new(
        state.config.base_url.clone(),
    )]);
    match doc.to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => internal(e),
    }
}
