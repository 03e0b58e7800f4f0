//! «Avboka»: a confirmation page naming the booking, then `app::exams::cancel`, possible
//! through the session's last cancel day.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::exams::check_cancel;
use store::models::exam::{ExamBooking, ExamSession, SessionRow};

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::redirect_with_flash;
use crate::render::render;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "exams_cancel.html")]
struct CancelPage {
    ctx: Ctx,
    booking_id: String,
    row: SessionRow,
    /// What will happen: the exam, its date and centre.
    warning: String,
    /// The rule's text when the booking can no longer be cancelled; no «Avboka» then.
    refusal: Option<String>,
}

/// The person's own booking and its session; anyone else's is "not found".
async fn own(
    state: &AppState,
    person_id: &str,
    id: String,
) -> AppResult<(ExamBooking, SessionRow)> {
    let pid = person_id.to_string();
    state
        .db
        .run(move |c| {
            let Some(b) = ExamBooking::find(c, &id)?.filter(|b| b.person_id == pid) else {
                return Ok(None);
            };
            Ok(ExamSession::find_row(c, &b.session_id)?.map(|row| (b, row)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

fn page(
    ctx: Ctx,
    booking_id: String,
    row: SessionRow,
    refusal: Option<String>,
) -> AppResult<Response> {
    let refused = refusal.is_some();
    let warning = crate::i18n::t_args(
        ctx.lang,
        "exams-cancel-warning",
        &[
            ("exam", row.kind.name(ctx.lang.code()).to_string()),
            ("date", ctx.date(row.session.on_date)),
            ("centre", row.centre.name.clone()),
        ],
    );
    let mut r = render(&CancelPage {
        ctx,
        warning,
        booking_id,
        row,
        refusal,
    })?;
    if refused {
        *r.status_mut() = StatusCode::CONFLICT;
    }
    Ok(r)
}

/// GET /exams/bookings/{id}/cancel: the confirmation page.
pub async fn confirm_cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (b, row) = own(&state, &user.person.id, id.clone()).await?;
    let refusal = check_cancel(b.status, row.session.last_cancel_day, app::today())
        .err()
        .map(|e| ctx.t(e.message_key()));
    page(ctx, id, row, refusal)
}

/// POST /exams/bookings/{id}/cancel: «Avboka».
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (_, row) = own(&state, &user.person.id, id.clone()).await?;
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let bid = id.clone();
    let outcome = state
        .db
        .run(move |c| Ok(app::exams::cancel(c, &actor, &bid, app::today(), &base)))
        .await?;
    match outcome {
        Ok(()) => Ok(redirect_with_flash(
            "/exams",
            "exam-cancelled",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(e)) => {
            let refusal = ctx.t(e.message_key());
            page(ctx, id, row, Some(refusal))
        }
        Err(e) => Err(e.into()),
    }
}
