//! Where uploaded files' bytes live: a local folder by default. Files are written to a
//! temporary name and renamed into place, so a half-written file never has a key.
//! Keys are generated ids, never user input, so no path can escape the folder.
//!
//! Files fan out into 256 folders named by the first two hex digits of the SHA-256 of the
//! key. Keys are UUID v7, whose leading characters are a timestamp, so fanning out by the
//! key itself (the old layout, still read) put every file into one folder.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

#[derive(Debug, Clone)]
pub struct Storage {
    root: PathBuf,
}

/// A file being received: written as it arrives, then committed under its key.
pub struct Incoming {
    tmp: PathBuf,
    file: tokio::fs::File,
}

impl Storage {
    pub fn local(root: PathBuf) -> Storage {
        Storage { root }
    }

    fn checked(key: &str) -> anyhow::Result<&str> {
        anyhow::ensure!(
            !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "bad storage key"
        );
        Ok(key)
    }

    /// Where a file is written: under a folder picked by the key's hash.
    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        let key = Self::checked(key)?;
        let digest = Sha256::digest(key.as_bytes());
        Ok(self.root.join(hex::encode(&digest[..1])).join(key))
    }

    /// Where files stored before the hashed layout were written: under the key's first two
    /// characters. Only read, so those files need no moving.
    fn legacy_path(&self, key: &str) -> anyhow::Result<PathBuf> {
        let key = Self::checked(key)?;
        Ok(self.root.join(&key[..2.min(key.len())]).join(key))
    }

    pub async fn begin(&self) -> anyhow::Result<Incoming> {
        let dir = self.root.join("tmp");
        tokio::fs::create_dir_all(&dir).await?;
        let tmp = dir.join(uuid::Uuid::new_v4().to_string());
        let file = tokio::fs::File::create(&tmp).await?;
        Ok(Incoming { tmp, file })
    }

    pub async fn commit(&self, mut incoming: Incoming, key: &str) -> anyhow::Result<()> {
        incoming.file.flush().await?;
        incoming.file.sync_all().await?;
        let path = self.path(key)?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        tokio::fs::rename(&incoming.tmp, &path).await?;
        Ok(())
    }

    pub async fn discard(&self, incoming: Incoming) {
        drop(incoming.file);
        let _ = tokio::fs::remove_file(&incoming.tmp).await;
    }

    pub async fn read(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        match tokio::fs::read(self.path(key)?).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(tokio::fs::read(self.legacy_path(key)?).await?)
            }
            other => Ok(other?),
        }
    }

    /// Removes a stored file (only when the transaction that named it failed). Such a file
    /// was committed moments ago, so it is under the hashed layout, never the legacy one.
    pub async fn remove(&self, key: &str) {
        if let Ok(p) = self.path(key) {
            let _ = tokio::fs::remove_file(p).await;
        }
    }
}

impl Incoming {
    pub async fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.file.write_all(bytes).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that unwraps fails loudly

    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn new_keys_spread_over_many_folders() {
        let storage = Storage::local(PathBuf::from("/files"));
        let folders: BTreeSet<PathBuf> = (0..1000)
            .map(|_| {
                let key = store::new_id();
                let path = storage.path(&key).unwrap();
                assert_eq!(path.file_name().unwrap(), key.as_str());
                path.parent().unwrap().to_path_buf()
            })
            .collect();
        // 1000 keys over 256 folders fill about 250 of them. UUID v7 keys start with a
        // timestamp whose first two characters change once in decades: the old layout
        // put all of them in one folder.
        assert!(
            folders.len() > 200,
            "1000 keys in only {} folders",
            folders.len()
        );
        assert!(folders
            .iter()
            .all(|f| f.parent() == Some(storage.root.as_path())));
    }

    #[test]
    fn keys_that_could_leave_the_folder_are_refused() {
        let storage = Storage::local(PathBuf::from("/files"));
        for key in ["", "../etc", "a/b", "a.b"] {
            assert!(storage.path(key).is_err(), "{key:?}");
            assert!(storage.legacy_path(key).is_err(), "{key:?}");
        }
    }

    #[tokio::test]
    async fn committed_files_read_back_and_old_layout_files_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let storage = Storage::local(root.clone());

        let key = store::new_id();
        let mut incoming = storage.begin().await.unwrap();
        incoming.write(b"new layout").await.unwrap();
        storage.commit(incoming, &key).await.unwrap();
        assert_eq!(storage.read(&key).await.unwrap(), b"new layout");

        // A file written before the hashed layout, under the key's first two characters.
        let old_key = store::new_id();
        let old = root.join(&old_key[..2]).join(&old_key);
        tokio::fs::create_dir_all(old.parent().unwrap())
            .await
            .unwrap();
        tokio::fs::write(&old, b"old layout").await.unwrap();
        assert_eq!(storage.read(&old_key).await.unwrap(), b"old layout");

        assert!(storage.read(&store::new_id()).await.is_err());
    }
}
