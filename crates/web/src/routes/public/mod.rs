//! The public side of the register: «Sök certifierade», «Kontrollera certifikat» and the
//! public API. No login; public facts only (`facts.rs` decides which); rate limited per
//! client (`crate::rate_limit`).

pub mod api;
pub mod facts;
pub mod search;
pub mod trust;
pub mod verify;
