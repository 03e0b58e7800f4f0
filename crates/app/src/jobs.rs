//! Work that follows the calendar rather than a request, run once a day as of `today`
//! (`certportal jobs run --today`, and the server at start and every few minutes):
//!
//! - a certificate expires the day after «Giltigt till»;
//! - a yearly attestation due before today and not given makes «Aktivt» «Inaktivt»;
//! - two months before an attestation is due, its reminder goes to the holder and the
//!   employer's administrators; six months before «Giltigt till», the recertification
//!   reminder goes to the holder;
//! - suspensions that reached their end are counted (a decision maker ends each one).
//!
//! Every change is an update guarded on the status it changes from, and every reminder
//! is recorded once per certificate, kind and due date, so running a day twice, or on
//! several instances at once, changes nothing and sends nothing twice.

use domain::certification::life::{
    add_months, ANNUAL_OPENS_MONTHS_BEFORE, RECERTIFICATION_OPENS_MONTHS_BEFORE,
};
use domain::certification::{CaseStatus, ReminderKind};
use domain::events::EventKind;
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::life::{record_reminder, Due};
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::error::Result;
use crate::life::to_holder_and_employer;
use crate::standing::recompute_for_person;
use crate::tx;

/// How many certificates one query of a job takes; each is changed in its own
/// transaction, so a wave of thousands never holds the write lock long.
const BATCH: i64 = 500;

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub expired: usize,
    pub lapsed: usize,
    pub annual_reminders: usize,
    pub recertification_reminders: usize,
    /// Suspensions whose end has come, waiting in «Suspensioner som löper ut».
    pub suspensions_ending: i64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "expired: {}, made inactive: {}, yearly attestation reminders: {}, \
             recertification reminders: {}, suspensions ending: {}",
            self.expired,
            self.lapsed,
            self.annual_reminders,
            self.recertification_reminders,
            self.suspensions_ending
        )
    }
}

/// Runs every date-driven job once as of `today`.
pub fn run_all(c: &mut DbConn, today: Date, base_url: &str) -> Result<Report> {
    Ok(Report {
        expired: expire_certificates(c, today, base_url)?,
        lapsed: lapse_unattested(c, today, base_url)?,
        annual_reminders: remind_annual(c, today, base_url)?,
        recertification_reminders: remind_recertification(c, today, base_url)?,
        suspensions_ending: Case::suspensions_ending(c, today, 1, 1)?.total,
    })
}

/// Calls `each` on every certificate `batch` yields, one transaction each, until a batch
/// brings nothing `each` acted on; returns how many it acted on.
fn drain(
    c: &mut DbConn,
    mut batch: impl FnMut(&mut DbConn) -> Result<Vec<Due>>,
    mut each: impl FnMut(&mut DbConn, &Due) -> Result<bool>,
) -> Result<usize> {
    let mut done = 0;
    loop {
        let due = batch(c)?;
        if due.is_empty() {
            return Ok(done);
        }
        let mut acted = 0;
        for d in &due {
            if tx(c, |c| each(c, d))? {
                acted += 1;
            }
        }
        done += acted;
        if acted == 0 {
            // What is left was changed by someone else meanwhile.
            return Ok(done);
        }
    }
}

/// Expires every live certificate whose «Giltigt till» lies before `today`, each with
/// its event and the recount of its holder's company standings; returns how many expired.
pub fn expire_certificates(c: &mut DbConn, today: Date, base_url: &str) -> Result<usize> {
    let mut total = 0;
    for &from in CaseStatus::LIVE {
        let Some(to) = from.after_expiry() else {
            continue;
        };
        total += drain(
            c,
            |c| Ok(Case::validity_ended(c, from, today, BATCH)?),
            |c, d| {
                if !Case::change_status(c, &d.case_id, Change { from, to })? {
                    return Ok(false);
                }
                Event::record(
                    c,
                    NewEvent {
                        person_id: Some(&d.person_id),
                        case_id: Some(&d.case_id),
                        detail: d.certificate_number.as_deref().unwrap_or_default(),
                        ..NewEvent::of(EventKind::CertificateExpired)
                    },
                )?;
                recompute_for_person(c, &d.person_id, None, base_url, today)?;
                Ok(true)
            },
        )?;
    }
    Ok(total)
}

