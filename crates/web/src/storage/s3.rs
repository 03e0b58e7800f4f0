//! The S3 store, through `object_store`: keys are objects under the URL's prefix. Endpoint,
//! region and keys come from the `AWS_*` variables (`AmazonS3Builder::from_env`).

use std::path::Path as FsPath;
use std::sync::Arc;

use futures_util::stream::{BoxStream, StreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;

use super::{checked, StoredObject};
use crate::config::Redacted;

/// Files up to this size go in one request; larger ones as a multipart upload of parts
/// this big (S3 wants parts of at least 5 MiB).
pub(super) const PART: usize = 8 * 1024 * 1024;

#[derive(Clone)]
pub(super) struct S3 {
    store: Arc<AmazonS3>,
    bucket: String,
    prefix: Path,
}

impl std::fmt::Display for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.prefix)
    }
}

impl S3 {
    pub(super) fn open(
        bucket: &str,
        prefix: Option<&str>,
        settings: &[(String, Redacted)],
    ) -> anyhow::Result<S3> {
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        for (name, value) in settings {
            let key: AmazonS3ConfigKey = name
                .parse()
                .map_err(|e| anyhow::anyhow!("S3 setting {name}: {e}"))?;
            builder = builder.with_config(key, value.0.clone());
        }
        // The error names what is missing or wrong, never a key's value.
        let store = builder
            .build()
            .map_err(|e| anyhow::anyhow!("the S3 store s3://{bucket}: {e}"))?;
        Ok(S3 {
            store: Arc::new(store),
            bucket: bucket.to_string(),
            prefix: prefix.map(Path::from).unwrap_or_default(),
        })
    }

    fn location(&self, key: &str) -> Path {
        self.prefix.clone().join(key)
    }

    pub(super) async fn put_file(&self, tmp: &FsPath, size: u64, key: &str) -> anyhow::Result<()> {
        let location = self.location(key);
        let mut file = tokio::fs::File::open(tmp).await?;
        if size <= PART as u64 {
            let mut bytes = Vec::with_capacity(size as usize);
            file.read_to_end(&mut bytes).await?;
            self.store.put(&location, PutPayload::from(bytes)).await?;
            return Ok(());
        }
        let upload = self.store.put_multipart(&location).await?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match file.read(&mut buf).await {
                Ok(n) => n,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(e.into());
                }
            };
            if n == 0 {
                break;
            }
            if let Err(e) = writer.wait_for_capacity(4).await {
                let _ = writer.abort().await;
                return Err(e.into());
            }
            writer.write(&buf[..n]);
        }
        writer.finish().await?;
        Ok(())
    }

    pub(super) async fn read(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        let got = self.store.get(&self.location(key)).await?;
        Ok(got.bytes().await?.to_vec())
    }

    pub(super) async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&self.location(key)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => Ok(other?),
        }
    }

    /// S3 lists a bucket in the byte order of its keys, a page of 1 000 at a time; every
    /// key under the prefix shares it, so the order is that of our keys. Objects directly
    /// under the prefix whose names are not keys of ours are passed over.
    pub(super) fn list(&self) -> BoxStream<'static, anyhow::Result<StoredObject>> {
        let prefix = self.prefix.clone();
        let listing = if prefix.as_ref().is_empty() {
            self.store.list(None)
        } else {
            self.store.list(Some(&prefix))
        };
        listing
            .filter_map(move |item| {
                let out = match item {
                    Err(e) => Some(Err(anyhow::Error::from(e))),
                    Ok(meta) => key_under(&meta.location, &prefix).map(|key| {
                        Ok(StoredObject {
                            key,
                            modified: meta.last_modified.into(),
                        })
                    }),
                };
                std::future::ready(out)
            })
            .boxed()
    }
}

/// The key of an object directly under `prefix`, if its name is one.
fn key_under(location: &Path, prefix: &Path) -> Option<String> {
    let mut rest = location.prefix_match(prefix)?;
    let key = rest.next()?.as_ref().to_string();
    (rest.next().is_none() && checked(&key).is_ok()).then_some(key)
}
