//! Keeps each company's certificate standing current. Called inside the transaction of
//! every change that can move it (an employment confirmed or ended, a certificate issued),
//! so the standing, its event and the administrators' e-mail commit with the change.

use domain::company_certificate::{keeps_active, Standing};
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::event::{Event, NewEvent};
use store::{DbConn, StoreResult};

pub fn today() -> time::Date {
    domain::stockholm::today_stockholm(time::OffsetDateTime::now_utc())
}

/// Recounts the company's qualifying holders and records a change of standing.
pub fn recompute(
    c: &mut DbConn,
    company_id: &str,
    actor_id: Option<&str>,
    base_url: &str,
) -> StoreResult<Standing> {
    let Some(company) = Company::find(c, company_id)? else {
        return Ok(Standing::None);
    };
    let today = today();
    let mut holders: Vec<String> = Employment::employee_certificates(c, company_id)?
        .into_iter()
        .filter(|e| keeps_active(&e.status, e.valid_until, e.qualifies_company, today))
        .map(|e| e.person_id)
        .collect();
    holders.dedup();
    let previous = Standing::parse(&company.certificate_status);
    let next = previous.next(holders.len());
    if next == previous {
        return Ok(next);
    }
    Company::set_certificate_status(c, company_id, next.as_str())?;
    let kind = match next {
        Standing::Active => "company-certificate-active",
        _ => "company-certificate-at-risk",
    };
    Event::record(
        c,
        NewEvent {
            actor_id,
            company_id: Some(company_id),
            kind,
            detail: &company.name,
            ..Default::default()
        },
    )?;
    if previous.was_lost(next) {
        for admin in Company::admins(c, company_id)? {
            crate::mail::enqueue(
                c,
                &admin.email,
                crate::mail::lang_of(&admin.language),
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
) -> StoreResult<()> {
    for company_id in Employment::companies_of(c, person_id)? {
        recompute(c, &company_id, actor_id, base_url)?;
    }
    Ok(())
}
