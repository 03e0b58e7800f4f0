//! The final review: the queue of complete cases, the case with everything the decision
//! rests on, and the two decisions — «Utfärda certifikat» and «Avslå».

mod issue;
mod page;
mod queue;
mod reject;

pub use issue::issue;
pub(crate) use issue::IssueForm;
pub use page::show;
pub(super) use page::{case_page, load};
pub use queue::queue;
pub(crate) use reject::RejectForm;
pub use reject::{reject, show_reject};
