//! E-mails: written in the recipient's language from the `mail-<kind>-subject` and
//! `mail-<kind>-body` texts, and queued in the outbox inside the caller's transaction, so
//! no mail goes out for a change that rolled back.

use store::models::outbox::Mail;
use store::{DbConn, StoreResult};
use texts::Lang;

/// Queues the mail `kind` to `to`, in the language whose code is `lang` (Swedish when the
/// code is unknown).
pub fn enqueue(
    conn: &mut DbConn,
    to: &str,
    lang: &str,
    kind: &str,
    args: &[(&'static str, String)],
) -> StoreResult<()> {
    let lang = Lang::from_code(lang).unwrap_or_default();
    let subject = texts::t_args(lang, &format!("mail-{kind}-subject"), args);
    let body = texts::t_args(lang, &format!("mail-{kind}-body"), args);
    Mail::enqueue(conn, to, &subject, &body)
}
