//! The «Ladda upp fil» form's multipart body, read without touching storage: the `csrf`
//! field first, then `file`, streamed chunk by chunk to a sink with its size counted as it
//! comes, hashed, and accepted by its sniffed content (PDF, JPEG, PNG), not by its name.
//! The upload handler passes its storage as the sink; the fuzz target
//! `fuzz/fuzz_targets/upload_multipart.rs` passes a buffer, so both run this same code
//! (and `upload_sniff.rs` the content check).

use std::future::Future;

use axum::extract::multipart::{Field, MultipartError};
use axum::extract::Multipart;
use sha2::{Digest, Sha256};

use crate::auth::tokens;

/// The kinds of file a moment accepts, by their sniffed type.
pub const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// How many leading bytes the content check looks at.
pub const SNIFF_BYTES: usize = 8192;

/// The accepted type of a file that begins with `head`, judged by its content.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    let sniffed = infer::get(head).map(|k| k.mime_type());
    ACCEPTED.into_iter().find(|a| Some(*a) == sniffed)
}

/// Why a file was refused: the message key for the «Fil» field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    Empty,
    TooLarge,
    WrongType,
}

/// Why no file was read.
#[derive(Debug)]
pub enum ReadError<E> {
    /// Shown on the form's «Fil» field.
    Refused(Refusal),
    /// The `csrf` field was not first or did not match.
    Csrf,
    /// The body is no multipart form we can read.
    BadUpload,
    /// The sink refused a chunk.
    Sink(E),
}

/// The file read: what the moment's new version records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The name as the device gave it ([`clean_name`]); empty when it gave none.
    pub name: String,
    pub content_type: &'static str,
    pub size: usize,
    /// Hex SHA-256 of the bytes the sink received.
    pub sha256: String,
}

/// Where the file's bytes go as they arrive: the storage in the handler, a buffer in the
/// fuzz target.
pub trait Sink: Send {
    type Error: Send;
    fn put(&mut self, bytes: &[u8]) -> impl Future<Output = Result<(), Self::Error>> + Send;
}

/// Why no file was read, and the sink if it was begun (the caller throws away what it
/// received).
#[derive(Debug)]
pub struct Unread<S, E> {
    pub sink: Option<S>,
    pub error: ReadError<E>,
}

/// Reads the form: the `csrf` field, which must come first and match `expected`, then
/// the `file` field (other fields are skipped). Only then is the sink begun (`begin` is
/// awaited), and the file streamed to it. Returns what was read and the sink holding it.
pub async fn read_upload<S: Sink>(
    multipart: &mut Multipart,
    expected: &str,
    limit: usize,
    begin: impl Future<Output = Result<S, S::Error>>,
) -> Result<(Received, S), Unread<S, S::Error>> {
    let unread = |error: ReadError<S::Error>| Unread::<S, S::Error> { sink: None, error };
    let first = multipart
        .next_field()
        .await
        .map_err(|_| unread(ReadError::BadUpload))?;
    let csrf_ok = match first {
        Some(f) if f.name() == Some("csrf") => {
            let sent = f.text().await.map_err(|_| unread(ReadError::Csrf))?;
            tokens::equal(&sent, expected)
        }
        _ => false,
    };
    if !csrf_ok {
        return Err(unread(ReadError::Csrf));
    }
    let field = loop {
        match multipart.next_field().await {
            Ok(Some(f)) if f.name() == Some("file") => break f, // not a status: the field's name
            Ok(Some(_)) => continue,
            Ok(None) => return Err(unread(ReadError::Refused(Refusal::Missing))),
            Err(e) if is_too_large(&e) => {
                return Err(unread(ReadError::Refused(Refusal::TooLarge)))
            }
            Err(_) => return Err(unread(ReadError::BadUpload)),
        }
    };
    let mut sink = begin.await.map_err(|e| unread(ReadError::Sink(e)))?;
    match stream_file(field, limit, &mut sink).await {
        Ok(received) => Ok((received, sink)),
        Err(error) => Err(Unread {
            sink: Some(sink),
            error,
        }),
    }
}

/// Streams the file field to `sink`, refusing it once more than `limit` bytes came, when
/// it is empty, or when its content is not of an accepted type.
async fn stream_file<S: Sink>(
    mut field: Field<'_>,
    limit: usize,
    sink: &mut S,
) -> Result<Received, ReadError<S::Error>> {
    let name = clean_name(field.file_name().unwrap_or(""));
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut size = 0usize;
    loop {
        match field.chunk().await {
            Ok(Some(bytes)) => {
                size += bytes.len();
                if size > limit {
                    return Err(ReadError::Refused(Refusal::TooLarge));
                }
                if head.len() < SNIFF_BYTES {
                    let take = (SNIFF_BYTES - head.len()).min(bytes.len());
                    head.extend_from_slice(&bytes[..take]);
                }
                hasher.update(&bytes);
                sink.put(&bytes).await.map_err(ReadError::Sink)?;
            }
            Ok(None) => break,
            Err(e) if is_too_large(&e) => return Err(ReadError::Refused(Refusal::TooLarge)),
            Err(_) => return Err(ReadError::BadUpload),
        }
    }
    if size == 0 {
        return Err(ReadError::Refused(if name.is_empty() {
            Refusal::Missing
        } else {
            Refusal::Empty
        }));
    }
    let Some(content_type) = sniff(&head) else {
        return Err(ReadError::Refused(Refusal::WrongType));
    };
    Ok(Received {
        name,
        content_type,
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// The body limit cut the stream (axum reports 413; the tower-http layer's cut shows in
/// the message only).
fn is_too_large(e: &MultipartError) -> bool {
    e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
        || e.body_text().contains("length limit")
}

/// The name as the person's device gave it, without any folder part, kept short.
pub fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    base.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}
