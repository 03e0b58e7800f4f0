//! Every form type a handler decodes (`web::form_types::FORM_TYPES`), through the same
//! axum `Form` extractor: the first byte picks the type, the rest is the urlencoded
//! body. Decoding never panics and always finishes (the body is all there).
#![no_main]

use libfuzzer_sys::fuzz_target;
use web::form_types::{Decoded, FORM_TYPES};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let (name, decode) = FORM_TYPES[usize::from(pick) % FORM_TYPES.len()];
    assert_ne!(decode(body), Decoded::Pending, "{name}");
});
