//! A passed exam satisfies the exam moments of its kind in the person's open cases, by
//! itself: when the result is fixed (or corrected to a pass), and when a case is opened
//! while a passed result still counts. The event says «Godkänt genom prov <date>,
//! <centre>».

use domain::events::EventKind;
use domain::exams::still_counts;
use store::models::event::{Event, NewEvent};
use store::models::exam::{
    case_exam_moments, open_exam_moments, ExamBooking, ExamKind, SessionRow,
};
use store::models::moment::Moment;
use store::DbConn;
use time::Date;

use crate::error::Result;

fn approve(
    c: &mut DbConn,
    by: &str,
    person_id: &str,
    moment_id: &str,
    case_id: &str,
    from: domain::certification::MomentStatus,
    detail: &str,
) -> Result<()> {
    let Some(to) = from.after_passed_exam() else {
        return Ok(());
    };
    if Moment::set_status(c, moment_id, from, to, "", by)? {
        Event::record(
            c,
            NewEvent {
                actor_id: Some(by),
                person_id: Some(person_id),
                case_id: Some(case_id),
                detail,
                ..NewEvent::of(EventKind::MomentPassedByExam)
            },
        )?;
    }
    Ok(())
}

fn detail(taken_on: Date, centre: &str) -> String {
    format!("{}, {centre}", domain::stockholm::format_date(taken_on))
}

/// A passed result was fixed: its kind's exam moments in the person's open cases are
/// approved, if it still counts today.
pub(super) fn after_pass(
    c: &mut DbConn,
    by: &str,
    booking: &ExamBooking,
    row: &SessionRow,
    today: Date,
) -> Result<()> {
    if !still_counts(booking.taken_on, row.kind.valid_months, today) {
        return Ok(());
    }
    let d = detail(booking.taken_on, &row.centre.name);
    for (moment_id, case_id, status) in
        open_exam_moments(c, &booking.person_id, &booking.exam_kind_id)?
    {
        approve(c, by, &booking.person_id, &moment_id, &case_id, status, &d)?;
    }
    Ok(())
}

/// A case was opened: each exam moment for which a passed result still counts is
/// approved at once. Runs in the caller's transaction.
pub fn satisfy_new_case(c: &mut DbConn, person_id: &str, case_id: &str, today: Date) -> Result<()> {
    for (moment_id, template_id, status) in case_exam_moments(c, case_id)? {
        let kinds = ExamKind::satisfying(c, &template_id)?;
        let Some(longest) = kinds.iter().map(|k| k.valid_months).max() else {
            continue;
        };
        let ids: Vec<String> = kinds.iter().map(|k| k.id.clone()).collect();
        let since = domain::certification::life::add_months(today, -longest);
        for (booking, centre) in ExamBooking::passed_since(c, person_id, &ids, since)? {
            let counts = kinds
                .iter()
                .find(|k| k.id == booking.exam_kind_id)
                .is_some_and(|k| still_counts(booking.taken_on, k.valid_months, today));
            if counts {
                let d = detail(booking.taken_on, &centre);
                approve(c, person_id, person_id, &moment_id, case_id, status, &d)?;
                break;
            }
        }
    }
    Ok(())
}
