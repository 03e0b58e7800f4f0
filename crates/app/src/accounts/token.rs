//! Random secrets and their stored form. The links mailed for verification and password
//! reset carry a random token; only its SHA-256 is stored, so a copy of the database
//! opens no account. (The web layer uses the same two functions for session ids and
//! CSRF tokens.)

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes from the OS generator, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// A new link token: what goes into the e-mail, and what is stored.
pub(crate) struct LinkToken {
    pub raw: String,
    pub hash: String,
}

impl LinkToken {
    pub fn new() -> LinkToken {
        let raw = random_token();
        let hash = sha256_hex(&raw);
        LinkToken { raw, hash }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = LinkToken::new();
        let b = LinkToken::new();
        assert_ne!(a.raw, b.raw);
        assert_eq!(a.raw.len(), 64);
        assert_eq!(a.hash, sha256_hex(&a.raw));
        assert_ne!(a.hash, a.raw);
    }
}
