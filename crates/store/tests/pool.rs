//! The pool never hands out a connection that is still inside a transaction, even when the
//! code that held it panicked halfway through a write.
#![allow(clippy::unwrap_used)] // a test that unwraps fails loudly, which is what it should do

use diesel::connection::{SimpleConnection, TransactionManager};
use diesel::sql_types::BigInt;
use diesel::{Connection, RunQueryDsl};
use store::conn::ConnectionManager;
use store::{write_tx, Db, DbConn, StoreResult};

mod common;

#[derive(diesel::QueryableByName)]
struct Mark {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn marks(conn: &mut DbConn) -> Vec<i64> {
    diesel::sql_query("SELECT n FROM marks ORDER BY n")
        .load::<Mark>(conn)
        .unwrap()
        .into_iter()
        .map(|m| m.n)
        .collect()
}

/// A pool of `size` on `url` whose database has the table `marks` holding 1.
fn marked(url: &str, size: u32) -> Db {
    let db = Db::connect(url, size).unwrap();
    db.run_blocking(|c| {
        Ok(
            c.batch_execute(
                "CREATE TABLE marks (n BIGINT NOT NULL); INSERT INTO marks VALUES (1)",
            )?,
        )
    })
    .unwrap();
    db
}

fn panic_inside_write_tx_discards_the_connection(url: &str) {
    // One connection only, so that the connection checked out after the panic would be the
    // very one that panicked if the pool took it back.
    let db = Db::connect(url, 1).unwrap();
    db.run_blocking(|c| Ok(c.batch_execute("CREATE TABLE marks (n BIGINT NOT NULL)")?))
        .unwrap();

    let holder = db.clone();
    let joined = std::thread::spawn(move || {
        holder.run_blocking(|c| {
            write_tx(c, |c| -> StoreResult<()> {
                c.batch_execute("INSERT INTO marks (n) VALUES (1)")?;
                panic!("a bug halfway through a write transaction");
            })
        })
    })
    .join();
    assert!(joined.is_err(), "the thread should have panicked");

    db.run_blocking(|c| {
        let depth = <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()?;
        assert_eq!(
            depth, None,
            "the pool handed out a connection inside a transaction"
        );
        write_tx(c, |c| c.batch_execute("INSERT INTO marks (n) VALUES (2)"))?;
        Ok(())
    })
    .unwrap();

    // Seen from outside the pool: the panicked write was rolled back, the later one committed.
    let mut outside = ConnectionManager::new(url).connect().unwrap();
    assert_eq!(marks(&mut outside), vec![2]);
}

mod sqlite {
    use super::*;

    #[test]
    fn panic_inside_write_tx_discards_the_connection() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        super::panic_inside_write_tx_discards_the_connection(&url);
    }

    /// A short read's statements (a page's reads) are one read transaction on SQLite: a
    /// write committed between two of them is not seen half-way.
    #[tokio::test]
    async fn a_short_read_sees_one_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        let db = marked(&url, 2);
        let writer_url = url.clone();
        let (before, after) = db
            .run_short(move |c| {
                let before = marks(c);
                let mut writer = ConnectionManager::new(&writer_url).connect()?;
                writer.batch_execute("INSERT INTO marks (n) VALUES (2)")?;
                Ok((before, marks(c)))
            })
            .await
            .unwrap();
        assert_eq!(before, vec![1]);
        assert_eq!(
            after,
            vec![1],
            "the read saw a write made half-way through it"
        );
        // Afterwards the write is there.
        let now = db.run_short(|c| Ok(marks(c))).await.unwrap();
        assert_eq!(now, vec![1, 2]);
    }

    /// A GET's session and page reads are one read transaction (`keeping_reads`): a write
    /// committed between the session's read and the page's is not seen by the page.
    #[tokio::test]
    async fn a_requests_session_and_page_read_one_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        let db = marked(&url, 2);
        let (session, page) = db
            .keeping_reads(async {
                let session = db.run_short_keeping(|c| Ok(marks(c))).await?;
                let mut writer = ConnectionManager::new(&url).connect()?;
                writer.batch_execute("INSERT INTO marks (n) VALUES (2)")?;
                let page = db.run_short(|c| Ok(marks(c))).await?;
                StoreResult::Ok((session, page))
            })
            .await
            .unwrap();
        assert_eq!(session, vec![1]);
        assert_eq!(page, vec![1], "the page read in a transaction of its own");
        // The next request sees the write.
        let next = db
            .keeping_reads(async { db.run_short_keeping(|c| Ok(marks(c))).await })
            .await
            .unwrap();
        assert_eq!(next, vec![1, 2]);
        // Outside a request, nothing is held: each read is its own transaction.
        let alone = db.run_short_keeping(|c| Ok(marks(c))).await.unwrap();
        let mut writer = ConnectionManager::new(&url).connect().unwrap();
        writer
            .batch_execute("INSERT INTO marks (n) VALUES (3)")
            .unwrap();
        let then = db.run_short(|c| Ok(marks(c))).await.unwrap();
        assert_eq!((alone, then), (vec![1, 2], vec![1, 2, 3]));
    }

    #[tokio::test]
    async fn a_held_read_is_handed_back() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        super::a_held_read_is_handed_back(&url).await;
    }
}

