//! The upload form's multipart reader (`web::upload_reader::read_upload`, which the «Ladda upp fil»
//! handler calls) on any body: it never panics, and a file it accepts is exactly the bytes
//! the sink received, within the limit, non-empty, of an accepted type by content, with
//! their SHA-256 and a cleaned name.
#![no_main]

use std::sync::LazyLock;

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::http::{header, Method, Request};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use web::upload_reader::{read_upload, sniff, ReadError, Sink, Unread, ACCEPTED, SNIFF_BYTES};

/// The boundary the body is read with; the seeds use it.
const BOUNDARY: &str = "certportal-fuzz";
/// The token the `csrf` field must carry.
const TOKEN: &str = "token";
/// Small, so that the size refusal is reached.
const LIMIT: usize = 4096;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime")
});

/// The sink refuses a chunk that begins with this, as a full disk would.
const SINK_REFUSES: &[u8] = b"SINK-FULL";

/// The bytes received, in memory.
#[derive(Default)]
struct Buffer(Vec<u8>);

impl Sink for Buffer {
    type Error = ();

    async fn put(&mut self, bytes: &[u8]) -> Result<(), ()> {
        if bytes.starts_with(SINK_REFUSES) {
            return Err(());
        }
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(data.to_vec()))
        .expect("a request");
    RUNTIME.block_on(async {
        let Ok(mut multipart) = Multipart::from_request(request, &()).await else {
            return;
        };
        let read = read_upload(&mut multipart, TOKEN, LIMIT, async {
            Ok(Buffer::default())
        })
        .await;
        match read {
            Ok((r, Buffer(written))) => {
                assert_eq!(r.size, written.len());
                assert!(r.size > 0 && r.size <= LIMIT);
                assert!(ACCEPTED.contains(&r.content_type));
                assert_eq!(
                    sniff(&written[..written.len().min(SNIFF_BYTES)]),
                    Some(r.content_type)
                );
                assert_eq!(r.sha256, hex::encode(Sha256::digest(&written)));
                assert!(r.name.chars().count() <= 200);
                assert!(!r.name.contains(['/', '\\']));
                assert!(!r.name.chars().any(char::is_control));
                assert_eq!(r.name.trim(), r.name);
            }
            Err(Unread { sink, error }) => {
                // Nothing is begun before the token and the file field are through.
                if matches!(error, ReadError::Csrf) {
                    assert!(sink.is_none());
                }
            }
        }
    });
});
