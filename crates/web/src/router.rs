//! Every route of the portal in one place, and the layers around them.

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::routes::{
    admin, annual, attest, case_page, certificates, company_page, employments, events, exam_admin,
    examiner, exams, files, home, invoice, login, password_reset, profile, recertify, register,
    system, upload,
};
use crate::state::AppState;
use crate::{csrf, metrics, middleware};

/// Forms are small; only uploads get the larger limit.
const FORM_BODY_LIMIT: usize = 64 * 1024;

pub fn build(state: AppState) -> Router {
    let pages = Router::new()
        .route("/", get(home::show))
        .route("/register", get(register::show).post(register::submit))
        .route("/register/sent", get(register::sent))
        .route("/verify", get(register::verify))
        .route("/verify/resend", post(register::resend))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route(
            "/password/forgot",
            get(password_reset::show_forgot).post(password_reset::submit_forgot),
        )
        .route("/password/forgot/sent", get(password_reset::forgot_sent))
        .route(
            "/password/reset",
            get(password_reset::show_reset).post(password_reset::submit_reset),
        )
        .route("/profile", get(profile::mine))
        .route("/persons/{id}", get(profile::show).post(profile::update))
        .route("/persons/{id}/password", post(profile::change_password))
        .route("/certificates", get(certificates::list))
        .route(
            "/certificates/new",
            get(certificates::show_new).post(certificates::create),
        )
        .route("/cases/{id}", get(case_page::moments))
        .route("/cases/{id}/events", get(case_page::events))
        .route(
            "/cases/{id}/certificate.pdf",
            get(crate::routes::certificate_files::pdf),
        )
        .route(
            "/cases/{id}/credential.json",
            get(crate::routes::certificate_files::credential),
        )
        .route("/cases/{id}/attest", get(attest::show).post(attest::submit))
        .route("/cases/{id}/annual", post(annual::attest_self))
        .route(
            "/cases/{id}/recertify",
            get(recertify::show).post(recertify::submit),
        )
        .route(
            "/cases/{id}/invoice",
            get(invoice::show).post(invoice::submit),
        )
        .route("/files/{id}", get(files::download))
        .route("/employments", get(employments::list))
        .route(
            "/employments/new",
            get(employments::show_new).post(employments::create),
        )
        .route(
            "/employments/{id}/end",
            get(employments::show_end).post(employments::end),
        )
        .route("/companies/{id}", get(company_page::show))
        .route("/companies/{id}/admins", post(company_page::grant_admin))
        .route("/companies/{id}/annual", post(annual::select))
        .route("/companies/{id}/annual/confirm", post(annual::confirm))
        .route(
            "/companies/{id}/employments/{eid}/confirm",
            post(company_page::confirm),
        )
        .route(
            "/companies/{id}/employments/{eid}/reject",
            post(company_page::reject),
        )
        .route(
            "/companies/{id}/employments/{eid}/end",
            get(company_page::show_end).post(company_page::end),
        )
        .route(
            "/staff/companies-at-risk",
            get(crate::routes::staff::companies_at_risk::show),
        )
        // «Prov», the person's side.
        .route("/exams", get(exams::list))
        .route("/exams/book", get(exams::show_book))
        .route(
            "/exams/book/{session}",
            get(exams::confirm_book).post(exams::book),
        )
        .route(
            "/exams/bookings/{id}/cancel",
            get(exams::confirm_cancel).post(exams::cancel),
        )
        .route("/events", get(events::show))
        .route("/admin", get(admin::index))
        .route(
            "/admin/companies/new",
            get(admin::companies::show_new).post(admin::companies::create),
        )
        .route(
            "/admin/companies/{id}",
            get(admin::companies::show).post(admin::companies::update),
        )
        .route(
            "/admin/companies/{id}/admins",
            post(admin::admins::add_admin),
        )
        .route(
            "/admin/companies/{id}/admins/{pid}/remove",
            get(admin::admins::confirm_remove_admin).post(admin::admins::remove_admin),
        )
        // «Provcenter» in «Administration», and the examiner's «Provtillfällen».
        .route("/admin/mail", get(admin::mail::list))
        .route("/admin/mail/{id}/send-again", post(admin::mail::send_again))
        .route("/admin/exam-centres", get(exam_admin::list))
        .route(
            "/admin/exam-centres/new",
            get(exam_admin::show_new).post(exam_admin::create),
        )
        .route("/admin/exam-centres/{id}", get(exam_admin::show))
        .route(
            "/admin/exam-centres/{id}/examiners",
            post(exam_admin::add_examiner),
        )
        .route("/exam-sessions", get(examiner::list))
        .route(
            "/exam-sessions/new",
            get(examiner::show_new).post(examiner::create),
        )
        .route("/exam-sessions/{id}", get(examiner::show))
        .route("/exam-sessions/{id}/results", post(examiner::save))
        .route(
            "/exam-sessions/{id}/fix",
            get(examiner::confirm_fix).post(examiner::fix),
        )
        .route(
            "/exam-sessions/{id}/bookings/{bid}/correct",
            get(examiner::show_correct).post(examiner::correct),
        )
        .route("/lang/{code}", get(system::switch_lang))
        .route("/static/{name}", get(system::asset))
        .route("/favicon.ico", get(system::favicon))
        .merge(crate::routes::staff::router())
        .merge(public_pages(state.clone()))
        .layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(FORM_BODY_LIMIT))
                .layer(DefaultBodyLimit::max(FORM_BODY_LIMIT)),
        );

    // Uploads stream; the handler enforces the exact limit with a clear message, the
    // layer stops anything far beyond it.
    let upload_limit = state.config.upload_limit_bytes + 1024 * 1024;
    let uploads = Router::new()
        .route(
            "/cases/{case}/moments/{moment}/upload",
            get(upload::show).post(upload::submit),
        )
        .layer(
            ServiceBuilder::new()
                .layer(RequestBodyLimitLayer::new(upload_limit))
                .layer(DefaultBodyLimit::max(upload_limit)),
        );

    let ops = Router::new()
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/metrics", get(system::metrics));

    Router::new()
        .merge(pages)
        .merge(uploads)
        .fallback(system::not_found)
        // Each group of layers is one `ServiceBuilder`, the first layer outermost: a
        // `Router::layer` call boxes every route once more, and a request then cloned each
        // box below every layer it passed (112 boxed clones on a page) and boxed a future
        // at each. One box per group saved a quarter of `/healthz`'s instructions and a
        // twentieth of a case page's (bench/README.md, the fifteenth round).
        .layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(
                    state.clone(),
                    crate::auth::session::load_session,
                ))
                // Outside the CSRF check and the body limit, so their refusals get a page too.
                .layer(from_fn_with_state(state.clone(), middleware::error_pages))
                .layer(from_fn_with_state(state.clone(), csrf::protect))
                .layer(from_fn_with_state(state.clone(), middleware::clear_flash)),
        )
        .merge(ops)
        .merge(public_api(state.clone()))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http())
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CatchPanicLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(60),
                ))
                .layer(CompressionLayer::new())
                .layer(from_fn_with_state(state.clone(), metrics::track))
                .layer(from_fn_with_state(
                    state.clone(),
                    middleware::security_headers,
                )),
        )
        .with_state(state)
}

/// «Sök certifierade» and «Kontrollera certifikat»: pages for anyone, limited per client.
fn public_pages(state: AppState) -> Router<AppState> {
    use crate::routes::public::{search, verify};
    Router::new()
        .route("/certifierade", get(search::persons))
        .route("/certifierade/foretag", get(search::companies))
        .route("/verifiera/{number}", get(verify::show))
        .layer(from_fn_with_state(state, crate::rate_limit::public))
}

/// The public API: JSON, outside the pages' sessions and error pages, limited per client.
fn public_api(state: AppState) -> Router<AppState> {
    use crate::routes::public::{api, trust};
    Router::new()
        .route("/api/v1/certificates", get(api::certificates))
        .route("/api/v1/certificates/{number}", get(api::certificate))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/.well-known/did.json", get(trust::did_document))
        .route(
            "/credentials/status/{purpose}/{list}",
            get(trust::status_list),
        )
        .layer(from_fn_with_state(state, crate::rate_limit::public))
}

/// The router of the private metrics listener (`CERTPORTAL_METRICS_BIND`): `/metrics`
/// without a token, and nothing else.
pub fn metrics_only(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(system::metrics_text))
        .with_state(state)
}
