//! «Företagssida»: for a company's administrators (and readable by the staff): employment
//! requests to confirm or decline, current and former employees, their certificates and
//! the company certificate's standing. Only the company's own administrators act here.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::company::Company;
use store::models::employment::{EmployeeCertificate, Employment, WithPerson};
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::write_tx;

use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::routes::employments::{check_end_date, end_employment, EndForm, EndPage};
use crate::state::AppState;
use app::standing::recompute;
use app::today;
use domain::employment::EmploymentStatus;

#[derive(Template)]
#[template(path = "company.html")]
struct CompanyPage {
    ctx: Ctx,
    company: Company,
    orgnr: String,
    is_admin: bool,
    pending: Vec<WithPerson>,
    current: Vec<WithPerson>,
    former: Vec<WithPerson>,
    certificates: Vec<EmployeeCertificate>,
    holders: Vec<String>,
    admins: Vec<(String, String)>,
    grantable: Vec<WithPerson>,
}

/// The company, and whether the caller administers it; 404 for anyone who may not see it.
async fn visible(state: &AppState, user: &CurrentUser, id: String) -> AppResult<(Company, bool)> {
    let pid = user.person.id.clone();
    let (company, is_admin) = state
        .db
        .run(move |c| Ok((Company::find(c, &id)?, Company::is_admin(c, &id, &pid)?)))
        .await?;
    let company = company.ok_or(AppError::NotFound)?;
    if !is_admin && !user.person.is_staff() {
        return Err(AppError::NotFound);
    }
    Ok((company, is_admin))
}

/// Only the company's own administrators act on its employments.
async fn admin_only(state: &AppState, user: &CurrentUser, id: String) -> AppResult<Company> {
    let (company, is_admin) = visible(state, user, id).await?;
    if !is_admin {
        return Err(AppError::Forbidden("error-forbidden-company-admin"));
    }
    Ok(company)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (company, is_admin) = visible(&state, &user, id.clone()).await?;
    let cid = id.clone();
    let (employments, certificates, admins) = state
        .db
        .run(move |c| {
            let admins: Vec<(String, String)> = Company::admins(c, &cid)?
                .into_iter()
                .map(|a| (a.person_id.clone(), a.label()))
                .collect();
            Ok((
                Employment::for_company(c, &cid)?,
                Employment::employee_certificates(c, &cid)?,
                admins,
            ))
        })
        .await?;
    let today = today();
    let mut holders: Vec<String> = certificates
        .iter()
        .filter(|e| {
            domain::company_certificate::keeps_active(
                e.status,
                e.valid_until,
                e.qualifies_company,
                today,
            )
        })
        .map(|e| e.person_name.clone())
        .collect();
    holders.dedup();
    let (mut pending, mut current, mut former) = (vec![], vec![], vec![]);
    for e in employments {
        match e.employment.status {
            EmploymentStatus::Pending => pending.push(e),
            EmploymentStatus::Confirmed => current.push(e),
            EmploymentStatus::Rejected | EmploymentStatus::Ended => former.push(e),
        }
    }
    let grantable = current
        .iter()
        .filter(|e| !admins.iter().any(|(pid, _)| *pid == e.employment.person_id))
        .cloned()
        .collect();
    render(&CompanyPage {
        orgnr: domain::identifiers::Orgnr::from_stored(&company.orgnr)
            .map(|o| o.display())
            .unwrap_or_default(),
        ctx,
        company,
        is_admin,
        pending,
        current,
        former,
        certificates,
        holders,
        admins,
        grantable,
    })
}

async fn employment_of(state: &AppState, company_id: &str, id: String) -> AppResult<Employment> {
    let e = state
        .db
        .run(move |c| Employment::find(c, &id))
        .await?
        .ok_or(AppError::NotFound)?;
    if e.company_id != company_id {
        return Err(AppError::NotFound);
    }
    Ok(e)
}

