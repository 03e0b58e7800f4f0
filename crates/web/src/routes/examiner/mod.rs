//! «Provtillfällen»: the examiner's (and the staff's) exam sessions. The list shows the
//! sessions of the centres the person examines (every centre for staff); «Nytt
//! provtillfälle» creates one (`new`); the session page lists the booked persons and
//! takes their results, fixes them after a page that asks first, and lets staff correct
//! a fixed result (`session`). Every change is one `app::exams` function, which checks
//! again who may do it.

mod new;
mod session;

pub(crate) use new::SessionForm;
pub use new::{create, show_new};
pub(crate) use session::CorrectForm;
pub use session::{confirm_fix, correct, fix, save, show, show_correct};

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use store::models::exam::{ExamCentre, SessionRow};
use store::models::Page;
use store::DbConn;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::paging::{page_no, PageQuery, PER_PAGE};
use crate::render::render;
use crate::state::AppState;

/// Which centres the actor manages: `None` all of them (staff), else the centres they
/// examine; an actor who is neither is refused.
fn scope(c: &mut DbConn, actor: &app::Actor) -> Result<Option<Vec<ExamCentre>>, AppError> {
    if actor.is_staff() {
        return Ok(None);
    }
    let centres = ExamCentre::of_examiner(c, &actor.id)?;
    if centres.is_empty() {
        return Err(AppError::Forbidden("error-forbidden-examiner"));
    }
    Ok(Some(centres))
}

#[derive(Template)]
#[template(path = "exam_sessions.html")]
struct SessionsPage {
    ctx: Ctx,
    page: Page<SessionRow>,
    page_base: String,
}

/// How far back «Provtillfällen» lists sessions: their results are fixed long since.
const LISTED_MONTHS_BACK: i32 = 12;

/// «Provtillfällen»: the sessions of the actor's centres from a year ago on, latest date
/// first.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let actor = user.actor();
    let n = page_no(&q.page);
    let since = domain::certification::life::add_months(app::today(), -LISTED_MONTHS_BACK);
    let page = state
        .db
        .run(move |c| {
            let ids = match scope(c, &actor) {
                Ok(s) => s.map(|cs| cs.into_iter().map(|c| c.id).collect::<Vec<_>>()),
                Err(e) => return Ok(Err(e)),
            };
            Ok(Ok(store::models::exam::ExamSession::for_centres(
                c,
                ids.as_deref(),
                since,
                n,
                PER_PAGE,
            )?))
        })
        .await??;
    render(&SessionsPage {
        ctx,
        page,
        page_base: "/exam-sessions?".into(),
    })
}
