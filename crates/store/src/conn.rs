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
        let url = url.into();
        let url = match Backend::from_url(&url) {
            // On the same host, no TLS unless the server requires it (`pg_url`).
            Backend::Postgres => crate::pg_url::effective(&url),
            Backend::Sqlite => url,
        };
        Self { url }
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

/// A statement of fixed SQL as a type of its own: Diesel keeps it prepared on the
/// connection by that type, where `batch_execute` (Diesel's own way to begin and commit)
/// parses the SQL anew each time. Every signed-in page on SQLite begins and commits one
/// read transaction (`Db::run_short_keeping`), and those two parses were 1.7 % of a case
/// page's instructions.
macro_rules! kept_statement {
    ($name:ident, $sql:literal) => {
        #[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
        struct $name;

        impl diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
            ) -> diesel::QueryResult<()> {
                out.push_sql($sql);
                Ok(())
            }
        }

        impl diesel::RunQueryDsl<SqliteConnection> for $name {}
    };
}

kept_statement!(Begin, "BEGIN");
kept_statement!(Commit, "COMMIT");

/// Moves the transaction manager's count of open transactions by one, as Diesel's own
/// begin and commit do after their statement ran.
fn count_transaction(
    conn: &mut SqliteConnection,
    change: diesel::connection::TransactionDepthChange,
) -> diesel::QueryResult<()> {
    match AnsiTransactionManager::transaction_manager_status_mut(conn) {
        diesel::connection::TransactionManagerStatus::Valid(status) => {
            status.change_transaction_depth(change)
        }
        diesel::connection::TransactionManagerStatus::InError => {
            Err(diesel::result::Error::BrokenTransactionManager)
        }
    }
}

/// Begins a read transaction: on SQLite by the prepared `BEGIN` (deferred: it takes the
/// read lock at the first read), elsewhere as Diesel does. Only outside any transaction.
pub(crate) fn begin_read(conn: &mut DbConn) -> diesel::QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => {
            if AnsiTransactionManager::transaction_manager_status_mut(c)
                .transaction_depth()?
                .is_some()
            {
                return Err(diesel::result::Error::AlreadyInTransaction);
            }
            diesel::RunQueryDsl::execute(Begin, c)?;
            count_transaction(c, diesel::connection::TransactionDepthChange::IncreaseDepth)
        }
        DbConn::Postgres(_) => <DbConn as Connection>::TransactionManager::begin_transaction(conn),
    }
}

/// Ends a read transaction `begin_read` began: committed when `result` is a success
/// (on SQLite by the prepared `COMMIT`), rolled back when it is an error, as
/// `end_transaction` does.
pub(crate) fn end_read<T, E>(conn: &mut DbConn, result: Result<T, E>) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let DbConn::Sqlite(c) = conn else {
        return end_transaction(conn, result);
    };
    let top_level = AnsiTransactionManager::transaction_manager_status_mut(c)
        .transaction_depth()
        .map_err(E::from)?
        .is_some_and(|d| d.get() == 1);
    match result {
        Ok(value) if top_level => match diesel::RunQueryDsl::execute(Commit, c) {
            Ok(_) => {
                count_transaction(c, diesel::connection::TransactionDepthChange::DecreaseDepth)?;
                Ok(value)
            }
            Err(e) => {
                // As Diesel does when a commit fails: roll back, and should that fail too,
                // the manager keeps counting it open and the pool discards the connection.
                let _ = <DbConn as Connection>::TransactionManager::rollback_transaction(conn);
                Err(e.into())
            }
        },
        other => end_transaction(conn, other),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::{Arc, Mutex};

    use diesel::connection::InstrumentationEvent;
    use diesel::prelude::*;

    use super::*;

    fn open(path: &std::path::Path) -> DbConn {
        ConnectionManager::new(path.to_string_lossy().to_string())
            .connect()
            .unwrap()
    }

    fn count(c: &mut DbConn) -> i64 {
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM t)",
        ))
        .get_result(c)
        .unwrap()
    }

    fn depth(c: &mut DbConn) -> Option<u32> {
        <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()
            .unwrap()
            .map(|d| d.get())
    }

    /// A read transaction begun and committed by the kept statements reads one snapshot,
    /// is counted as Diesel counts its own, prepares `BEGIN` and `COMMIT` once for many
    /// transactions, and rolls back on an error.
    #[test]
    fn a_read_transaction_reads_one_snapshot_and_keeps_its_statements() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut reader = open(&path);
        let mut writer = open(&path);
        diesel::sql_query("CREATE TABLE t (x INTEGER)")
            .execute(&mut writer)
            .unwrap();
        let prepared = Arc::new(Mutex::new(Vec::<String>::new()));
        let into = prepared.clone();
        if let DbConn::Sqlite(c) = &mut reader {
            c.set_instrumentation(move |event: InstrumentationEvent<'_>| {
                if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                    into.lock().unwrap().push(sql.to_string());
                }
            });
        }

        for round in 0..3_i64 {
            begin_read(&mut reader).unwrap();
            assert_eq!(depth(&mut reader), Some(1));
            // Not twice.
            assert!(matches!(
                begin_read(&mut reader),
                Err(diesel::result::Error::AlreadyInTransaction)
            ));
            assert_eq!(count(&mut reader), round);
            diesel::sql_query("INSERT INTO t VALUES (1)")
                .execute(&mut writer)
                .unwrap();
            // The snapshot the first read took holds until the commit.
            assert_eq!(count(&mut reader), round);
            let done: Result<i64, diesel::result::Error> = end_read(&mut reader, Ok(round));
            assert_eq!(done.unwrap(), round);
            assert_eq!(depth(&mut reader), None);
            assert_eq!(count(&mut reader), round + 1);
        }
        let kept = prepared.lock().unwrap().clone();
        assert_eq!(
            kept.iter()
                .filter(|s| *s == "BEGIN" || *s == "COMMIT")
                .count(),
            2,
            "{kept:?}"
        );

        // An error ends it too, rolled back, and the connection begins the next.
        begin_read(&mut reader).unwrap();
        let failed: Result<(), diesel::result::Error> =
            end_read(&mut reader, Err(diesel::result::Error::NotFound));
        assert!(matches!(failed, Err(diesel::result::Error::NotFound)));
        assert_eq!(depth(&mut reader), None);
        begin_read(&mut reader).unwrap();
        let done: Result<(), diesel::result::Error> = end_read(&mut reader, Ok(()));
        done.unwrap();
    }
}
