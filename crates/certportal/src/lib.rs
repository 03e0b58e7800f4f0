//! What the certportal binary does that the integration tests also call: reading the
//! local mail folder (`certportal mail last|list`), backup and restore. The rest of the binary is in main.rs.

pub mod backup;
pub mod backup_cli;
pub mod check_cli;
pub mod eml;
pub mod exam_cli;
pub mod jobs_cli;
pub mod keys_cli;
pub mod mail_cli;
