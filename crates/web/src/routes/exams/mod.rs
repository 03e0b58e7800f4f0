//! «Prov» from the person's side: their bookings and results (`/exams`), «Boka prov»
//! (`book`), «Avboka» (`cancel`), and what the case page shows beside an exam moment
//! (`moment_notes`). The changes are `app::exams::{book, cancel}`.

pub mod book;
pub mod cancel;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::certification::{MomentKind, MomentStatus};
use domain::exams::{check_cancel, BookingStatus};
use store::models::exam::{ExamBooking, ExamKind, MyBooking};
use store::models::moment::MomentRow;
use time::Date;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::render;
use crate::state::AppState;

pub use book::{book, confirm_book, show_book};
pub use cancel::{cancel, confirm_cancel};

/// The colour of a booking's status tag (DESIGN.md: blue under way, green done).
pub fn booking_tone(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Booked => "blue",
        BookingStatus::Cancelled => "neutral",
        BookingStatus::Done => "green",
    }
}

/// A booking as the «Prov» page lists it.
pub struct BookingView {
    pub id: String,
    pub exam: String,
    pub when: String,
    pub centre: String,
    pub place: String,
    pub status: BookingStatus,
    pub tone: &'static str,
    /// Once the results are fixed: «Godkänt» / «Underkänt», its tag colour, and the points.
    pub result: Option<(String, &'static str, String)>,
    pub cancellable: bool,
}

fn booking_view(ctx: &Ctx, b: &MyBooking, today: Date) -> BookingView {
    let s = &b.session.session;
    let kind = &b.session.kind;
    let result = (b.booking.status == BookingStatus::Done).then(|| {
        let (key, tone) = if b.booking.passed {
            ("exam-passed", "green")
        } else {
            ("exam-failed", "red")
        };
        let points = b
            .booking
            .points
            .map(|p| {
                ctx.t2(
                    "exams-points",
                    "points",
                    p.to_string(),
                    "max",
                    kind.max_points.to_string(),
                )
            })
            .unwrap_or_default();
        (ctx.t(key), tone, points)
    });
    BookingView {
        id: b.booking.id.clone(),
        exam: kind.name(ctx.lang.code()).to_string(),
        when: format!("{} {}", ctx.date(s.on_date), s.start_time),
        centre: b.session.centre.name.clone(),
        place: format!("{}, {}", s.address, s.city),
        status: b.booking.status,
        tone: booking_tone(b.booking.status),
        result,
        cancellable: check_cancel(b.booking.status, s.last_cancel_day, today).is_ok(),
    }
}

#[derive(Template)]
#[template(path = "exams.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<BookingView>,
}

/// GET /exams: the person's bookings and results, newest session first.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let bookings = state
        .db
        .run(move |c| ExamBooking::for_person(c, &pid))
        .await?;
    let today = app::today();
    let rows = bookings
        .iter()
        .map(|b| booking_view(&ctx, b, today))
        .collect();
    render(&ListPage { ctx, rows })
}

/// What the «Moment» table shows beside an exam moment: the person's latest fixed result
/// of a kind that satisfies it, and the kind «Boka prov» starts from.
pub struct ExamNote {
    pub moment_id: String,
    /// «Underkänt 20/40 (2026-12-10)» and its tag colour.
    pub result: Option<(String, &'static str)>,
    /// «Boka prov» is offered (the moment is not approved yet): the exam kind to book.
    pub book_kind: Option<String>,
}

/// No notes: the staff's case page shows the moments without them.
pub const NO_NOTES: &[ExamNote] = &[];

/// The notes of a case's exam moments, read in the page's round trip.
pub fn moment_notes(
    c: &mut store::DbConn,
    lang: crate::i18n::Lang,
    person_id: &str,
    moments: &[MomentRow],
) -> store::StoreResult<Vec<ExamNote>> {
    let exam_moments: Vec<&MomentRow> = moments
        .iter()
        .filter(|m| m.template.kind == MomentKind::Exam)
        .collect();
    if exam_moments.is_empty() {
        return Ok(vec![]);
    }
    // Newest session first; a person has a handful.
    let mine = ExamBooking::for_person(c, person_id)?;
    let mut notes = Vec::new();
    for m in exam_moments {
        let kinds = ExamKind::satisfying(c, &m.template.id)?;
        let latest = mine.iter().find(|b| {
            b.booking.status == BookingStatus::Done
                && kinds.iter().any(|k| k.id == b.booking.exam_kind_id)
        });
        let result = latest.map(|b| {
            let (key, tone) = if b.booking.passed {
                ("exam-passed", "green")
            } else {
                ("exam-failed", "red")
            };
            let text = crate::i18n::t_args(
                lang,
                "exams-moment-result",
                &[
                    ("outcome", crate::i18n::t(lang, key)),
                    (
                        "points",
                        b.booking
                            .points
                            .map(|p| p.to_string())
                            .unwrap_or_else(|| "–".into()),
                    ),
                    ("max", b.session.kind.max_points.to_string()),
                    ("date", domain::stockholm::format_date(b.booking.taken_on)),
                ],
            );
            (text, tone)
        });
        let book_kind = (m.moment.status != MomentStatus::Approved)
            .then(|| kinds.first().map(|k| k.id.clone()))
            .flatten();
        notes.push(ExamNote {
            moment_id: m.moment.id.clone(),
            result,
            book_kind,
        });
    }
    Ok(notes)
}
