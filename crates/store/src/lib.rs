//! certportal's database layer: one Diesel schema over SQLite and PostgreSQL, each model
//! with its own queries (as vaultwarden does), migrations per backend, embedded.

pub mod conn;
pub mod db;
pub mod error;
pub mod models;
pub mod pg_admin;
pub mod pg_url;
pub mod prepared;
pub mod schema;
pub mod snapshot;
pub mod stamp;

pub use conn::{write_tx, Backend, DbConn};
pub use db::Db;
pub use diesel::result::Error as DieselError;
pub use error::{StoreError, StoreResult};
pub use prepared::PreparedDsl;

/// The current UTC time, truncated to microseconds so that both backends store it alike.
pub fn now() -> time::PrimitiveDateTime {
    let now = time::OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.microsecond() * 1000)
        .unwrap_or(now);
    time::PrimitiveDateTime::new(now.date(), now.time())
}

/// A new record id: UUID v7, so ids sort by creation time.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