async fn decide(
    state: AppState,
    user: CurrentUser,
    company_id: String,
    employment_id: String,
    confirm: bool,
) -> AppResult<Response> {
    let company = admin_only(&state, &user, company_id.clone()).await?;
    let e = employment_of(&state, &company.id, employment_id).await?;
    let actor = user.person.id.clone();
    let base = state.config.base_url.clone();
    let done = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                if !Employment::decide(c, &e.id, confirm, &actor)? {
                    return Ok(false);
                }
                let kind = if confirm {
                    EventKind::EmploymentConfirmed
                } else {
                    EventKind::EmploymentRejected
                };
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        person_id: Some(&e.person_id),
                        company_id: Some(&company.id),
                        detail: &company.name,
                        ..NewEvent::of(kind)
                    },
                )?;
                if let Some(p) = Person::find(c, &e.person_id)? {
                    crate::mail::enqueue(
                        c,
                        &p.email,
                        crate::mail::lang_of(&p.language),
                        kind,
                        &[
                            ("name", p.first_name.clone()),
                            ("company", company.name.clone()),
                            ("link", format!("{base}/employments")),
                        ],
                    )?;
                }
                if confirm {
                    recompute(c, &company.id, Some(&actor), &base, today())?;
                }
                Ok(true)
            })
        })
        .await?;
    if !done {
        return Err(AppError::Rule("err-employment-not-pending"));
    }
    let flash = if confirm {
        "employment-confirmed"
    } else {
        "employment-rejected"
    };
    Ok(redirect_with_flash(
        &format!("/companies/{company_id}"),
        flash,
        state.config.secure_cookies(),
    ))
}

pub async fn confirm(
    State(state): State<AppState>,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    decide(state, user, cid, eid, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    decide(state, user, cid, eid, false).await
}

async fn end_target(
    state: &AppState,
    user: &CurrentUser,
    cid: String,
    eid: String,
) -> AppResult<(Company, Employment, String)> {
    let company = admin_only(state, user, cid).await?;
    let e = employment_of(state, &company.id, eid).await?;
    if e.status != EmploymentStatus::Confirmed {
        return Err(AppError::Rule("err-employment-not-confirmed"));
    }
    let pid = e.person_id.clone();
    let name = state
        .db
        .run(move |c| Person::find(c, &pid))
        .await?
        .map(|p| p.full_name())
        .unwrap_or_default();
    Ok((company, e, name))
}

pub async fn show_end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (company, _, name) = end_target(&state, &user, cid.clone(), eid.clone()).await?;
    render(&EndPage {
        action: format!("/companies/{cid}/employments/{eid}/end"),
        back: format!("/companies/{cid}"),
        person_name: name,
        company_name: company.name,
        end_date: ctx.date(today()),
        errors: FormErrors::default(),
        ctx,
    })
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    let (company, e, name) = end_target(&state, &user, cid.clone(), eid.clone()).await?;
    let mut errors = FormErrors::default();
    let Some(end) = check_end_date(&ctx, &mut errors, &form.end_date, e.start_date) else {
        return Ok(with_errors(render(&EndPage {
            action: format!("/companies/{cid}/employments/{eid}/end"),
            back: format!("/companies/{cid}"),
            person_name: name,
            company_name: company.name,
            end_date: form.end_date,
            errors,
            ctx,
        })?));
    };
    if !end_employment(&state, e, company, end, user.person.id.clone()).await? {
        return Err(AppError::Rule("err-employment-not-confirmed"));
    }
    Ok(redirect_with_flash(
        &format!("/companies/{cid}"),
        "employment-ended",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    person_id: String,
}

/// A company administrator makes another confirmed employee of the same company one.
pub async fn grant_admin(
    State(state): State<AppState>,
    User(user): User,
    Path(cid): Path<String>,
    Form(form): Form<GrantForm>,
) -> AppResult<Response> {
    let company = admin_only(&state, &user, cid.clone()).await?;
    let actor = user.person.id.clone();
    let granted = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                if !Employment::is_confirmed_employee(c, &form.person_id, &company.id)?
                    || Company::is_admin(c, &company.id, &form.person_id)?
                {
                    return Ok(false);
                }
                Company::add_admin(c, &company.id, &form.person_id)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        person_id: Some(&form.person_id),
                        company_id: Some(&company.id),
                        detail: &company.name,
                        ..NewEvent::of(EventKind::CompanyAdminGranted)
                    },
                )?;
                Ok(true)
            })
        })
        .await?;
    if !granted {
        return Err(AppError::Rule("err-grant-not-employee"));
    }
    Ok(redirect_with_flash(
        &format!("/companies/{cid}"),
        "admin-granted",
        state.config.secure_cookies(),
    ))
}
