//! «Ansök om omcertifiering»: from six months before «Giltigt till», the holder opens a
//! new case of the same type with the type's recertification moments, linked to the
//! certificate and with its invoice recipient filled in. Its issue (in
//! `crate::decisions::issue`) keeps the certificate's number and adds the type's validity
//! to the old «Giltigt till».

use domain::certification::life::check_recertification_open;
use domain::certification::RuleError;
use domain::events::EventKind;
use store::models::case::{Case, CaseRow};
use store::models::catalog::MomentTemplate;
use store::models::event::{Event, NewEvent};
use store::models::invoice::InvoiceRecipient;
use store::DbConn;
use time::Date;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// Whether the case page offers «Ansök om omcertifiering» on this certificate today.
pub fn may_apply_recertification(row: &CaseRow, today: Date) -> bool {
    row.case.status.may_recertify()
        && row.case.renewed_by_case_id.is_none()
        && check_recertification_open(
            row.cert_type.recertification_years,
            row.case.valid_until,
            today,
        )
        .is_ok()
}

/// Opens the recertification case of the actor's certificate `case_id`; returns its id.
pub fn apply_recertification(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    today: Date,
) -> Result<String> {
    let opened = tx(c, |c| {
        let row = Case::find_row(c, case_id)?
            .filter(|r| r.case.person_id == actor.id)
            .ok_or(Error::NotFound)?;
        let old = &row.case;
        if !old.status.may_recertify() {
            return Err(RuleError::NotRecertifiable.into());
        }
        check_recertification_open(row.cert_type.recertification_years, old.valid_until, today)?;
        if Case::open_renewal(c, case_id)?.is_some() || Case::has_open(c, &actor.id, &old.type_id)?
        {
            return Err(RuleError::OpenCaseExists.into());
        }
        let templates = MomentTemplate::for_recertification(c, &old.type_id)?;
        let id = Case::create(c, &actor.id, &old.type_id, &templates, |t| {
            t.kind.initial_status()
        })?;
        Case::set_renews(c, &id, case_id)?;
        // Prefilled: who was invoiced for the certificate is invoiced again, until the
        // person chooses otherwise.
        if let Some(mut invoice) = InvoiceRecipient::for_case(c, case_id)? {
            invoice.case_id = id.clone();
            invoice.updated_at = store::now();
            invoice.updated_by = actor.id.clone();
            InvoiceRecipient::save(c, &invoice)?;
        }
        let number = old.certificate_number.clone().unwrap_or_default();
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&actor.id),
                case_id: Some(&id),
                detail: &number,
                ..NewEvent::of(EventKind::RecertificationApplied)
            },
        )?;
        Ok(id)
    });
    match opened {
        Err(Error::Store(e)) if e.is_unique_violation() => Err(RuleError::OpenCaseExists.into()),
        other => other,
    }
}
