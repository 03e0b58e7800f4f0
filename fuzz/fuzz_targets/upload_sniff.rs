//! The upload's content check (`web::upload_reader::sniff`) on any bytes: it never
//! panics, names only an accepted type, agrees with the content sniffer it wraps, and
//! judges a file by its first `SNIFF_BYTES` alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use web::upload_reader::{sniff, ACCEPTED, SNIFF_BYTES};

fuzz_target!(|data: &[u8]| {
    let head = &data[..data.len().min(SNIFF_BYTES)];
    let judged = sniff(head);
    if let Some(t) = judged {
        assert!(ACCEPTED.contains(&t));
        assert_eq!(infer::get(head).map(|k| k.mime_type()), Some(t));
    }
    // What follows the head never changes the verdict the handler acts on.
    let mut longer = head.to_vec();
    longer.extend_from_slice(b"%%EOF trailing bytes");
    if head.len() == SNIFF_BYTES {
        assert_eq!(sniff(&longer[..SNIFF_BYTES]), judged);
    }
});
