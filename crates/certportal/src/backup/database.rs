//! The database half of a backup and a restore, per backend. Blocking: callers run it on a
//! blocking thread.
//!
//! SQLite: `VACUUM INTO` copies the database inside one read transaction, so the copy is a
//! consistent snapshot even while the portal writes (in WAL mode readers and the writer do
//! not wait for each other); the digests and the list of files are then read from the copy.
//!
//! PostgreSQL: one REPEATABLE READ transaction exports its snapshot, `pg_dump --snapshot`
//! dumps exactly that snapshot, and the digests and the list of files are read inside the
//! same transaction: all three describe the same moment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use store::conn::ConnectionManager;
use store::snapshot::{self, FileRow, TableDigest};
use store::{Backend, DbConn};

use super::manifest::{PG_DUMP_FILE, SQLITE_FILE};

/// What the database half of a backup recorded.
pub struct Snapshot {
    pub file: PathBuf,
    pub tables: BTreeMap<String, TableDigest>,
    pub files: Vec<FileRow>,
}

pub fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Copies the database at `url` into `dir` and reads its digests and files from the copy's
/// moment.
pub fn dump(url: &str, dir: &Path) -> anyhow::Result<Snapshot> {
    match Backend::from_url(url) {
        Backend::Sqlite => dump_sqlite(url, dir),
        Backend::Postgres => dump_postgres(url, dir),
    }
}

fn dump_sqlite(url: &str, dir: &Path) -> anyhow::Result<Snapshot> {
    let file = dir.join(SQLITE_FILE);
    let target = file
        .to_str()
        .context("the backup folder's path is not UTF-8")?
        .replace('\'', "''");
    let mut live = ConnectionManager::new(url).connect()?;
    live.batch_execute(&format!("VACUUM INTO '{target}'"))
        .context("VACUUM INTO the backup folder")?;
    drop(live);
    // The copy is read with a connection of its own that writes nothing and leaves no
    // -wal file beside it: DELETE journal mode makes it one self-contained file.
    let mut copy = DbConn::Sqlite(SqliteConnection::establish(file.to_str().context("path")?)?);
    copy.batch_execute("PRAGMA journal_mode = DELETE")?;
    let (tables, files) = snapshot::in_snapshot(&mut copy, |c| {
        Ok((snapshot::table_digests(c)?, snapshot::file_rows(c)?))
    })?;
    Ok(Snapshot {
        file,
        tables,
        files,
    })
}

fn dump_postgres(url: &str, dir: &Path) -> anyhow::Result<Snapshot> {
    let file = dir.join(PG_DUMP_FILE);
    let mut conn = ConnectionManager::new(url).connect()?;
    let result: store::StoreResult<anyhow::Result<_>> = snapshot::in_snapshot(&mut conn, |c| {
        let id = snapshot::pg_export_snapshot(c)?;
        // The snapshot is valid only while this transaction is open: pg_dump runs inside it.
        let dumped = run_tool(
            pg_tool("pg_dump", url)
                .arg("--format=custom")
                .arg("--no-owner")
                .arg(format!("--snapshot={id}"))
                .arg("--file")
                .arg(&file),
            "pg_dump",
        );
        if let Err(e) = dumped {
            return Ok(Err(e));
        }
        Ok(Ok((snapshot::table_digests(c)?, snapshot::file_rows(c)?)))
    });
    let (tables, files) = result??;
    Ok(Snapshot {
        file,
        tables,
        files,
    })
}

/// A PostgreSQL client tool connecting to `url`, its password (if any) in `PGPASSWORD`
/// rather than on the command line.
fn pg_tool(name: &str, url: &str) -> Command {
    let (url, password) = super::pg_url::split_password(url);
    let mut command = Command::new(name);
    command.arg("--dbname").arg(url);
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    command
}

/// Runs a PostgreSQL client tool, saying clearly when it is not installed and passing on
/// what it wrote to standard error when it fails.
fn run_tool(command: &mut Command, name: &str) -> anyhow::Result<()> {
    let output = match command.output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "{name} was not found: install PostgreSQL's client tools (Debian: postgresql-client) \
             in the same major version as the server or newer"
        ),
        other => other.with_context(|| format!("running {name}"))?,
    };
    anyhow::ensure!(
        output.status.success(),
        "{name} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(())
}

/// Refuses a target database that already holds tables. A SQLite file without tables is
/// removed (with any -wal and -shm beside it) so the copy can take its place.
pub fn ensure_empty(url: &str) -> anyhow::Result<()> {
    match Backend::from_url(url) {
        Backend::Postgres => {
            let mut conn = ConnectionManager::new(url).connect()?;
            anyhow::ensure!(
                !snapshot::has_tables(&mut conn)?,
                "the target database already has tables: restore only into an empty database \
                 (create a new one with createdb)"
            );
        }
        Backend::Sqlite => {
            let path = Path::new(store::conn::sqlite_path(url));
            if path.exists() {
                let mut conn =
                    DbConn::Sqlite(SqliteConnection::establish(path.to_str().context("path")?)?);
                let full = snapshot::has_tables(&mut conn)?;
                drop(conn);
                anyhow::ensure!(
                    !full,
                    "{} already has tables: restore only into an empty data directory or a new \
                     database file",
                    path.display()
                );
                for p in [
                    path.to_path_buf(),
                    sidecar(path, "-wal"),
                    sidecar(path, "-shm"),
                ] {
                    match std::fs::remove_file(&p) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(e).with_context(|| format!("removing {}", p.display()))
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    Ok(())
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Puts the backed-up database in place at `url` (checked empty by `ensure_empty`).
pub fn load(url: &str, file: &Path) -> anyhow::Result<()> {
    match Backend::from_url(url) {
        Backend::Postgres => run_tool(
            pg_tool("pg_restore", url)
                .arg("--no-owner")
                .arg("--exit-on-error")
                .arg("--single-transaction")
                .arg(file),
            "pg_restore",
        ),
        Backend::Sqlite => {
            let path = Path::new(store::conn::sqlite_path(url));
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("creating {}", parent.display()))?;
            }
            // Copied under a temporary name and renamed, so a half-copied file is never
            // the database.
            let tmp = sidecar(path, ".restoring");
            std::fs::copy(file, &tmp).with_context(|| format!("copying to {}", tmp.display()))?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, path)?;
            Ok(())
        }
    }
}

/// The restored database's digests, to compare with the manifest.
pub fn digests(url: &str) -> anyhow::Result<BTreeMap<String, TableDigest>> {
    let mut conn = ConnectionManager::new(url).connect()?;
    Ok(snapshot::in_snapshot(&mut conn, snapshot::table_digests)?)
}
