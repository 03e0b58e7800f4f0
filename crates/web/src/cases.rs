//! What the person's and the staff's case pages share: loading a case the caller may
//! see, the facts the process rules need, and how a case is named. Reads only: every
//! change to a case is an `app::cases` function.

use store::models::case::{Case, CaseRow};

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The facts about a case that the rules of `domain::certification` decide on: the
/// pages read them the same way the application layer does.
pub use app::cases::facts;

/// Who sees a case: its holder and the staff (to anyone else it does not exist).
pub fn may_see(row: &CaseRow, person_id: &str, is_staff: bool) -> bool {
    row.case.person_id == person_id || is_staff
}

/// The case at `id` if it is the caller's own (the person's actions: upload, attest,
/// invoice recipient). Staff get 404 here too: they act through «Handläggning».
pub async fn own_case(state: &AppState, user: &CurrentUser, id: String) -> AppResult<CaseRow> {
    let row = state
        .db
        .run(move |c| Case::find_row(c, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_own(&row, user) {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// Whether the case is the caller's own: `own_case`'s rule, for a page that reads the
/// case together with more in one round trip.
pub fn is_own(row: &CaseRow, user: &CurrentUser) -> bool {
    row.case.person_id == user.person.id
}

/// «<Teknikområde> - <Certifikat>», as lists, headings and e-mails name a case.
pub use app::mail::certificate_title;

/// A rule refused the action: the page shows why, and nothing changed.
pub fn rule(e: domain::certification::RuleError) -> AppError {
    AppError::Rule(e.message_key())
}
