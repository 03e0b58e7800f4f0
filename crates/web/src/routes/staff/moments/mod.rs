//! Moment review: the officers' queue of moments «Inväntar granskning», the review page
//! with the uploaded versions, and the review itself («Godkänn» / «Ej godkänt»).

mod page;
mod queue;
mod submit;

pub use page::show;
pub use queue::queue;
pub use submit::review;
pub(crate) use submit::ReviewForm;
