//! One connection type over both backends, a pool that picks the backend by the URL's
//! scheme, and write transactions that are `BEGIN IMMEDIATE` on SQLite (a deferred
//! read-then-write transaction fails with "database is locked" under concurrency).

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;

use crate::error::{StoreError, StoreResult};

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl DbConn {
    pub fn is_postgres(&self) -> bool {
        matches!(self, DbConn::Postgres(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// `sqlite://data/x.db`, `sqlite:x.db` and a bare path all name a SQLite file.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Opens connections for r2d2, keeping the real error (the derived `establish` hides it)
/// and applying the SQLite settings every connection needs.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: String,
}

impl ConnectionManager {
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into() }
    }

    pub fn connect(&self) -> StoreResult<DbConn> {
        match Backend::from_url(&self.url) {
            Backend::Postgres => Ok(DbConn::Postgres(PgConnection::establish(&self.url)?)),
            Backend::Sqlite => {
                let mut conn = SqliteConnection::establish(sqlite_path(&self.url))?;
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }
}

/// A connection as the pool keeps it: with when it was last handed back (`Db` tries one
/// that has been idle a while), and whether that try failed (then the pool drops it).
pub struct Pooled {
    pub(crate) conn: DbConn,
    pub(crate) returned: std::time::Instant,
    pub(crate) lost: bool,
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = Pooled;
    type Error = StoreError;

    fn connect(&self) -> Result<Pooled, StoreError> {
        Ok(Pooled {
            conn: ConnectionManager::connect(self)?,
            returned: std::time::Instant::now(),
            lost: false,
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), StoreError> {
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(StoreError::from)
    }

    /// As Diesel's own r2d2 manager decides: a connection checked in while its thread
    /// panics, or with a transaction still open (or its transaction manager in error), is
    /// discarded. Otherwise a panic inside `write_tx` would hand the next request a
    /// connection still inside the half-done transaction: on SQLite it keeps the write
    /// lock and every later `write_tx` fails with "already in transaction"; on PostgreSQL
    /// later transactions nest as savepoints of one that never commits.
    ///
    /// A PostgreSQL connection that a statement found cut off from the database (a
    /// restart, a dropped socket) is broken too: Diesel puts its transaction manager in
    /// error when libpq no longer knows the transaction's state.
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.lost
            || std::thread::panicking()
            || diesel::r2d2::R2D2Connection::is_broken(&mut pooled.conn)
    }
}

/// Runs a Diesel query on the backend's own connection instead of through `DbConn`.
/// Diesel's two-backend connection writes out a query's whole SQL text on every execution,
/// twice (to ask whether it may be cached, and again while it collects the binds), even
/// when the prepared statement is cached: on a signed-in page that was a quarter of the
/// server's time. On the backend's own connection a cached statement is found by its type
/// and only its binds are walked. The body is compiled once per backend, so this is for
/// the statements that many requests run; the rest go through `DbConn`. Such a statement
/// also ends in `.prepared()` where it can (`crate::prepared`).
///
/// `native!(conn, c => sessions::table.find(id).limit(1).prepared().get_result::<Session>(c))`
#[macro_export]
macro_rules! native {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::DbConn::Sqlite($c) => $body,
            $crate::DbConn::Postgres($c) => $body,
        }
    };
}

/// Runs `f` in a write transaction: `BEGIN IMMEDIATE` on SQLite so the write lock is taken
/// up front (and waited for through `busy_timeout`), an ordinary transaction on PostgreSQL.
/// Every state change and its event and e-mail go through here, so they commit together.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Postgres(_) => conn.transaction(f),
        DbConn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            let result = f(conn);
            end_transaction(conn, result)
        }
    }
}

/// Ends the transaction a caller began by hand, as `Connection::transaction` would:
/// committed when `result` is a success, rolled back when it is an error. The caller's
/// error is what matters; a failed rollback leaves the transaction manager counting the
/// transaction open, and the pool discards the connection (`has_broken`).
pub(crate) fn end_transaction<T, E>(conn: &mut DbConn, result: Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match result {
        Ok(value) => {
            <DbConn as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(e) => {
            let _ = <DbConn as Connection>::TransactionManager::rollback_transaction(conn);
            Err(e)
        }
    }
}
