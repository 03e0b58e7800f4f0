//! «Prov» (PRODUCT.md «Exams»): exam centres and their examiners («Provförrättare»),
//! sessions («Provtillfällen»), bookings, results, and the exam moments a passed result
//! satisfies. Each change, its event and its e-mail commit in one transaction; the rules
//! are `domain::exams`'.

mod bookings;
mod centres;
mod results;
mod satisfy;
mod sessions;

pub use bookings::{book, cancel};
pub use centres::{create_centre, grant_examiner, NewCentre};
pub use results::{correct_result, fix_results, save_results, ResultInput};
pub use satisfy::satisfy_new_case;
pub use sessions::{create_session, may_manage, NewSession};
