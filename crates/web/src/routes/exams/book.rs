//! «Boka prov»: choose the exam kind, see its sessions with free seats (filtered by city,
//! paged in the database), «Boka» on a confirmation page naming the exam, date, place,
//! what to bring and the last cancel day, then `app::exams::book`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::exams::SessionStatus;
use domain::RuleError;
use serde::Deserialize;
use store::models::exam::{ExamKind, ExamSession, SessionRow};
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::paging::{page_no, PER_PAGE};
use crate::render::render;
use crate::state::AppState;

/// The GET form of «Boka prov», so a search can be bookmarked.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BookQuery {
    pub kind: String,
    pub city: String,
    pub page: String,
}

#[derive(Template)]
#[template(path = "exam_book.html")]
struct BookPage {
    ctx: Ctx,
    kinds: Vec<ExamKind>,
    kind: String,
    city: String,
    /// The sessions, once a known kind is chosen.
    sessions: Option<Page<SessionRow>>,
    pager_base: String,
    errors: FormErrors,
}

/// GET /exams/book: the choice of exam and, for a chosen one, its bookable sessions.
pub async fn show_book(
    State(state): State<AppState>,
    ctx: Ctx,
    User(_user): User,
    Query(q): Query<BookQuery>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    let kind = q.kind.trim().to_string();
    let city =
        crate::forms::single_line(&mut errors, &ctx, "city", &q.city, domain::text::LINE_MAX);
    let page = page_no(&q.page);
    let today = app::today();
    let (kinds, sessions) = {
        let kind = kind.clone();
        let city = (!city.is_empty() && errors.is_empty()).then(|| city.clone());
        state
            .db
            .run(move |c| {
                let kinds = ExamKind::all(c)?;
                let sessions = if kinds.iter().any(|k| k.id == kind) {
                    Some(ExamSession::bookable(
                        c,
                        &kind,
                        today,
                        city.as_deref(),
                        page,
                        PER_PAGE,
                    )?)
                } else {
                    None
                };
                Ok((kinds, sessions))
            })
            .await?
    };
    if !kind.is_empty() && sessions.is_none() {
        errors.add("kind", ctx.t("exams-err-kind"));
    }
    let pager_base = format!(
        "/exams/book?kind={}&city={}&",
        crate::auth::user::urlencode(&kind),
        crate::auth::user::urlencode(&city)
    );
    let failed = !errors.is_empty();
    let html = render(&BookPage {
        ctx,
        kinds,
        kind,
        city,
        sessions: if failed { None } else { sessions },
        pager_base,
        errors,
    })?;
    Ok(if failed { with_errors(html) } else { html })
}

#[derive(Template)]
#[template(path = "exam_book_confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    row: SessionRow,
    /// The rule's text when the booking was refused; no «Boka» then.
    refusal: Option<String>,
}

async fn session(state: &AppState, id: String) -> AppResult<SessionRow> {
    state
        .db
        .run(move |c| ExamSession::find_row(c, &id))
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /exams/book/{session}: the confirmation page.
pub async fn confirm_book(
    State(state): State<AppState>,
    ctx: Ctx,
    User(_user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let row = session(&state, id).await?;
    // What the page can already see: booking closed, or no seat left. The other rules
    // (booked already, too many attempts) answer «Boka».
    let s = &row.session;
    let refusal = if s.status != SessionStatus::Open || app::today() > s.last_booking_day {
        Some(RuleError::BookingClosed)
    } else if row.seats_left() == 0 {
        Some(RuleError::SessionFull)
    } else {
        None
    };
    let refused = refusal.is_some();
    let mut r = render(&ConfirmPage {
        refusal: refusal.map(|e| ctx.t(e.message_key())),
        ctx,
        row,
    })?;
    if refused {
        *r.status_mut() = StatusCode::CONFLICT;
    }
    Ok(r)
}

/// POST /exams/book/{session}: «Boka». A rule's refusal (full, booked already, too many
/// attempts, booking closed) comes back on the confirmation page with its text.
pub async fn book(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let sid = id.clone();
    let outcome = state
        .db
        .run(move |c| Ok(app::exams::book(c, &actor, &sid, app::today(), &base)))
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_flash(
            "/exams",
            "exam-booked",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(e)) => {
            let row = session(&state, id).await?;
            let mut r = render(&ConfirmPage {
                refusal: Some(ctx.t(e.message_key())),
                ctx,
                row,
            })?;
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}
