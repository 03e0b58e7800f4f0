//! The handlers, one module per area of the portal.

pub mod admin;
pub mod annual;
pub mod attest;
pub mod case_page;
pub mod certificate_files;
pub mod certificates;
pub mod company_page;
pub mod employments;
pub mod events;
pub mod exam_admin;
pub mod examiner;
pub mod exams;
pub mod files;
pub mod home;
pub mod invoice;
pub mod login;
pub mod password_reset;
pub mod profile;
pub mod public;
pub mod recertify;
pub mod register;
pub mod staff;
pub mod system;
pub mod upload;
