//! A backup folder's `manifest.json` and its list of files (`files.tsv`): what was written,
//! with the checksums a restore checks before it writes anything.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use store::snapshot::TableDigest;

/// Raised when the folder's layout or meaning changes; a restore refuses other versions.
pub const FORMAT: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const FILES_LIST: &str = "files.tsv";
pub const FILES_DIR: &str = "files";
pub const SQLITE_FILE: &str = "certportal.db";
pub const PG_DUMP_FILE: &str = "database.pgdump";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub certportal_version: String,
    /// `sqlite` or `postgres`: a backup restores on the backend it was taken on.
    pub backend: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub database: DatabaseFile,
    /// Every table's row count and digest (`store::snapshot`), as of the backup's snapshot.
    pub tables: BTreeMap<String, TableDigest>,
    pub files: FilesSummary,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabaseFile {
    /// The name inside the backup folder.
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FilesSummary {
    pub count: u64,
    pub bytes: u64,
    /// The SHA-256 of `files.tsv` as written.
    pub list_sha256: String,
    /// Keys the database names whose bytes were missing or did not match their row (only
    /// with `--allow-missing`); they are not in the folder.
    #[serde(default)]
    pub skipped: Vec<String>,
}

/// One line of `files.tsv`: key, size in bytes and SHA-256, tab-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub key: String,
    pub size: u64,
    pub sha256: String,
}

/// A key as the storage makes them (UUIDs): anything else could name a path outside the
/// backup folder, so it is refused rather than copied.
pub fn checked_key(key: &str) -> anyhow::Result<&str> {
    anyhow::ensure!(
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "a file's storage key {key:?} is not a storage key"
    );
    Ok(key)
}

/// `files.tsv`'s text: one line per file, sorted by key.
pub fn files_list(entries: &[FileEntry]) -> String {
    let mut sorted: Vec<&FileEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    sorted
        .iter()
        .map(|e| format!("{}\t{}\t{}\n", e.key, e.size, e.sha256))
        .collect()
}

pub fn parse_files_list(text: &str) -> anyhow::Result<Vec<FileEntry>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(i, line)| {
            let mut parts = line.split('\t');
            let (Some(key), Some(size), Some(sha256), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                anyhow::bail!("{FILES_LIST} line {}: expected key, size and sha256", i + 1);
            };
            Ok(FileEntry {
                key: checked_key(key)?.to_string(),
                size: size
                    .parse()
                    .with_context(|| format!("{FILES_LIST} line {}: size", i + 1))?,
                sha256: sha256.to_string(),
            })
        })
        .collect()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A file's size and SHA-256, read in pieces (a database file can be large).
pub fn file_digest(path: &Path) -> anyhow::Result<(u64, String)> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = file
            .read(&mut buf)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((total, hex::encode(hasher.finalize())))
}

impl Manifest {
    pub fn read(dir: &Path) -> anyhow::Result<Manifest> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{}: not a certportal backup (a backup without its manifest is incomplete)",
                path.display()
            )
        })?;
        let manifest: Manifest = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a certportal manifest", path.display()))?;
        anyhow::ensure!(
            manifest.format == FORMAT,
            "{}: format {} (this certportal reads format {FORMAT})",
            path.display(),
            manifest.format
        );
        Ok(manifest)
    }

    /// Written last, and through a temporary name: a folder with a manifest is complete.
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        let tmp = dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&tmp, serde_json::to_string_pretty(self)? + "\n")
            .with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, dir.join(MANIFEST))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_files_list_is_sorted_and_reads_back() {
        let entries = vec![
            FileEntry {
                key: "b-2".into(),
                size: 2,
                sha256: "bb".into(),
            },
            FileEntry {
                key: "a-1".into(),
                size: 1,
                sha256: "aa".into(),
            },
        ];
        let text = files_list(&entries);
        assert_eq!(text, "a-1\t1\taa\nb-2\t2\tbb\n");
        let back = parse_files_list(&text).unwrap();
        assert_eq!(back[0], entries[1]);
        assert_eq!(back[1], entries[0]);
    }

    #[test]
    fn keys_that_could_leave_the_folder_are_refused() {
        for key in ["", "../x", "a/b", "a.b", "a\tb"] {
            assert!(checked_key(key).is_err(), "{key:?}");
        }
        assert!(parse_files_list("../etc/passwd\t1\taa\n").is_err());
        assert!(parse_files_list("a\t1\n").is_err());
        assert!(parse_files_list("a\tx\taa\n").is_err());
    }
}
