//! «Provtillfällen»: created by an examiner of the centre, or by staff.

use domain::events::EventKind;
use domain::exams::{check_session, SessionStatus};
use domain::RuleError;
use store::models::event::{Event, NewEvent};
use store::models::exam::{ExamCentre, ExamSession};
use store::DbConn;
use time::Date;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// Whether the actor manages the centre's sessions: one of its examiners, or staff.
pub fn may_manage(c: &mut DbConn, actor: &Actor, centre_id: &str) -> Result<bool> {
    Ok(actor.is_staff() || ExamCentre::is_examiner(c, centre_id, &actor.id)?)
}

/// A session to create.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub centre_id: String,
    pub exam_kind_id: String,
    pub on_date: Date,
    /// «HH:MM».
    pub start_time: String,
    pub city: String,
    pub address: String,
    pub seats: i32,
    pub last_booking_day: Date,
    pub last_cancel_day: Date,
}

pub fn create_session(
    c: &mut DbConn,
    actor: &Actor,
    s: &NewSession,
    today: Date,
) -> Result<String> {
    tx(c, |c| {
        let centre = ExamCentre::find(c, &s.centre_id)?.ok_or(Error::NotFound)?;
        if !may_manage(c, actor, &centre.id)? {
            return Err(Error::Forbidden("error-forbidden-examiner"));
        }
        if !ExamCentre::holds(c, &centre.id, &s.exam_kind_id)? {
            return Err(RuleError::CentreDoesNotHoldExam.into());
        }
        check_session(
            s.seats,
            s.on_date,
            s.last_booking_day,
            s.last_cancel_day,
            today,
        )?;
        let id = store::new_id();
        ExamSession::insert(
            c,
            &ExamSession {
                id: id.clone(),
                centre_id: centre.id.clone(),
                exam_kind_id: s.exam_kind_id.clone(),
                on_date: s.on_date,
                start_time: s.start_time.clone(),
                city: s.city.clone(),
                address: s.address.clone(),
                seats: s.seats,
                booked: 0,
                last_booking_day: s.last_booking_day,
                last_cancel_day: s.last_cancel_day,
                status: SessionStatus::Open,
                fixed_at: None,
                fixed_by: None,
                created_by: actor.id.clone(),
                created_at: store::now(),
            },
        )?;
        let detail = format!(
            "{} {}",
            domain::stockholm::format_date(s.on_date),
            centre.name
        );
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                detail: &detail,
                ..NewEvent::of(EventKind::ExamSessionCreated)
            },
        )?;
        Ok(id)
    })
}