/// What a GET does (`Db::keeping_reads`): its session's read leaves its transaction open
/// for the page's, and a write or a wait for another connection hands it back first, so a
/// request never holds two of the pool's connections. With a pool of one, a held connection
/// that was not handed back would make the next `run` wait for ever.
async fn a_held_read_is_handed_back(url: &str) {
    let db = marked(url, 1);
    let within = std::time::Duration::from_secs(10);

    // The session's read, then a write: the write gets the one connection.
    let request = db.keeping_reads(async {
        let seen = db.run_short_keeping(|c| Ok(marks(c))).await?;
        db.run(|c| {
            Ok(write_tx(c, |c| {
                c.batch_execute("INSERT INTO marks (n) VALUES (2)")
            })?)
        })
        .await?;
        let after = db.run_short(|c| Ok(marks(c))).await?;
        StoreResult::Ok((seen, after))
    });
    let (seen, after) = tokio::time::timeout(within, request)
        .await
        .expect("the write waited for the connection its own request held")
        .unwrap();
    assert_eq!(seen, vec![1]);
    assert_eq!(after, vec![1, 2]);

    // A request that read nothing after its session hands the connection back as it ends,
    // outside any transaction.
    let request = db.keeping_reads(async { db.run_short_keeping(|c| Ok(marks(c))).await });
    tokio::time::timeout(within, request)
        .await
        .unwrap()
        .unwrap();
    db.run_blocking(|c| {
        let depth = <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(c)
            .transaction_depth()?;
        assert_eq!(depth, None, "the request left its read transaction open");
        Ok(write_tx(c, |c| {
            c.batch_execute("INSERT INTO marks (n) VALUES (3)")
        })?)
    })
    .unwrap();

    // A failed page read ends the held transaction too.
    let request = db.keeping_reads(async {
        db.run_short_keeping(|c| Ok(marks(c))).await?;
        db.run_short(|c| -> StoreResult<()> {
            c.batch_execute("SELECT n FROM no_such_table")?;
            Ok(())
        })
        .await
    });
    assert!(tokio::time::timeout(within, request)
        .await
        .unwrap()
        .is_err());
    let now = tokio::time::timeout(within, db.run(|c| Ok(marks(c))))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now, vec![1, 2, 3]);
}

mod postgres {
    use super::*;

    #[tokio::test]
    async fn a_held_read_is_handed_back() {
        let db = crate::common::PgDatabase::create();
        super::a_held_read_is_handed_back(&db.url).await;
    }

    #[test]
    fn panic_inside_write_tx_discards_the_connection() {
        let db = crate::common::PgDatabase::create();
        super::panic_inside_write_tx_discards_the_connection(&db.url);
    }

    #[derive(diesel::QueryableByName)]
    struct Tls {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        ssl: bool,
    }

