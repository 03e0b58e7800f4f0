//! The records, each file one table and its queries.

pub mod attestation;
pub mod bulk;
pub mod case;
pub mod catalog;
pub mod company;
pub mod counter;
pub mod decision;
pub mod email_token;
pub mod employment;
pub mod event;
pub mod exam;
pub mod file;
pub mod invoice;
pub mod life;
pub mod limited_mail;
pub mod login_failure;
pub mod moment;
pub mod outbox;
pub mod person;
pub mod register;
pub mod session;

/// A status change as `domain` allowed it: the update is guarded on `from` (someone
/// else's change in between makes it hit no row) and writes `to`. The store never decides
/// a transition itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change<S> {
    pub from: S,
    pub to: S,
}

/// One page of a longer list, with the total so the UI can show the hit count and pages.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        if self.total == 0 {
            1
        } else {
            (self.total + self.per_page - 1) / self.per_page
        }
    }
    pub fn offset(page: i64, per_page: i64) -> i64 {
        (page.max(1) - 1) * per_page
    }
}
