//! The one hourly limit on the mails a public form sends to an account (a reset link, a
//! new verification link, the «already registered» notice): `domain::mail_limit`'s rule,
//! counted in the database. The callers answer the browser the same whether or not the
//! mail went out, so the limit cannot be used to probe for accounts either.

use domain::mail_limit::{self, LimitedMail};
use store::models::limited_mail::LimitedMailLog;
use store::{DbConn, StoreResult};
use time::PrimitiveDateTime;

/// Inside the caller's write transaction: true, and the mail counted, when the person may
/// be sent another mail of `kind` at `now`; false when they have had their share of the
/// hour (the caller then sends nothing).
pub(crate) fn take(
    c: &mut DbConn,
    person_id: &str,
    kind: LimitedMail,
    now: PrimitiveDateTime,
) -> StoreResult<bool> {
    LimitedMailLog::lock_person(c, person_id)?;
    let since = mail_limit::window_start(now);
    if !mail_limit::may_send(LimitedMailLog::count_since(c, person_id, kind, since)?) {
        return Ok(false);
    }
    LimitedMailLog::record(c, person_id, kind, now, since)?;
    Ok(true)
}
