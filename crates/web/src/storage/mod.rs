//! Where uploaded files' bytes live: a local folder (`file://…`, the default) or an S3
//! bucket (`s3://bucket[/prefix]`), chosen by `CERTPORTAL_STORAGE_URL`.
//!
//! An upload is written to a local temporary file as it arrives (the handler counts its
//! size while streaming), and only a file that passed every check is committed under its
//! key: renamed into place on the file store, put in one request (or a multipart upload
//! when large) on S3. So a half-received file never has a key in the store, and a
//! discarded one leaves nothing there. Keys are generated ids, never user input.

mod local;
mod s3;
mod url;

use std::path::PathBuf;
use std::time::SystemTime;

use futures_util::stream::BoxStream;
use tokio::io::AsyncWriteExt;

pub use url::StorageUrl;

#[derive(Clone)]
pub struct Storage {
    backend: Backend,
    /// Where uploads are received before they are committed.
    tmp_dir: PathBuf,
}

#[derive(Clone)]
enum Backend {
    Local(local::Local),
    S3(s3::S3),
}

/// What `Debug` shows of a store: where it is, never a credential.
impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Backend::Local(l) => write!(f, "Storage(file://{})", l.root.display()),
            Backend::S3(s) => write!(f, "Storage({s})"),
        }
    }
}

/// A file being received: written as it arrives, then committed under its key.
pub struct Incoming {
    tmp: PathBuf,
    file: tokio::fs::File,
    size: u64,
}

impl Incoming {
    pub async fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.file.write_all(bytes).await?;
        self.size += bytes.len() as u64;
        Ok(())
    }
}

/// One stored file, as `Storage::list` yields it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    pub key: String,
    pub modified: SystemTime,
}

/// A key the store accepts: letters, digits and `-` only, so it can name neither a folder
/// above the store's nor another object.
fn checked(key: &str) -> anyhow::Result<&str> {
    anyhow::ensure!(
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "bad storage key"
    );
    Ok(key)
}

impl Storage {
    /// The file store in `root` (temporary files in `root/tmp`, on the same file system,
    /// so that committing is a rename).
    pub fn local(root: PathBuf) -> Storage {
        Storage {
            tmp_dir: root.join("tmp"),
            backend: Backend::Local(local::Local { root }),
        }
    }

    /// The store `url` names; an S3 store receives uploads in `tmp_dir`.
    pub fn open(url: &StorageUrl, tmp_dir: PathBuf) -> anyhow::Result<Storage> {
        Ok(match url {
            StorageUrl::File(root) => Storage::local(root.clone()),
            StorageUrl::S3 {
                bucket,
                prefix,
                settings,
            } => Storage {
                backend: Backend::S3(s3::S3::open(bucket, prefix.as_deref(), settings)?),
                tmp_dir,
            },
        })
    }

    /// Where uploads wait before they are committed (a test checks it is left empty).
    pub fn tmp_dir(&self) -> &std::path::Path {
        &self.tmp_dir
    }

    pub async fn begin(&self) -> anyhow::Result<Incoming> {
        tokio::fs::create_dir_all(&self.tmp_dir).await?;
        let tmp = self.tmp_dir.join(uuid::Uuid::new_v4().to_string());
        let file = tokio::fs::File::create(&tmp).await?;
        Ok(Incoming { tmp, file, size: 0 })
    }

    pub async fn commit(&self, mut incoming: Incoming, key: &str) -> anyhow::Result<()> {
        let key = checked(key)?;
        incoming.file.flush().await?;
        match &self.backend {
            Backend::Local(l) => {
                incoming.file.sync_all().await?;
                let result = l.commit(&incoming.tmp, key).await;
                if result.is_err() {
                    let _ = tokio::fs::remove_file(&incoming.tmp).await;
                }
                result
            }
            Backend::S3(s) => {
                let Incoming { tmp, file, size } = incoming;
                drop(file);
                let result = s.put_file(&tmp, size, key).await;
                // Sent or not, the local copy is no longer needed.
                let _ = tokio::fs::remove_file(&tmp).await;
                result
            }
        }
    }

    pub async fn discard(&self, incoming: Incoming) {
        drop(incoming.file);
        let _ = tokio::fs::remove_file(&incoming.tmp).await;
    }

    pub async fn read(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let key = checked(key)?;
        match &self.backend {
            Backend::Local(l) => l.read(key).await,
            Backend::S3(s) => s.read(key).await,
        }
    }

    /// Removes a stored file whose row was never written (the transaction that would have
    /// named it failed); best effort, as the `check` command finds what is left.
    pub async fn remove(&self, key: &str) {
        if let Err(e) = self.delete(key).await {
            tracing::warn!(key, error = %e, "a stored file without a row could not be removed");
        }
    }

    /// Deletes a stored file; one that is not there is no error.
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let key = checked(key)?;
        match &self.backend {
            Backend::Local(l) => l.delete(key).await,
            Backend::S3(s) => s.delete(key).await,
        }
    }

    /// Every stored file, in the byte order of its key (which `certportal check` merges
    /// with the `files` table's keys). Temporary files are not listed.
    pub fn list(&self) -> BoxStream<'static, anyhow::Result<StoredObject>> {
        match &self.backend {
            Backend::Local(l) => l.list(),
            Backend::S3(s) => s.list(),
        }
    }
}

#[cfg(test)]
mod tests;
