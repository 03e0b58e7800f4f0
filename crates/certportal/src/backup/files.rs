//! The uploaded files' half of a backup and a restore, through the portal's `Storage`
//! (`read` out, `begin`/`write`/`commit` in), so it works the same on any storage.
//!
//! Which files to copy comes from the backed-up database's `files` rows, not from listing
//! the storage: files are immutable and written before their row commits, so every row of
//! the snapshot names a file that exists, and a file with no row (an upload whose
//! transaction failed) is not part of the portal.

use std::path::Path;

use anyhow::Context;
use store::snapshot::FileRow;
use web::storage::Storage;

use super::manifest::{checked_key, file_digest, sha256_hex, FileEntry, FILES_DIR};

/// What copying the files out gave: the files copied, and what was wrong with the others.
pub struct Copied {
    pub entries: Vec<FileEntry>,
    /// (key, what was wrong): missing, or not the size or SHA-256 its row says.
    pub problems: Vec<(String, String)>,
}

/// Copies every file the rows name into `<dir>/files/<key>`, checking each against its row.
pub async fn copy_out(storage: &Storage, rows: &[FileRow], dir: &Path) -> anyhow::Result<Copied> {
    let files_dir = dir.join(FILES_DIR);
    tokio::fs::create_dir_all(&files_dir).await?;
    let mut copied = Copied {
        entries: Vec::with_capacity(rows.len()),
        problems: Vec::new(),
    };
    for row in rows {
        let key = checked_key(&row.storage_key)?;
        let bytes = match storage.read(key).await {
            Ok(bytes) => bytes,
            Err(e) => {
                copied
                    .problems
                    .push((key.to_string(), format!("cannot be read: {e}")));
                continue;
            }
        };
        let sha256 = sha256_hex(&bytes);
        if bytes.len() as u64 != row.size_bytes as u64 || sha256 != row.sha256 {
            copied.problems.push((
                key.to_string(),
                format!(
                    "is {} bytes with SHA-256 {sha256}, its row says {} bytes with SHA-256 {}",
                    bytes.len(),
                    row.size_bytes,
                    row.sha256
                ),
            ));
            continue;
        }
        let path = files_dir.join(key);
        tokio::fs::write(&path, &bytes)
            .await
            .with_context(|| format!("writing {}", path.display()))?;
        copied.entries.push(FileEntry {
            key: key.to_string(),
            size: bytes.len() as u64,
            sha256,
        });
    }
    Ok(copied)
}

/// Checks every listed file in the backup folder against its size and SHA-256; returns
/// what is wrong, one line per file (empty when all is well).
pub fn check(dir: &Path, entries: &[FileEntry]) -> anyhow::Result<Vec<String>> {
    let files_dir = dir.join(FILES_DIR);
    let mut wrong = Vec::new();
    for entry in entries {
        let path = files_dir.join(checked_key(&entry.key)?);
        match file_digest(&path) {
            Err(e) => wrong.push(format!("{}: {e:#}", entry.key)),
            Ok((size, sha256)) if size != entry.size || sha256 != entry.sha256 => {
                wrong.push(format!(
                "{}: {size} bytes with SHA-256 {sha256}, the list says {} bytes with SHA-256 {}",
                entry.key, entry.size, entry.sha256
            ))
            }
            Ok(_) => {}
        }
    }
    Ok(wrong)
}

/// Puts every listed file into the storage under its key.
pub async fn copy_in(storage: &Storage, dir: &Path, entries: &[FileEntry]) -> anyhow::Result<()> {
    let files_dir = dir.join(FILES_DIR);
    for entry in entries {
        let key = checked_key(&entry.key)?;
        let path = files_dir.join(key);
        let bytes = tokio::fs::read(&path)
            .await
            .with_context(|| format!("reading {}", path.display()))?;
        // Checked again as it is written: the folder may have changed since `check`.
        anyhow::ensure!(
            sha256_hex(&bytes) == entry.sha256,
            "{} changed during the restore",
            path.display()
        );
        let mut incoming = storage.begin().await?;
        incoming.write(&bytes).await?;
        storage
            .commit(incoming, key)
            .await
            .with_context(|| format!("storing {key}"))?;
    }
    Ok(())
}
