//! Random secrets (session ids, CSRF tokens) and their stored form (SHA-256): the same
//! two functions the application layer makes its e-mailed links with.

pub use app::accounts::token::{random_token, sha256_hex};

/// Constant-time comparison, so a token cannot be guessed byte by byte from timings.
pub fn equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
