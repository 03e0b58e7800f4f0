//! The file store: a folder. Files fan out into 256 folders named by the first two hex
//! digits of the SHA-256 of the key. Keys are UUID v7, whose leading characters are a
//! timestamp, so fanning out by the key itself (the old layout, still read and listed)
//! put every file into one folder.

use std::path::{Path, PathBuf};

use futures_util::stream::{self, BoxStream, StreamExt};
use sha2::{Digest, Sha256};

use super::{checked, StoredObject};

#[derive(Debug, Clone)]
pub(super) struct Local {
    pub(super) root: PathBuf,
}

impl Local {
    /// Where a file is written: under a folder picked by the key's hash.
    pub(super) fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        let key = checked(key)?;
        let digest = Sha256::digest(key.as_bytes());
        Ok(self.root.join(hex::encode(&digest[..1])).join(key))
    }

    /// Where files stored before the hashed layout were written: under the key's first two
    /// characters. Only read (and listed, and deleted), so those files need no moving.
    pub(super) fn legacy_path(&self, key: &str) -> anyhow::Result<PathBuf> {
        let key = checked(key)?;
        Ok(self.root.join(&key[..2.min(key.len())]).join(key))
    }

    pub(super) async fn commit(&self, tmp: &Path, key: &str) -> anyhow::Result<()> {
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        tokio::fs::rename(tmp, &path).await?;
        Ok(())
    }

    pub(super) async fn read(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        match tokio::fs::read(self.path(key)?).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(tokio::fs::read(self.legacy_path(key)?).await?)
            }
            other => Ok(other?),
        }
    }

    pub(super) async fn delete(&self, key: &str) -> anyhow::Result<()> {
        for path in [self.path(key)?, self.legacy_path(key)?] {
            match tokio::fs::remove_file(&path).await {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                other => other?,
            }
        }
        Ok(())
    }

    /// Every file in the two-character folders of either layout, sorted by key. The names
    /// are read first (about 100 bytes a file: 100 MB for a million), as a folder's files
    /// are in no order of their keys.
    pub(super) fn list(&self) -> BoxStream<'static, anyhow::Result<StoredObject>> {
        let root = self.root.clone();
        stream::once(async move {
            tokio::task::spawn_blocking(move || list_sorted(&root))
                .await
                .map_err(anyhow::Error::from)
                .and_then(|r| r)
        })
        .flat_map(|listed| match listed {
            Ok(all) => stream::iter(all.into_iter().map(Ok)).boxed(),
            Err(e) => stream::iter([Err(e)]).boxed(),
        })
        .boxed()
    }
}

fn list_sorted(root: &Path) -> anyhow::Result<Vec<StoredObject>> {
    let mut all = Vec::new();
    let folders = match std::fs::read_dir(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(all),
        other => other?,
    };
    for folder in folders {
        let folder = folder?;
        // Both layouts' folders have two-character names; `tmp` holds uploads in flight.
        let name = folder.file_name();
        if name.len() != 2 || !folder.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(folder.path())? {
            let file = file?;
            let Some(key) = file.file_name().to_str().map(str::to_string) else {
                continue;
            };
            if checked(&key).is_err() || !file.file_type()?.is_file() {
                continue;
            }
            let modified = file.metadata()?.modified()?;
            all.push(StoredObject { key, modified });
        }
    }
    all.sort_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
    Ok(all)
}
