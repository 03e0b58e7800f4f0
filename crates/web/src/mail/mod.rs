//! E-mails: composed from Fluent texts in the recipient's language and queued in the
//! outbox inside the caller's transaction; `worker` delivers them.

pub mod worker;

use store::models::outbox::Mail;
use store::{DbConn, StoreResult};

use crate::i18n::{self, Lang};

/// Queues the mail `mail-<kind>-subject` / `mail-<kind>-body` with `args`.
pub fn enqueue(
    conn: &mut DbConn,
    to: &str,
    lang: Lang,
    kind: &str,
    args: &[(&'static str, String)],
) -> StoreResult<()> {
    let subject = i18n::t_args(lang, &format!("mail-{kind}-subject"), args);
    let body = i18n::t_args(lang, &format!("mail-{kind}-body"), args);
    Mail::enqueue(conn, to, &subject, &body)
}

/// The language to write to a person in.
pub fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_default()
}
