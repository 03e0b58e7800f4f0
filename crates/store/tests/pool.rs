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
    #[test]
    fn panic_inside_write_tx_discards_the_connection() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        super::panic_inside_write_tx_discards_the_connection(&url);
    }
}

mod postgres {
    #[test]
    fn panic_inside_write_tx_discards_the_connection() {
        let db = crate::common::PgDatabase::create();
        super::panic_inside_write_tx_discards_the_connection(&db.url);
    }
}
