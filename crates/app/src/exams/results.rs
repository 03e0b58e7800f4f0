//! Results: the examiner registers attendance and points («Spara»), then «Fastställ
//! resultat» locks them, tells each person and lets a passed result satisfy their exam
//! moments. After that only staff correct a result, with a reason. An examiner never
//! registers their own result.

use domain::events::EventKind;
use domain::exams::{check_not_own_result, check_points, passed, Attendance, SessionStatus};
use domain::RuleError;
use store::models::event::{Event, NewEvent};
use store::models::exam::{BookedPerson, ExamBooking, ExamSession, SessionRow};
use store::models::person::Person;
use store::DbConn;
use time::Date;

use super::satisfy::after_pass;
use super::sessions::may_manage;
use crate::error::{Error, Result};
use crate::{tx, Actor};

/// One person's result as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultInput {
    pub booking_id: String,
    pub attendance: Option<Attendance>,
    pub points: Option<i32>,
}

/// The session, if the actor manages it and its results are still open.
fn open_session(c: &mut DbConn, actor: &Actor, session_id: &str) -> Result<SessionRow> {
    let row = ExamSession::find_row(c, session_id)?.ok_or(Error::NotFound)?;
    if !may_manage(c, actor, &row.session.centre_id)? {
        return Err(Error::Forbidden("error-forbidden-examiner"));
    }
    if row.session.status != SessionStatus::Open {
        return Err(RuleError::ResultsFixed.into());
    }
    Ok(row)
}

/// «Spara»: attendance and points of the session's booked persons.
pub fn save_results(
    c: &mut DbConn,
    actor: &Actor,
    session_id: &str,
    results: &[ResultInput],
) -> Result<()> {
    tx(c, |c| {
        let row = open_session(c, actor, session_id)?;
        let booked = ExamBooking::for_session(c, session_id)?;
        for r in results {
            let b = booked
                .iter()
                .find(|b| b.booking.id == r.booking_id)
                .ok_or(Error::NotFound)?;
            check_not_own_result(&actor.id, &b.booking.person_id)?;
            if let Some(p) = r.points {
                check_points(p, row.kind.max_points)?;
            }
            let ok = r
                .attendance
                .is_some_and(|a| passed(a, r.points, row.kind.pass_points));
            ExamBooking::save_result(c, &r.booking_id, r.attendance, r.points, ok)?;
        }
        // Attendance and points before they are fixed: recorded once per «Spara».
        let detail = format!(
            "{} {}, {}",
            row.kind.name_sv,
            domain::stockholm::format_date(row.session.on_date),
            row.centre.name
        );
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                detail: &detail,
                ..NewEvent::of(EventKind::ExamResultsSaved)
            },
        )?;
        Ok(())
    })
}

fn result_mail(
    c: &mut DbConn,
    b: &BookedPerson,
    row: &SessionRow,
    ok: bool,
    points: Option<i32>,
    base_url: &str,
) -> Result<()> {
    let person = Person::find(c, &b.booking.person_id)?.ok_or(Error::NotFound)?;
    let lang = person.language.as_str();
    let outcome = texts::t(
        texts::Lang::from_code(lang).unwrap_or_default(),
        if ok { "exam-passed" } else { "exam-failed" },
    );
    crate::mail::enqueue(
        c,
        &person.email,
        lang,
        "exam-result",
        &[
            ("name", person.first_name.clone()),
            ("exam", row.kind.name(lang).to_string()),
            ("date", domain::stockholm::format_date(row.session.on_date)),
            ("centre", row.centre.name.clone()),
            ("outcome", outcome),
            (
                "points",
                points.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
            ),
            ("max_points", row.kind.max_points.to_string()),
            ("link", format!("{base_url}/exams")),
        ],
    )?;
    Ok(())
}

/// «Fastställ resultat»: locks the session's results; returns how many passed.
pub fn fix_results(
    c: &mut DbConn,
    actor: &Actor,
    session_id: &str,
    today: Date,
    base_url: &str,
) -> Result<usize> {
    tx(c, |c| {
        let row = open_session(c, actor, session_id)?;
        let booked = ExamBooking::for_session(c, session_id)?;
        for b in &booked {
            check_not_own_result(&actor.id, &b.booking.person_id)?;
            if b.booking.attendance == Some(Attendance::Present) && b.booking.points.is_none() {
                return Err(RuleError::PointsMissing.into());
            }
        }
        if !ExamSession::fix(c, session_id, &actor.id)? {
            return Err(RuleError::ResultsFixed.into());
        }
        ExamBooking::mark_done(c, session_id)?;
        let mut passed_count = 0;
        for b in &booked {
            let ok = b.booking.passed;
            // Nobody marked present is absent.
            if b.booking.attendance.is_none() {
                ExamBooking::save_result(c, &b.booking.id, Some(Attendance::Absent), None, false)?;
            }
            let detail = format!(
                "{}: {} {}/{}",
                row.kind.name_sv,
                if ok { "Godkänt" } else { "Underkänt" },
                b.booking
                    .points
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-".into()),
                row.kind.max_points
            );
            Event::record(
                c,
                NewEvent {
                    actor_id: Some(&actor.id),
                    person_id: Some(&b.booking.person_id),
                    detail: &detail,
                    ..NewEvent::of(EventKind::ExamResultFixed)
                },
            )?;
            result_mail(c, b, &row, ok, b.booking.points, base_url)?;
            if ok {
                passed_count += 1;
                after_pass(c, &actor.id, &b.booking, &row, today)?;
            }
        }
        Ok(passed_count)
    })
}

/// Staff correct a fixed result, with a reason (recorded in the event).
#[allow(clippy::too_many_arguments)]
pub fn correct_result(
    c: &mut DbConn,
    actor: &Actor,
    booking_id: &str,
    attendance: Attendance,
    points: Option<i32>,
    reason: &str,
    today: Date,
    base_url: &str,
) -> Result<()> {
    actor.require_staff()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RuleError::ReasonRequired.into());
    }
    tx(c, |c| {
        let booking = ExamBooking::find(c, booking_id)?.ok_or(Error::NotFound)?;
        domain::certification::check_not_own_case(&actor.id, &booking.person_id)?;
        let row = ExamSession::find_row(c, &booking.session_id)?.ok_or(Error::NotFound)?;
        if row.session.status != SessionStatus::Fixed {
            return Err(RuleError::ResultsNotFixed.into());
        }
        if let Some(p) = points {
            check_points(p, row.kind.max_points)?;
        }
        let ok = passed(attendance, points, row.kind.pass_points);
        if !ExamBooking::correct(c, booking_id, attendance, points, ok)? {
            return Err(RuleError::ResultsNotFixed.into());
        }
        let detail = format!(
            "{}: {} {}/{} ({reason})",
            row.kind.name_sv,
            if ok { "Godkänt" } else { "Underkänt" },
            points.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
            row.kind.max_points
        );
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&booking.person_id),
                detail: &detail,
                ..NewEvent::of(EventKind::ExamResultCorrected)
            },
        )?;
        let updated = ExamBooking::find(c, booking_id)?.ok_or(Error::NotFound)?;
        let person = Person::find(c, &booking.person_id)?.ok_or(Error::NotFound)?;
        let b = BookedPerson {
            booking: updated.clone(),
            first_name: person.first_name,
            last_name: person.last_name,
            personnummer: None,
        };
        result_mail(c, &b, &row, ok, points, base_url)?;
        if ok {
            after_pass(c, &actor.id, &updated, &row, today)?;
        }
        Ok(())
    })
}