    /// The pool's connections to a database on the same host are plain TCP
    /// (`store::pg_url`): PostgreSQL offers TLS on 127.0.0.1 too, and libpq's default
    /// takes it.
    #[test]
    fn a_connection_on_the_same_host_is_plain_tcp() {
        let db = crate::common::PgDatabase::create();
        assert_ne!(
            store::pg_url::effective(&db.url),
            db.url,
            "the tests' PostgreSQL is on this host: its URL gets sslmode=allow"
        );
        let pool = Db::connect(&db.url, 1).unwrap();
        let tls = pool
            .run_blocking(|c| {
                Ok(
                    diesel::sql_query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                        .get_result::<Tls>(c)?,
                )
            })
            .unwrap();
        assert!(!tls.ssl, "the pool's connection to 127.0.0.1 runs TLS");
    }

    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    /// Ends every other session of the database, as a restart of PostgreSQL does, and
    /// waits until they are gone.
    fn cut_connections(url: &str) {
        let mut outside = ConnectionManager::new(url).connect().unwrap();
        outside
            .batch_execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .unwrap();
        for _ in 0..200 {
            let left = diesel::sql_query(
                "SELECT count(*) AS n FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .get_result::<Count>(&mut outside)
            .unwrap();
            if left.n == 0 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the pool's sessions did not end");
    }

    #[derive(diesel::QueryableByName)]
    struct Pid {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }

    /// Which of the database's sessions (connections) ran the read.
    fn backend_pid(conn: &mut DbConn) -> StoreResult<i32> {
        Ok(diesel::sql_query("SELECT pg_backend_pid() AS pid")
            .get_result::<Pid>(conn)?
            .pid)
    }

    /// A GET's page reads on the connection its session's read took (`keeping_reads`):
    /// it does not wait for one a second time, behind requests that came after it.
    #[tokio::test]
    async fn a_requests_session_and_page_read_on_one_connection() {
        let pg = crate::common::PgDatabase::create();
        let db = Db::connect(&pg.url, 1).unwrap();
        let (session, page, other) = db
            .keeping_reads(async {
                let session = db.run_short_keeping(backend_pid).await?;
                // Another request wants the pool's one connection meanwhile.
                let other = tokio::spawn({
                    let db = db.clone();
                    async move { db.run(backend_pid).await }
                });
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                assert!(
                    !other.is_finished(),
                    "the session's connection went to another request before the page read"
                );
                let page = db.run_short(backend_pid).await?;
                StoreResult::Ok((session, page, other))
            })
            .await
            .unwrap();
        assert_eq!(session, page, "the page read on another connection");
        // The request's end hands the connection to the one that waited.
        let other = tokio::time::timeout(std::time::Duration::from_secs(10), other)
            .await
            .expect("the connection was not handed back")
            .unwrap()
            .unwrap();
        assert_eq!(other, session);
    }

    /// A short read runs at once on a free connection, and that one too is tried first
    /// when it has been idle a while: after a restart of the database the read gets a new
    /// connection instead of failing.
    #[tokio::test]
    async fn a_short_read_after_a_restart_gets_a_new_connection() {
        let pg = crate::common::PgDatabase::create();
        let db = Db::connect(&pg.url, 1).unwrap();
        let before = db.run_short(backend_pid).await.unwrap();
        cut_connections(&pg.url);
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let after = db
            .run_short(backend_pid)
            .await
            .expect("a connection idle over a restart is tried and replaced");
        assert_ne!(before, after);
        let request = db.keeping_reads(async {
            let session = db.run_short_keeping(backend_pid).await?;
            let page = db.run_short(backend_pid).await?;
            StoreResult::Ok((session, page))
        });
        assert_eq!(request.await.unwrap(), (after, after));
    }

    fn select_one(db: &Db) -> StoreResult<()> {
        db.run_blocking(|c| Ok(c.batch_execute("SELECT 1")?))
    }

    /// The pool does not try a connection on every checkout (a round trip per request):
    /// one idle a while is tried, and one that a statement found cut off is dropped.
    #[test]
    fn a_connection_cut_off_from_the_database_is_replaced() {
        let pg = crate::common::PgDatabase::create();
        // One connection, so that each checkout is the one that was cut off.
        let db = Db::connect(&pg.url, 1).unwrap();
        select_one(&db).unwrap();

        cut_connections(&pg.url);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        select_one(&db).expect("a connection idle over a restart is tried and replaced");

        // In steady use the statement that finds the connection cut off fails (nothing
        // tried it), and the pool drops it rather than hand it out again.
        let used = std::time::Instant::now();
        cut_connections(&pg.url);
        let steady = used.elapsed() < std::time::Duration::from_millis(900);
        let first = select_one(&db);
        // (A machine that stalled past the idle limit tried it first, rightly.)
        if steady {
            assert!(first.is_err(), "a connection just used is not tried first");
        }
        select_one(&db).expect("the next statement gets a new connection");
        select_one(&db).expect("and keeps it");
    }
}
