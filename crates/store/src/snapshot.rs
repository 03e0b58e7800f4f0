//! What a backup records of the database and a restore checks: every table's row count and
//! a digest of its rows, and the stored files the `files` table names.
//!
//! The tables come from the database's own catalogue, not from `schema.rs`, so a table the
//! code does not map (Diesel's `__diesel_schema_migrations` included) is still compared.
//! Each row is read as text in the backend's own notation (SQLite: `quote()` of every
//! column; PostgreSQL: the row's `::text`), and the lines are ordered bytewise, so the digest
//! does not depend on the order rows are stored in or on the server's collation. The two
//! backends print some values differently: a digest is only ever compared with one taken on
//! the same backend.

use std::collections::BTreeMap;

use diesel::connection::DefaultLoadingMode;
use diesel::sql_types::{BigInt, Text};
use diesel::{QueryableByName, RunQueryDsl};
use sha2::{Digest, Sha256};

use crate::conn::DbConn;
use crate::error::StoreResult;

/// One table's contents in brief.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableDigest {
    pub rows: u64,
    /// SHA-256 (hex) of the column names and the sorted rows, each on a line of its own.
    pub sha256: String,
}

/// A stored file as its `files` row names it.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct FileRow {
    #[diesel(sql_type = Text)]
    pub storage_key: String,
    #[diesel(sql_type = BigInt)]
    pub size_bytes: i64,
    #[diesel(sql_type = Text)]
    pub sha256: String,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// A name from the catalogue as an SQL identifier: in double quotes, any double quote in
/// it doubled. The bulk loader's drops use it too.
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The ordinary tables of the database (the current schema on PostgreSQL), by name.
pub fn tables(conn: &mut DbConn) -> StoreResult<Vec<String>> {
    let sql = match conn {
        DbConn::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        }
        DbConn::Postgres(_) => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    let names = diesel::sql_query(sql).load::<Name>(conn)?;
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// True when the database holds any table at all (a restore only writes into an empty one).
pub fn has_tables(conn: &mut DbConn) -> StoreResult<bool> {
    Ok(!tables(conn)?.is_empty())
}

fn columns(conn: &mut DbConn, table: &str) -> StoreResult<Vec<String>> {
    // Each backend's own placeholder: the text goes to the driver as written.
    let sql = match conn {
        DbConn::Sqlite(_) => "SELECT name FROM pragma_table_info(?) ORDER BY cid",
        DbConn::Postgres(_) => {
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    let names = diesel::sql_query(sql)
        .bind::<Text, _>(table)
        .load::<Name>(conn)?;
    Ok(names.into_iter().map(|n| n.name).collect())
}

/// One table's digest: its column names, then its rows as text in bytewise order, streamed
/// (a table can be larger than memory should hold). SQLite's default BINARY collation and
/// PostgreSQL's "C" compare bytes, as Rust's strings do, whatever the server's locale.
pub fn table_digest(conn: &mut DbConn, table: &str) -> StoreResult<TableDigest> {
    let columns = columns(conn, table)?;
    let sql = match conn {
        DbConn::Sqlite(_) => {
            let row = columns
                .iter()
                .map(|c| format!("quote({})", ident(c)))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            format!("SELECT {row} AS line FROM {} ORDER BY 1", ident(table))
        }
        DbConn::Postgres(_) => format!(
            "SELECT t::text COLLATE \"C\" AS line FROM {} t ORDER BY 1",
            ident(table)
        ),
    };
    let mut hasher = Sha256::new();
    hasher.update(columns.join(",").as_bytes());
    hasher.update(b"\n");
    let mut rows = 0u64;
    for line in diesel::sql_query(sql).load_iter::<Line, DefaultLoadingMode>(conn)? {
        hasher.update(line?.line.as_bytes());
        hasher.update(b"\n");
        rows += 1;
    }
    Ok(TableDigest {
        rows,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// Every table's digest, by table name.
pub fn table_digests(conn: &mut DbConn) -> StoreResult<BTreeMap<String, TableDigest>> {
    let mut digests = BTreeMap::new();
    for table in tables(conn)? {
        let digest = table_digest(conn, &table)?;
        digests.insert(table, digest);
    }
    Ok(digests)
}

/// Every stored file the database names, by key. A backup reads the whole table once.
pub fn file_rows(conn: &mut DbConn) -> StoreResult<Vec<FileRow>> {
    Ok(
        diesel::sql_query("SELECT storage_key, size_bytes, sha256 FROM files ORDER BY storage_key")
            .load::<FileRow>(conn)?,
    )
}

/// Runs `f` in one read-only snapshot: REPEATABLE READ on PostgreSQL, a read transaction on
/// SQLite, so everything `f` reads belongs to the same moment.
pub fn in_snapshot<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> StoreResult<T>,
) -> StoreResult<T> {
    use diesel::Connection;
    conn.transaction(|conn| {
        if let DbConn::Postgres(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(conn)?;
        }
        f(conn)
    })
}

/// Inside `in_snapshot` on PostgreSQL: the snapshot's name, for `pg_dump --snapshot`, valid
/// until the transaction ends.
pub fn pg_export_snapshot(conn: &mut DbConn) -> StoreResult<String> {
    #[derive(QueryableByName)]
    struct Snapshot {
        #[diesel(sql_type = Text)]
        id: String,
    }
    Ok(diesel::sql_query("SELECT pg_export_snapshot() AS id")
        .get_result::<Snapshot>(conn)?
        .id)
}
