//! «Boka prov» and «Avboka»: one open booking per person and exam kind, at most the
//! kind's attempts in twelve months, never more bookings than seats (the seat is taken by
//! a guarded increment, so twenty booking at once for five seats get exactly five).

use domain::events::EventKind;
use domain::exams::{attempts_since, check_booking, check_cancel, BookingFacts, BookingStatus};
use domain::RuleError;
use store::models::event::{Event, NewEvent};
use store::models::exam::{ExamBooking, ExamSession, SessionRow};
use store::models::person::Person;
use store::DbConn;
use time::Date;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The values every booking mail says.
fn mail_args(row: &SessionRow, lang: &str, name: &str) -> Vec<(&'static str, String)> {
    let s = &row.session;
    vec![
        ("name", name.to_string()),
        ("exam", row.kind.name(lang).to_string()),
        ("date", domain::stockholm::format_date(s.on_date)),
        ("time", s.start_time.clone()),
        ("centre", row.centre.name.clone()),
        ("place", format!("{}, {}", s.address, s.city)),
        ("bring", row.kind.bring(lang).to_string()),
        (
            "last_cancel_day",
            domain::stockholm::format_date(s.last_cancel_day),
        ),
    ]
}

/// Books a seat in `session_id` for the actor; returns the booking's id.
pub fn book(
    c: &mut DbConn,
    actor: &Actor,
    session_id: &str,
    today: Date,
    base_url: &str,
) -> Result<String> {
    let booked = tx(c, |c| {
        let row = ExamSession::find_row(c, session_id)?.ok_or(Error::NotFound)?;
        let s = &row.session;
        check_booking(&BookingFacts {
            today,
            last_booking_day: s.last_booking_day,
            has_open_booking_of_kind: ExamBooking::has_open(c, &actor.id, &s.exam_kind_id)?,
            attempts_last_year: ExamBooking::attempts_since(
                c,
                &actor.id,
                &s.exam_kind_id,
                attempts_since(today),
            )?,
            max_attempts: row.kind.max_attempts,
        })?;
        if !ExamSession::take_seat(c, session_id)? {
            return Err(RuleError::SessionFull.into());
        }
        let id = store::new_id();
        let now = store::now();
        ExamBooking::insert(
            c,
            &ExamBooking {
                id: id.clone(),
                session_id: session_id.to_string(),
                person_id: actor.id.clone(),
                exam_kind_id: s.exam_kind_id.clone(),
                status: BookingStatus::Booked,
                attendance: None,
                points: None,
                passed: false,
                taken_on: s.on_date,
                booked_at: now,
                cancelled_at: None,
                updated_at: now,
            },
        )?;
        let detail = format!(
            "{}, {}",
            row.kind.name_sv,
            domain::stockholm::format_date(s.on_date)
        );
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                detail: &detail,
                ..NewEvent::of(EventKind::ExamBooked)
            },
        )?;
        let person = Person::find(c, &actor.id)?.ok_or(Error::NotFound)?;
        let lang = person.language.as_str();
        let mut args = mail_args(&row, lang, &person.first_name);
        args.push(("link", format!("{base_url}/exams")));
        crate::mail::enqueue(c, &person.email, lang, "exam-booked", &args)?;
        Ok(id)
    });
    match booked {
        // Two bookings of one person raced past the check: the partial unique index of
        // open bookings refused the second.
        Err(Error::Store(e)) if e.is_unique_violation() => Err(RuleError::OpenBookingExists.into()),
        other => other,
    }
}

/// Cancels the actor's booking, through the session's last cancel day.
pub fn cancel(
    c: &mut DbConn,
    actor: &Actor,
    booking_id: &str,
    today: Date,
    base_url: &str,
) -> Result<()> {
    tx(c, |c| {
        let booking = ExamBooking::find(c, booking_id)?
            .filter(|b| b.person_id == actor.id)
            .ok_or(Error::NotFound)?;
        let row = ExamSession::find_row(c, &booking.session_id)?.ok_or(Error::NotFound)?;
        check_cancel(booking.status, row.session.last_cancel_day, today)?;
        if !ExamBooking::cancel(c, booking_id)? {
            return Err(RuleError::BookingNotOpen.into());
        }
        ExamSession::free_seat(c, &booking.session_id)?;
        let detail = format!(
            "{}, {}",
            row.kind.name_sv,
            domain::stockholm::format_date(row.session.on_date)
        );
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                detail: &detail,
                ..NewEvent::of(EventKind::ExamCancelled)
            },
        )?;
        let person = Person::find(c, &actor.id)?.ok_or(Error::NotFound)?;
        let lang = person.language.as_str();
        let mut args = mail_args(&row, lang, &person.first_name);
        args.push(("link", format!("{base_url}/exams")));
        crate::mail::enqueue(c, &person.email, lang, "exam-cancelled", &args)?;
        Ok(())
    })
}
