//! `CERTPORTAL_STORAGE_URL`: `file:///path` (or `file://relative/path`) or
//! `s3://bucket[/prefix]`. The S3 store's endpoint, region and keys come from the standard
//! `AWS_*` variables, never from the URL, so the URL can be printed.

use std::path::PathBuf;

use crate::config::Redacted;

#[derive(Debug, Clone, PartialEq)]
pub enum StorageUrl {
    File(PathBuf),
    S3 {
        bucket: String,
        /// Keys are stored under `prefix/` when given.
        prefix: Option<String>,
        /// Settings over the `AWS_*` variables' (`aws_endpoint`, `aws_allow_http`, …):
        /// the tests name their own S3 server this way.
        settings: Vec<(String, Redacted)>,
    },
}

impl StorageUrl {
    pub fn parse(url: &str) -> anyhow::Result<StorageUrl> {
        let url = url.trim();
        if let Some(path) = url.strip_prefix("file://") {
            anyhow::ensure!(!path.is_empty(), "`{url}`: file:// needs a folder");
            return Ok(StorageUrl::File(PathBuf::from(path)));
        }
        let Some(rest) = url.strip_prefix("s3://") else {
            anyhow::bail!("`{url}`: expected file://FOLDER or s3://BUCKET[/PREFIX]");
        };
        let (bucket, prefix) = match rest.split_once('/') {
            Some((b, p)) => (b, p.trim_matches('/')),
            None => (rest, ""),
        };
        anyhow::ensure!(
            !bucket.contains('@') && !bucket.contains(':'),
            "`{url}`: no credentials or port in the URL; the AWS_* variables carry them"
        );
        anyhow::ensure!(
            (3..=63).contains(&bucket.len())
                && bucket.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'.'),
            "`{url}`: `{bucket}` is not an S3 bucket name"
        );
        anyhow::ensure!(
            prefix
                .split('/')
                .all(|p| p.is_empty() || (p != "." && p != "..")),
            "`{url}`: bad prefix"
        );
        anyhow::ensure!(!prefix.contains("//"), "`{url}`: bad prefix");
        Ok(StorageUrl::S3 {
            bucket: bucket.to_string(),
            prefix: (!prefix.is_empty()).then(|| prefix.to_string()),
            settings: Vec::new(),
        })
    }
}
