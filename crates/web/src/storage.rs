//! Where uploaded files' bytes live: a local folder by default. Files are written to a
//! temporary name and renamed into place, so a half-written file never has a key.
//! Keys are generated ids, never user input, so no path can escape the folder.

use std::path::PathBuf;

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

    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        anyhow::ensure!(
            !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "bad storage key"
        );
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
        Ok(tokio::fs::read(self.path(key)?).await?)
    }

    /// Removes a stored file (only when the transaction that named it failed).
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
