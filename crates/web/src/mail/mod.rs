//! E-mails: `app::mail` writes them into the outbox; `worker` delivers them through a
//! `transport`, retrying as `retry` says.

pub mod retry;
pub mod transport;
pub mod worker;

use store::{DbConn, StoreResult};

use crate::i18n::Lang;

/// Queues the mail `mail-<kind>-subject` / `mail-<kind>-body` with `args` (see
/// `app::mail::enqueue`).
pub fn enqueue(
    conn: &mut DbConn,
    to: &str,
    lang: Lang,
    kind: impl std::fmt::Display,
    args: &[(&'static str, String)],
) -> StoreResult<()> {
    app::mail::enqueue(conn, to, lang.code(), &kind.to_string(), args)
}

/// The language to write to a person in.
pub fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or_default()
}