/// «Aktivt» → «Inaktivt» where the yearly attestation fell due before `today` without
/// one; the holder and the employer's administrators are told.
pub fn lapse_unattested(c: &mut DbConn, today: Date, base_url: &str) -> Result<usize> {
    let from = CaseStatus::Active;
    let Some(to) = from.after_lapse() else {
        return Ok(0);
    };
    drain(
        c,
        |c| Ok(Case::annual_overdue(c, from, today, BATCH)?),
        |c, d| {
            if !Case::change_status(c, &d.case_id, Change { from, to })? {
                return Ok(false);
            }
            let due = d.on.map(domain::stockholm::format_date).unwrap_or_default();
            Event::record(
                c,
                NewEvent {
                    person_id: Some(&d.person_id),
                    case_id: Some(&d.case_id),
                    detail: &due,
                    ..NewEvent::of(EventKind::CertificateLapsed)
                },
            )?;
            recompute_for_person(c, &d.person_id, None, base_url, today)?;
            if let Some(row) = Case::find_row(c, &d.case_id)? {
                let number = d.certificate_number.clone().unwrap_or_default();
                to_holder_and_employer(
                    c,
                    &row,
                    "certificate-lapsed",
                    base_url,
                    &[("number", number), ("due", due)],
                )?;
            }
            Ok(true)
        },
    )
}

/// Records the reminder and its event; false when it went out before.
fn reminder(c: &mut DbConn, d: &Due, kind: ReminderKind) -> Result<Option<String>> {
    let Some(on) = d.on else {
        return Ok(None);
    };
    if !record_reminder(c, &d.case_id, kind, on)? {
        return Ok(None);
    }
    let date = domain::stockholm::format_date(on);
    Event::record(
        c,
        NewEvent {
            person_id: Some(&d.person_id),
            case_id: Some(&d.case_id),
            detail: kind.code(),
            ..NewEvent::of(EventKind::ReminderSent)
        },
    )?;
    Ok(Some(date))
}

/// The yearly attestation opens two months before it is due: the holder and the
/// employer's administrators are reminded, once per certificate and due date.
pub fn remind_annual(c: &mut DbConn, today: Date, base_url: &str) -> Result<usize> {
    let due_by = add_months(today, ANNUAL_OPENS_MONTHS_BEFORE);
    drain(
        c,
        |c| Ok(Case::annual_to_remind(c, today, due_by, BATCH)?),
        |c, d| {
            let Some(due) = reminder(c, d, ReminderKind::Annual)? else {
                return Ok(false);
            };
            if let Some(row) = Case::find_row(c, &d.case_id)? {
                let number = d.certificate_number.clone().unwrap_or_default();
                to_holder_and_employer(
                    c,
                    &row,
                    "annual-open",
                    base_url,
                    &[("number", number), ("due", due)],
                )?;
            }
            Ok(true)
        },
    )
}

/// Six months before «Giltigt till» the holder is reminded to recertify, once per
/// certificate and date.
pub fn remind_recertification(c: &mut DbConn, today: Date, base_url: &str) -> Result<usize> {
    let valid_by = add_months(today, RECERTIFICATION_OPENS_MONTHS_BEFORE);
    let mut total = 0;
    for status in [CaseStatus::Active, CaseStatus::Inactive] {
        total += drain(
            c,
            |c| {
                Ok(Case::recertification_to_remind(
                    c, status, today, valid_by, BATCH,
                )?)
            },
            |c, d| {
                let Some(valid_until) = reminder(c, d, ReminderKind::Recertification)? else {
                    return Ok(false);
                };
                if let Some(row) = Case::find_row(c, &d.case_id)? {
                    let number = d.certificate_number.clone().unwrap_or_default();
                    crate::mail::to_case_person(c, &row, "recertification-open", base_url, |_| {
                        vec![("number", number), ("valid_until", valid_until)]
                    })?;
                }
                Ok(true)
            },
        )?;
    }
    Ok(total)
}
