//! certportal's rules, free of I/O, so that every rule of the manual reads plainly in one place.
//!
//! The application layer calls in here; nothing here calls out. Every status and kind
//! the portal stores is a `coded_enum!` here, with its allowed transitions beside it.

pub mod certification;
pub mod coded;
pub mod company_certificate;
pub mod email;
pub mod employment;
pub mod events;
pub mod exams;
pub mod identifiers;
pub mod login_throttle;
pub mod mail_limit;
pub mod password;
pub mod rule;
pub mod stockholm;
pub mod text;

pub use rule::RuleError;
