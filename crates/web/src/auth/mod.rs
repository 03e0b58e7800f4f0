//! Who is asking: the client's address, sessions, passwords, tokens, and the extractors
//! handlers use to demand a signed-in user or a staff role.

pub mod client;
pub mod password;
pub mod session;
pub mod tokens;
pub mod user;

pub use client::ClientAddr;
pub use user::{CurrentUser, User};
