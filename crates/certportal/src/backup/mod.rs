//! `certportal backup --to DIR` and `certportal restore --from DIR`: a consistent copy of
//! the database and of the uploaded files, with a manifest of counts and checksums, and
//! its restore into an empty database and storage.
//!
//! A backup folder holds `manifest.json`, the database (`certportal.db` from SQLite or
//! `database.pgdump` from PostgreSQL), `files.tsv` (key, size, SHA-256, sorted by key) and
//! `files/<key>`. The manifest is written last: a folder without one is not a backup.
//! A backup restores on the backend it was taken on.

pub mod database;
pub mod files;
pub mod manifest;
mod pg_url;

use std::path::Path;

use anyhow::Context;
use store::Backend;
use web::storage::Storage;

use manifest::{DatabaseFile, FilesSummary, Manifest, FILES_LIST};

/// The portal a backup reads or a restore writes: its database and its file storage.
#[derive(Clone)]
pub struct Portal {
    pub database_url: String,
    pub storage: Storage,
}

impl Portal {
    /// The database and the storage (file:// or s3://) the configuration names, as
    /// `web::prepare` opens them.
    pub fn from_config(config: &web::Config) -> anyhow::Result<Portal> {
        Ok(Portal {
            database_url: config.database_url.clone(),
            storage: Storage::open(&config.storage, config.upload_tmp_dir())?,
        })
    }
}

/// What a file may be missing or wrong without failing the backup (`--allow-missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Fail,
    Allow,
}

/// Writes a backup of `portal` into `to`, which must be new or empty.
pub async fn backup(portal: &Portal, to: &Path, missing: Missing) -> anyhow::Result<Manifest> {
    prepare_folder(to)?;
    let url = portal.database_url.clone();
    let dir = to.to_path_buf();
    let snapshot = tokio::task::spawn_blocking(move || database::dump(&url, &dir))
        .await
        .context("the database copy stopped")??;
    let copied = files::copy_out(&portal.storage, &snapshot.files, to).await?;
    for (key, problem) in &copied.problems {
        eprintln!("file {key} {problem}");
    }
    anyhow::ensure!(
        copied.problems.is_empty() || missing == Missing::Allow,
        "{} of {} files are missing or do not match their rows (listed above); \
         --allow-missing writes the backup without them",
        copied.problems.len(),
        snapshot.files.len()
    );
    let list = manifest::files_list(&copied.entries);
    std::fs::write(to.join(FILES_LIST), &list)?;
    let (bytes, sha256) = manifest::file_digest(&snapshot.file)?;
    let manifest = Manifest {
        format: manifest::FORMAT,
        certportal_version: env!("CARGO_PKG_VERSION").into(),
        backend: database::backend_name(Backend::from_url(&portal.database_url)).into(),
        created_at: time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)?,
        database: DatabaseFile {
            file: file_name(&snapshot.file)?,
            bytes,
            sha256,
        },
        tables: snapshot.tables,
        files: FilesSummary {
            count: copied.entries.len() as u64,
            bytes: copied.entries.iter().map(|e| e.size).sum(),
            list_sha256: manifest::sha256_hex(list.as_bytes()),
            skipped: copied.problems.into_iter().map(|(key, _)| key).collect(),
        },
    };
    manifest.write(to)?;
    Ok(manifest)
}

