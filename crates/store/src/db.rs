//! The pool and the one way handlers reach the database: `Db::run` hands a pooled
//! connection to a closure on a blocking thread, so Diesel never blocks the async runtime
//! for long; a short read (`Db::run_short`) runs on the calling thread when a connection is
//! free at once.

use std::time::{Duration, Instant};

use diesel::connection::{Connection, SimpleConnection, TransactionManager};
use diesel::RunQueryDsl;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::conn::{Backend, ConnectionManager, DbConn};
use crate::error::{StoreError, StoreResult};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A PostgreSQL connection idle longer than this is tried with `SELECT 1` before it is
/// handed out (the database may have restarted meanwhile). One in steady use is not: a
/// statement that finds it cut off fails, and the pool drops it (`has_broken`), so the
/// try does not add a network round trip to every request.
const IDLE_BEFORE_TRY: Duration = Duration::from_secs(1);

/// A key for `pg_advisory_lock`, so that instances started together migrate one at a time.
const MIGRATION_LOCK_KEY: i64 = 0x6365_7274_706f;

#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<ConnectionManager>,
    backend: Backend,
    /// One permit per pooled connection: `run` waits for one before it takes a blocking
    /// thread. Without them, requests beyond the pool's size each sat in a blocking thread
    /// on r2d2's condition variable (some 80 threads at 16 connections of load), and on
    /// PostgreSQL every few tens of seconds all of them stalled together for up to 1.7 s,
    /// with the database idle.
    permits: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Db {
    /// Connects (failing fast when the database cannot be reached) without migrating.
    pub fn connect(url: &str, max_connections: u32) -> StoreResult<Db> {
        let backend = Backend::from_url(url);
        if backend == Backend::Sqlite {
            if let Some(parent) = std::path::Path::new(crate::conn::sqlite_path(url)).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| StoreError::Migration(format!("creating {parent:?}: {e}")))?;
                }
            }
        }
        let pool = r2d2::Pool::builder()
            .max_size(max_connections)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(5))
            // `checkout` tries the connections that may have gone stale.
            .test_on_check_out(false)
            .build(ConnectionManager::new(url))?;
        let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(max_connections as usize));
        Ok(Db {
            pool,
            backend,
            permits,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` with a pooled connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> StoreResult<T>
    where
        F: FnOnce(&mut DbConn) -> StoreResult<T> + Send + 'static,
        T: Send + 'static,
    {
        // A request holds one connection at most: the one its session's read kept is
        // handed back before this one is waited for (`keeping_reads`).
        drop(take_held());
        let pool = self.pool.clone();
        let backend = self.backend;
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| StoreError::Join(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            // Held until the closure ends, also when the caller has gone.
            let _permit = permit;
            let mut pooled = checkout(&pool, backend)?;
            let result = f(&mut pooled.conn);
            pooled.returned = Instant::now();
            result
        })
        .await
        .map_err(|e| StoreError::Join(e.to_string()))?
    }

    /// As `run`, for a read known to be short: lookups by key and short index ranges, such
    /// as the session a signed-in request starts with, or a person's own pages (a case,
    /// «Certifikat», «Anställningar», «Händelselogg»). Never a write: one may wait for the
    /// write lock. When a connection is free at once, it runs here on the calling thread:
    /// the hand-off to a blocking thread and back (a wake-up and a context switch each way)
    /// took a quarter of the session's time and a fifth of a case page's on SQLite, where
    /// a lookup in the page cache takes a few microseconds. On PostgreSQL such a read is
    /// one or two round trips over loopback, and the hand-off cost as much again as the
    /// statements (`free_now`). When every connection is busy it waits through `run`.
    ///
    /// On SQLite the reads are also one read transaction: a statement outside one begins
    /// and ends its own, taking and releasing the WAL's read lock (a mutex and the shared
    /// memory's lock) each time, which was a fifth of a case page's time. The page's reads
    /// then also see one snapshot of the database. On PostgreSQL each statement is its own
    /// transaction: a `BEGIN` and a `COMMIT` would be two round trips more.
    pub async fn run_short<T, F>(&self, f: F) -> StoreResult<T>
    where
        F: FnOnce(&mut DbConn) -> StoreResult<T> + Send + 'static,
        T: Send + 'static,
    {
        if let Some(held) = take_held() {
            return held.finish(f);
        }
        if let Some(mut free) = self.free_now() {
            return free.read(f);
        }
        if self.backend == Backend::Postgres {
            return self.run(f).await;
        }
        // The same read transaction a held one is (`conn::begin_read`, `end_read`): its
        // `BEGIN` and `COMMIT` kept prepared.
        self.run(|c: &mut DbConn| {
            crate::conn::begin_read(c)?;
            let result = f(c);
            crate::conn::end_read(c, result)
        })
        .await
    }

    /// As `run_short`, for the first read of a request inside `keeping_reads`: when it ran
    /// here on the calling thread, its connection is kept, on SQLite with its read
    /// transaction open, and the request's next `run_short` (the page's reads) runs on it.
    /// A signed-in page then begins and ends one read transaction, not two: on a person's
    /// page each took and released the database file's lock (a `fcntl` and a mutex that the
    /// workers contend for) and prepared `BEGIN` and `COMMIT`, a tenth of the page's CPU.
    /// The session and the page also read one snapshot. On PostgreSQL the page's reads
    /// need not wait for a connection a second time. Outside `keeping_reads`, or when no
    /// connection was free at once, it is `run_short`.
    pub async fn run_short_keeping<T, F>(&self, f: F) -> StoreResult<T>
    where
        F: FnOnce(&mut DbConn) -> StoreResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let keeping = HELD.try_with(|h| h.borrow().is_none()).unwrap_or(false);
        if !keeping {
            return self.run_short(f).await;
        }
        let Some(mut free) = self.free_now() else {
            return self.run_short(f).await;
        };
        let in_read = self.backend == Backend::Sqlite;
        if in_read {
            crate::conn::begin_read(&mut free.pooled.conn)?;
        }
        let mut held = Held { free, in_read };
        match f(&mut held.free.pooled.conn) {
            Ok(value) => {
                held.free.pooled.returned = Instant::now();
                let _ = HELD.try_with(|h| *h.borrow_mut() = Some(held));
                Ok(value)
            }
            Err(e) => {
                drop(held);
                Err(e)
            }
        }
    }

    /// A connection and its permit when both are free at once, for a short read on the
    /// calling thread (`run_short`). A PostgreSQL connection idle over `IDLE_BEFORE_TRY`
    /// is tried first, as `checkout` does; one that fails the try is dropped, and the
    /// read waits through `run` for another.
    ///
    /// On PostgreSQL the calling thread is one of the runtime's workers, and it waits for
    /// the database's answer: only reads that take a round trip or two belong here (a
    /// lookup by key, a short index range), never a queue or a search. A database that
    /// stops answering on an open connection holds the worker as it would hold a blocking
    /// thread; on loopback or a local network the kernel answers a dead server's socket at
    /// once.
    fn free_now(&self) -> Option<Free> {
        let permit = self.permits.clone().try_acquire_owned().ok()?;
        let mut pooled = self.pool.try_get()?;
        if self.backend == Backend::Postgres
            && pooled.returned.elapsed() >= IDLE_BEFORE_TRY
            && pooled.conn.batch_execute("SELECT 1").is_err()
        {
            // Handed back marked lost: the pool drops it.
            pooled.lost = true;
            return None;
        }
        Some(Free {
            pooled,
            _permit: permit,
        })
    }

    /// Runs `fut` (a request) so that its first read through `run_short_keeping` may
    /// keep its connection (on SQLite its read transaction) for the next `run_short`.
    /// Whatever is still held when `fut` ends (a page that read nothing more) is handed
    /// back then. Only for a request that reads at once and does not wait on anything slow
    /// before its reads (a GET): while held, the connection is one of the pool's few.
    pub async fn keeping_reads<F: std::future::Future>(&self, fut: F) -> F::Output {
        HELD.scope(std::cell::RefCell::new(None), fut).await
    }

    /// The same as `run`, for callers that are not async (the CLI, tests' set-up).
    pub fn run_blocking<T>(&self, f: impl FnOnce(&mut DbConn) -> StoreResult<T>) -> StoreResult<T> {
        let mut pooled = checkout(&self.pool, self.backend)?;
        let result = f(&mut pooled.conn);
        pooled.returned = Instant::now();
        result
    }

    /// Applies the pending migrations of this backend; returns how many ran.
    pub fn migrate(&self) -> StoreResult<usize> {
        let mut pooled = checkout(&self.pool, self.backend)?;
        migrate_conn(&mut pooled.conn)
    }

    /// True when a connection answers a trivial query (the readiness probe).
    pub async fn ping(&self) -> bool {
        self.run(|conn| Ok(conn.batch_execute("SELECT 1")?))
            .await
            .is_ok()
    }
}

tokio::task_local! {
    /// The connection a request's session lookup kept (`run_short_keeping`).
    static HELD: std::cell::RefCell<Option<Held>>;
}

/// This request's held connection, if it has one.
fn take_held() -> Option<Held> {
    HELD.try_with(|h| h.borrow_mut().take()).ok().flatten()
}

/// A pooled connection with its permit, taken on the calling thread (`Db::free_now`).
struct Free {
    pooled: r2d2::PooledConnection<ConnectionManager>,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Free {
    /// Runs a short read `f`: on SQLite in a read transaction of its own.
    fn read<T>(&mut self, f: impl FnOnce(&mut DbConn) -> StoreResult<T>) -> StoreResult<T> {
        let conn = &mut self.pooled.conn;
        let result = if matches!(conn, DbConn::Sqlite(_)) {
            crate::conn::begin_read(conn)?;
            let result = f(conn);
            crate::conn::end_read(conn, result)
        } else {
            f(conn)
        };
        self.pooled.returned = Instant::now();
        result
    }
}

/// The connection a request's session lookup kept (`run_short_keeping`): on SQLite inside
/// an open read transaction.
struct Held {
    free: Free,
    in_read: bool,
}

impl Held {
    /// Runs `f` on the held connection, then ends its read transaction as
    /// `Connection::transaction` would: committed (by the prepared `COMMIT`,
    /// `conn::end_read`), or rolled back when `f` failed.
    fn finish<T>(mut self, f: impl FnOnce(&mut DbConn) -> StoreResult<T>) -> StoreResult<T> {
        let conn = &mut self.free.pooled.conn;
        let result = f(conn);
        let result = if self.in_read {
            crate::conn::end_read(conn, result)
        } else {
            result
        };
        self.free.pooled.returned = Instant::now();
        result
    }
}

impl Drop for Held {
    /// A transaction nobody finished ends here (a read-only one: rolling back loses
    /// nothing). Should that fail, the transaction manager still counts it open, and the
    /// pool discards the connection rather than hand it out inside it (`has_broken`).
    fn drop(&mut self) {
        let conn = &mut self.free.pooled.conn;
        if <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()
            .ok()
            .flatten()
            .is_some()
        {
            let _ = <DbConn as Connection>::TransactionManager::rollback_transaction(conn);
        }
    }
}

/// A connection from the pool, as `IDLE_BEFORE_TRY` says: a PostgreSQL connection that has
/// been idle a while is tried first, and one that fails the try is dropped for the next.
/// An SQLite connection is a file handle that does not go stale; trying it would add a
/// statement to every request.
fn checkout(
    pool: &r2d2::Pool<ConnectionManager>,
    backend: Backend,
) -> StoreResult<r2d2::PooledConnection<ConnectionManager>> {
    // Every idle connection may have died with the same restart: try each once at most,
    // then one more (a new one, or the pool's timeout).
    for _ in 0..=pool.max_size() {
        let mut pooled = pool.get()?;
        if backend == Backend::Sqlite || pooled.returned.elapsed() < IDLE_BEFORE_TRY {
            return Ok(pooled);
        }
        match pooled.conn.batch_execute("SELECT 1") {
            Ok(()) => return Ok(pooled),
            // Handed back marked lost: the pool drops it.
            Err(_) => pooled.lost = true,
        }
    }
    Ok(pool.get()?)
}

fn migrate_conn(conn: &mut DbConn) -> StoreResult<usize> {
    let ran = match conn {
        DbConn::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| StoreError::Migration(e.to_string()))?
            .len(),
        DbConn::Postgres(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                .execute(c)?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len())
                .map_err(|e| StoreError::Migration(e.to_string()));
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
                .execute(c)?;
            result?
        }
    };
    crate::models::register::fill_search_keys(conn)?;
    Ok(ran)
}
