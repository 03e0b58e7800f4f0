//! Keeps each company's certificate standing current. Called inside the transaction of
//! every change that can move it (an employment confirmed or ended, a certificate issued
//! or expired), so the standing, its event and the administrators' e-mail commit with the
//! change.

use std::collections::BTreeSet;

use domain::company_certificate::{keeps_active, Standing};
use domain::events::EventKind;
use store::models::company::Company;
use store::models::employment::{EmployeeCertificate, Employment};
use store::models::event::{Event, NewEvent};
use store::{DbConn, StoreResult};
use time::Date;

/// Who keeps the company certificate active today, as (person id, name), in the order of
/// `certificates`. Keyed by person: a holder with two qualifying certificates is listed
/// once, and two people who share a name are both listed. The company page lists these
/// and the standing counts them, so the two cannot disagree.
pub fn holders(certificates: &[EmployeeCertificate], today: Date) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    certificates
        .iter()
        .filter(|e| keeps_active(e.status, e.valid_until, e.qualifies_company, today))
        .filter(|e| seen.insert(e.person_id.as_str()))
        .map(|e| (e.person_id.clone(), e.person_name.clone()))
        .collect()
}

/// How many different people keep the company certificate active today.
pub fn qualifying_holders(conn: &mut DbConn, company_id: &str, today: Date) -> StoreResult<usize> {
    let certificates = Employment::employee_certificates(conn, company_id)?;
    Ok(holders(&certificates, today).len())
}

/// Recounts the company's qualifying holders and records a change of standing.
pub fn recompute(
    c: &mut DbConn,
    company_id: &str,
    actor_id: Option<&str>,
    base_url: &str,
    today: Date,
) -> StoreResult<Standing> {
    let Some(company) = Company::find(c, company_id)? else {
        return Ok(Standing::None);
    };
    let previous = company.certificate_status;
    let next = previous.next(qualifying_holders(c, company_id, today)?);
    if next == previous {
        return Ok(next);
    }
    Company::set_certificate_status(c, company_id, next)?;
    let kind = match next {
        Standing::Active => EventKind::CompanyCertificateActive,
        _ => EventKind::CompanyCertificateAtRisk,
    };
    Event::record(
        c,
        NewEvent {
            actor_id,
            company_id: Some(company_id),
            detail: &company.name,
            ..NewEvent::of(kind)
        },
    )?;
    if previous.was_lost(next) {
        for admin in Company::admins(c, company_id)? {
            crate::mail::enqueue(
                c,
                &admin.email,
                &admin.language,
                "company-at-risk",
                &[
                    ("name", admin.first_name.clone()),
                    ("company", company.name.clone()),
                    ("link", format!("{base_url}/companies/{company_id}")),
                ],
            )?;
        }
    }
    Ok(next)
}

/// Recomputes every company the person is or was employed by.
pub fn recompute_for_person(
    c: &mut DbConn,
    person_id: &str,
    actor_id: Option<&str>,
    base_url: &str,
    today: Date,
) -> StoreResult<()> {
    for company_id in Employment::companies_of(c, person_id)? {
        recompute(c, &company_id, actor_id, base_url, today)?;
    }
    Ok(())
}
