//! The bulk loader's preparation (`bulk::prepare_for_load`) suspends the triggers and drops
//! the plain indexes of the largest tables, and `finish_load` restores them. The drops are
//! one transaction: when one fails, those before it are taken back and the connection's
//! settings are restored, since the caller has no `Load` to restore them from.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use store::models::bulk;

use super::derived::{foreign_keys_checked, indexes};
use crate::harness::TestApp;

crate::on_both_backends!(a_load_that_cannot_begin_leaves_the_schema_as_it_was);

#[derive(QueryableByName)]
struct Trigger {
    #[diesel(sql_type = diesel::sql_types::Text)]
    state: String,
}

/// Each trigger, as SQLite keeps it (name and SQL) or as PostgreSQL has it (table, name
/// and whether it fires).
fn triggers(c: &mut store::DbConn) -> store::StoreResult<Vec<String>> {
    let rows: Vec<Trigger> = match c {
        store::DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT name || ': ' || sql AS state FROM sqlite_master WHERE type = 'trigger' \
             ORDER BY name",
        )
        .load(c)?,
        store::DbConn::Postgres(c) => diesel::sql_query(
            "SELECT tgrelid::regclass::text || '.' || tgname || ': ' || tgenabled::text AS state \
             FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
        )
        .load(c)?,
    };
    Ok(rows.into_iter().map(|t| t.state).collect())
}

type Schema = (Vec<(String, String)>, Vec<String>);

fn schema(c: &mut store::DbConn) -> store::StoreResult<Schema> {
    Ok((indexes(c)?, triggers(c)?))
}

/// An index whose name needs quoting, on a table the loader reindexes.
const QUOTED: &str = r#"events "by" kind"#;

async fn a_load_that_cannot_begin_leaves_the_schema_as_it_was(app: TestApp) {
    let postgres = app.state.db.run(|c| Ok(c.is_postgres())).await.unwrap();
    app.state
        .db
        .run(|c| {
            c.batch_execute(r#"CREATE INDEX "events ""by"" kind" ON events(kind, at)"#)?;
            Ok(())
        })
        .await
        .unwrap();
    let before = app.state.db.run(schema).await.unwrap();
    assert!(
        before.0.iter().any(|(name, _)| name == QUOTED),
        "{before:?}"
    );
    assert!(!before.1.is_empty(), "the schema has triggers to suspend");

    // PostgreSQL: an exclusion constraint's index is not unique, so the loader lists it
    // with the plain ones, but it cannot be dropped while its constraint holds it. Named
    // to come last, it fails the preparation after the triggers were suspended and the
    // other indexes dropped. (SQLite has no index that refuses a DROP INDEX.)
    if postgres {
        let (failed, during, after, checked) = app
            .state
            .db
            .run(|c| {
                c.batch_execute(
                    "ALTER TABLE events ADD CONSTRAINT zz_events_one_id \
                     EXCLUDE USING btree (id WITH =)",
                )?;
                let during = schema(c)?;
                let failed = bulk::prepare_for_load(c).err().map(|e| format!("{e:?}"));
                let after = schema(c)?;
                let checked = foreign_keys_checked(c)?;
                c.batch_execute("ALTER TABLE events DROP CONSTRAINT zz_events_one_id")?;
                Ok((failed, during, after, checked))
            })
            .await
            .unwrap();
        let failed = failed.expect("the preparation fails on the constraint's index");
        assert!(failed.contains("zz_events_one_id"), "{failed}");
        assert_eq!(
            after, during,
            "a failed preparation left the schema changed"
        );
        assert!(
            checked,
            "a failed preparation left the foreign-key checks off"
        );
        assert_eq!(app.state.db.run(schema).await.unwrap(), before);
    }

    // A preparation that succeeds drops them all, the quoted name too, and the load's
    // end brings each back as it was.
    let (prepared, finished, checked) = app
        .state
        .db
        .run(|c| {
            let load = bulk::prepare_for_load(c)?;
            let prepared = schema(c)?;
            bulk::finish_load(c, load)?;
            Ok((prepared, schema(c)?, foreign_keys_checked(c)?))
        })
        .await
        .unwrap();
    assert!(
        !prepared.0.iter().any(|(name, _)| name == QUOTED),
        "the quoted index was not dropped: {:?}",
        prepared.0
    );
    assert!(prepared.0.len() < before.0.len());
    if postgres {
        // Disabled ("D"), not dropped.
        assert!(
            prepared.1.iter().any(|t| t.ends_with(": D")),
            "no trigger was disabled: {:?}",
            prepared.1
        );
    } else {
        assert!(prepared.1.is_empty(), "triggers left: {:?}", prepared.1);
    }
    assert_eq!(finished, before);
    assert!(checked);
}

/// A SQLite file of the portal's schema (in a folder kept while the first value lives),
/// its URL, and a pool of `size` on it.
fn sqlite_file(size: u32) -> (tempfile::TempDir, String, store::Db) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("load.db").display());
    let db = store::Db::connect(&url, size).unwrap();
    db.migrate().unwrap();
    (dir, url, db)
}

