//! Who is asking: sessions, passwords, tokens, and the extractors handlers use to demand
//! a signed-in user or a staff role.

pub mod password;
pub mod session;
pub mod tokens;
pub mod user;

pub use user::{CurrentUser, User};
