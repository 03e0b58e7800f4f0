//! The handlers, one module per area of the portal.

pub mod events;
pub mod home;
pub mod login;
pub mod password_reset;
pub mod profile;
pub mod register;
pub mod sections;
pub mod staff;
pub mod system;