fn sqlite(c: &mut store::DbConn) -> &mut diesel::SqliteConnection {
    match c {
        store::DbConn::Sqlite(c) => c,
        store::DbConn::Postgres(_) => unreachable!("a SQLite file"),
    }
}

fn counters(c: &mut store::DbConn) -> store::StoreResult<i64> {
    Ok(store::schema::counters::table.count().get_result(c)?)
}

// SQLite's alone: PostgreSQL has no journal mode to leave (the test above runs on both).
//
// A load on the only connection to its file writes it without the WAL (each page once, not
// as a frame and again by a checkpoint), with a rollback journal on disk: a failed
// transaction still rolls back. The load's end puts the file back in WAL mode.
#[test]
fn a_sqlite_load_alone_on_its_file_leaves_wal_and_comes_back() {
    let (_dir, _, db) = sqlite_file(1);
    let (during, rolled_back, after) = db
        .run_blocking(|c| {
            let load = bulk::prepare_for_load(c)?;
            let during = bulk::journal_mode(sqlite(c))?;
            let before = counters(c)?;
            let failed: store::StoreResult<()> = c.transaction(|c| {
                c.batch_execute("INSERT INTO counters (name, value) VALUES ('load', 1)")?;
                Err(store::StoreError::Join("a batch that fails".into()))
            });
            assert!(failed.is_err());
            let rolled_back = counters(c)? == before;
            bulk::finish_load(c, load)?;
            Ok((during, rolled_back, bulk::journal_mode(sqlite(c))?))
        })
        .unwrap();
    assert_eq!(during, "delete", "the load kept the WAL");
    assert!(rolled_back, "a failed batch was not rolled back");
    assert_eq!(after, "wal", "the file was left out of WAL mode");
}

/// With another connection open on the file (the pool's second, or a portal serving it),
/// the load stays in WAL mode: SQLite refuses to leave it, and the load goes on.
#[test]
fn a_sqlite_load_beside_another_connection_stays_in_wal() {
    let (_dir, _, db) = sqlite_file(2);
    let other = db.clone();
    let (during, after) = db
        .run_blocking(move |c| {
            other.run_blocking(|o| {
                let load = bulk::prepare_for_load(c)?;
                let during = bulk::journal_mode(sqlite(c))?;
                // The other connection still reads the file while the load runs.
                counters(o)?;
                bulk::finish_load(c, load)?;
                Ok((during, bulk::journal_mode(sqlite(c))?))
            })
        })
        .unwrap();
    assert_eq!(during, "wal");
    assert_eq!(after, "wal");
}

/// Where `a_sqlite_load_killed_midway_leaves_the_file_whole` tells its child process the
/// file to load into.
const KILLED_LOAD: &str = "CERTPORTAL_TEST_KILLED_LOAD";

/// The child process of `a_sqlite_load_killed_midway_leaves_the_file_whole`, run by it
/// with `KILLED_LOAD` set (otherwise there is no file, and nothing to do): a load whose
/// transaction has written part of itself into the file when the process dies.
#[test]
fn killed_load_child() {
    let Some(url) = std::env::var_os(KILLED_LOAD) else {
        return;
    };
    let db = store::Db::connect(url.to_str().unwrap(), 1).unwrap();
    let _: store::StoreResult<()> = db.run_blocking(|c| {
        let _load = bulk::prepare_for_load(c)?;
        // A cache of a few pages: the transaction's pages go into the file long before
        // its commit, as a full-size load's do once they outgrow its cache.
        c.batch_execute("PRAGMA cache_size = 8")?;
        c.transaction(|c| {
            c.batch_execute(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999) \
                 INSERT INTO counters (name, value) SELECT 'killed load ' || i, i FROM n",
            )?;
            // Killed before it commits (as by Ctrl-C, or the kernel's OOM killer).
            std::process::abort()
        })
    });
}

/// A load killed half-way leaves the file as it was before the batch: the next connection
/// to open it finds the batch's rollback journal on disk and takes the batch back. (A
/// journal kept in memory dies with the process, and the pages the batch had written into
/// the file would stay.)
#[test]
fn a_sqlite_load_killed_midway_leaves_the_file_whole() {
    let (_dir, url, db) = sqlite_file(1);
    let before = db.run_blocking(counters).unwrap();
    drop(db);
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "scale::load::killed_load_child", "--nocapture"])
        .env(KILLED_LOAD, &url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    // SIGABRT: killed where it should be, not failed before it got there (a panic exits).
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(6),
        "the child's load was not killed: {status}"
    );
    let db = store::Db::connect(&url, 1).unwrap();
    let (integrity, after) = db
        .run_blocking(|c| {
            let check: Integrity = diesel::sql_query("PRAGMA integrity_check").get_result(c)?;
            Ok((check.integrity_check, counters(c)?))
        })
        .unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(after, before, "the killed batch's rows stayed");
}

#[derive(QueryableByName)]
struct Integrity {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}
