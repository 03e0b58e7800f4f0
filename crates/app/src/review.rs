//! «Granska moment»: a case officer approves a moment, or marks it «Ej godkänt» with a
//! comment saying what to complete. The review, the moment's new status, its event and
//! the e-mail to the person commit together.

use domain::certification::{check_may_review, RuleError};
use domain::events::EventKind;
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::moment::Moment;
use store::DbConn;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// Reviews the moment `moment_id`: any staff role may, never on their own case, only on
/// an open case and only a moment «Inväntar granskning». `comment` is kept as given
/// (the caller trims it); «Ej godkänt» needs one.
pub fn review_moment(
    c: &mut DbConn,
    actor: &Actor,
    moment_id: &str,
    approve: bool,
    comment: &str,
    base_url: &str,
) -> Result<()> {
    actor.require_staff()?;
    tx(c, |c| {
        let (moment, template) = Moment::find(c, moment_id)?.ok_or(Error::NotFound)?;
        let row = Case::find_row(c, &moment.case_id)?.ok_or(Error::NotFound)?;
        let case = &row.case;
        check_may_review(&actor.id, &case.person_id, case.status, moment.status)?;
        let next = moment.status.after_review(approve, comment)?;
        // Guarded on the status read above: a second officer saving at the same moment
        // finds nothing left to review.
        if !Moment::set_status(c, moment_id, moment.status, next, comment, &actor.id)? {
            return Err(RuleError::NothingToReview.into());
        }
        Moment::record_review(c, moment_id, &case.id, &actor.id, approve, comment)?;
        Case::touch(c, &case.id)?;
        let kind = if approve {
            EventKind::MomentApproved
        } else {
            EventKind::MomentRejected
        };
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(&case.id),
                detail: comment,
                ..NewEvent::of(kind)
            },
        )?;
        // The mail is named like the event: «moment-approved», «moment-rejected».
        crate::mail::to_case_person(c, &row, kind.code(), base_url, |lang| {
            vec![
                ("moment", template.name(lang).to_string()),
                ("comment", comment.to_string()),
                (
                    "has_comment",
                    if comment.is_empty() { "no" } else { "yes" }.to_string(),
                ),
            ]
        })
    })
}
