//! certportal's rules, free of I/O, so that every rule of the manual reads plainly in one place.
//!
//! The web and store crates call in here; nothing here calls out.

pub mod certification;
pub mod company_certificate;
pub mod email;
pub mod identifiers;
pub mod password;
pub mod stockholm;