/// Restores the backup in `from` into `portal`, whose database must be empty. Everything in
/// the folder is checked before anything is written; the restored tables are checked
/// against the manifest afterwards.
pub async fn restore(portal: &Portal, from: &Path) -> anyhow::Result<Manifest> {
    let manifest = Manifest::read(from)?;
    let backend = database::backend_name(Backend::from_url(&portal.database_url));
    anyhow::ensure!(
        manifest.backend == backend,
        "this backup was taken on {}, the target is {backend}: a backup restores on the \
         backend it was taken on",
        manifest.backend
    );
    // Only the name this backend's backups use: the manifest names no other path.
    let expected = match Backend::from_url(&portal.database_url) {
        Backend::Sqlite => manifest::SQLITE_FILE,
        Backend::Postgres => manifest::PG_DUMP_FILE,
    };
    anyhow::ensure!(
        manifest.database.file == expected,
        "the manifest names the database file {:?}, expected {expected:?}",
        manifest.database.file
    );
    let db_file = from.join(expected);
    let entries = check_folder(from, &manifest, &db_file)?;

    let url = portal.database_url.clone();
    tokio::task::spawn_blocking(move || database::ensure_empty(&url))
        .await
        .context("the check of the target database stopped")??;
    // Files before the database, as the portal itself writes them: a restore that stops
    // half-way leaves the database empty, so it can simply be run again.
    files::copy_in(&portal.storage, from, &entries).await?;
    let url = portal.database_url.clone();
    tokio::task::spawn_blocking(move || database::load(&url, &db_file))
        .await
        .context("the database restore stopped")??;

    let url = portal.database_url.clone();
    let restored = tokio::task::spawn_blocking(move || database::digests(&url))
        .await
        .context("the check of the restored database stopped")??;
    let differing: std::collections::BTreeSet<&String> = manifest
        .tables
        .keys()
        .chain(restored.keys())
        .filter(|t| manifest.tables.get(*t) != restored.get(*t))
        .collect();
    anyhow::ensure!(
        differing.is_empty(),
        "the restored database differs from the backup's manifest in the tables {differing:?}"
    );
    Ok(manifest)
}

/// The checks a restore makes before it writes: the database file's checksum, the files
/// list's checksum, count and bytes, and every file's size and SHA-256.
fn check_folder(
    from: &Path,
    manifest: &Manifest,
    db_file: &Path,
) -> anyhow::Result<Vec<manifest::FileEntry>> {
    let (bytes, sha256) = manifest::file_digest(db_file)?;
    anyhow::ensure!(
        bytes == manifest.database.bytes && sha256 == manifest.database.sha256,
        "{}: {bytes} bytes with SHA-256 {sha256}, the manifest says {} bytes with SHA-256 {}",
        db_file.display(),
        manifest.database.bytes,
        manifest.database.sha256
    );
    let list_path = from.join(FILES_LIST);
    let list = std::fs::read_to_string(&list_path)
        .with_context(|| format!("reading {}", list_path.display()))?;
    anyhow::ensure!(
        manifest::sha256_hex(list.as_bytes()) == manifest.files.list_sha256,
        "{}: its SHA-256 is not the manifest's",
        list_path.display()
    );
    let entries = manifest::parse_files_list(&list)?;
    let listed_bytes: u64 = entries.iter().map(|e| e.size).sum();
    anyhow::ensure!(
        entries.len() as u64 == manifest.files.count && listed_bytes == manifest.files.bytes,
        "{}: {} files of {listed_bytes} bytes, the manifest says {} of {}",
        list_path.display(),
        entries.len(),
        manifest.files.count,
        manifest.files.bytes
    );
    let wrong = files::check(from, &entries)?;
    anyhow::ensure!(
        wrong.is_empty(),
        "{} of the backup's files do not match their checksums, nothing was restored:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    Ok(entries)
}

/// The backup folder: created, or an existing empty folder.
fn prepare_folder(to: &Path) -> anyhow::Result<()> {
    if to.exists() {
        let mut entries =
            std::fs::read_dir(to).with_context(|| format!("reading {}", to.display()))?;
        anyhow::ensure!(
            entries.next().is_none(),
            "{} is not empty: back up into a new or empty folder",
            to.display()
        );
    } else {
        std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    }
    Ok(())
}

fn file_name(path: &Path) -> anyhow::Result<String> {
    Ok(path
        .file_name()
        .and_then(|n| n.to_str())
        .context("the database file's name")?
        .to_string())
}
