//! «Anställningar»: the person's employments, «Ny Anställning» by exact
//! organisationsnummer, and ending one's own employment.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::company::Company;
use store::models::employment::{Employment, WithCompany};
use store::models::event::{Event, NewEvent};
use store::write_tx;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;
use app::standing::recompute;
use app::today;
use domain::employment::EmploymentStatus;

#[derive(Template)]
#[template(path = "employments.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<WithCompany>,
    administered: Vec<Company>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let (rows, administered) = state
        .db
        .run(move |c| {
            Ok((
                Employment::for_person(c, &pid)?,
                Company::administered_by(c, &pid)?,
            ))
        })
        .await?;
    render(&ListPage {
        ctx,
        rows,
        administered,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub orgnr: String,
    pub start_date: String,
    pub action: String,
}

#[derive(Template)]
#[template(path = "employment_new.html")]
struct NewPage {
    ctx: Ctx,
    form: NewForm,
    company: Option<Company>,
    errors: FormErrors,
}

pub async fn show_new(ctx: Ctx, User(_user): User) -> AppResult<Response> {
    render(&NewPage {
        ctx,
        form: NewForm::default(),
        company: None,
        errors: FormErrors::default(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let mut errors = FormErrors::default();
    // Only an exact number finds a company: a name or part of a number finds nothing.
    let company = match domain::identifiers::Orgnr::parse(&form.orgnr) {
        Ok(o) => {
            let nr = o.as_str().to_string();
            let found = state
                .db
                .run(move |c| Company::find_by_orgnr(c, &nr))
                .await?;
            if found.is_none() {
                errors.add("orgnr", ctx.t("err-company-not-found-employment"));
            }
            found
        }
        Err(e) => {
            errors.add("orgnr", ctx.t(e.message_key()));
            None
        }
    };
    if form.action == "search" {
        let r = render(&NewPage {
            ctx,
            form,
            company,
            errors: errors.clone(),
        })?;
        return Ok(if errors.is_empty() { r } else { with_errors(r) });
    }
    let start = crate::forms::parse_date(&form.start_date);
    match start {
        None if form.start_date.trim().is_empty() => {
            errors.add("start_date", ctx.t("err-start-date-empty"))
        }
        None => errors.add("start_date", ctx.t("err-date-format")),
        Some(d) if d > today() + time::Duration::days(366) => {
            errors.add("start_date", ctx.t("err-start-date-far"))
        }
        Some(_) => {}
    }
    let (Some(company), Some(start), true) = (company.clone(), start, errors.is_empty()) else {
        return Ok(with_errors(render(&NewPage {
            ctx,
            form,
            company,
            errors,
        })?));
    };
    let pid = user.person.id.clone();
    let person_name = user.person.full_name();
    let base = state.config.base_url.clone();
    let company_id = company.id.clone();
    let created = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                if Employment::has_open(c, &pid, &company_id)? {
                    return Ok(false);
                }
                Employment::request(c, &pid, &company_id, start)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&pid),
                        person_id: Some(&pid),
                        company_id: Some(&company_id),
                        detail: &company.name,
                        ..NewEvent::of(EventKind::EmploymentRequested)
                    },
                )?;
                for admin in Company::admins(c, &company_id)? {
                    crate::mail::enqueue(
                        c,
                        &admin.email,
                        crate::mail::lang_of(&admin.language),
                        "employment-requested",
                        &[
                            ("name", admin.first_name.clone()),
                            ("person", person_name.clone()),
                            ("company", company.name.clone()),
                            ("link", format!("{base}/companies/{company_id}")),
                        ],
                    )?;
                }
                Ok(true)
            })
        })
        .await;
    let created = match created {
        Ok(v) => v,
        Err(e) if e.is_unique_violation() => false,
        Err(e) => return Err(e.into()),
    };
    if !created {
        errors.add("orgnr", ctx.t("err-employment-open"));
        return Ok(with_errors(render(&NewPage {
            ctx,
            form,
            company: None,
            errors,
        })?));
    }
    Ok(redirect_with_flash(
        "/employments",
        "employment-requested",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    pub end_date: String,
}

#[derive(Template)]
#[template(path = "employment_end.html")]
pub struct EndPage {
    pub ctx: Ctx,
    pub action: String,
    pub back: String,
    pub person_name: String,
    pub company_name: String,
    pub end_date: String,
    pub errors: FormErrors,
}

async fn own_confirmed(
    state: &AppState,
    person_id: &str,
    id: String,
) -> AppResult<(Employment, Company)> {
    let pid = person_id.to_string();
    state
        .db
        .run(move |c| {
            let Some(e) = Employment::find(c, &id)? else {
                return Ok(None);
            };
            if e.person_id != pid {
                return Ok(None);
            }
            Ok(Company::find(c, &e.company_id)?.map(|co| (e, co)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show_end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (e, company) = own_confirmed(&state, &user.person.id, id.clone()).await?;
    if e.status != EmploymentStatus::Confirmed {
        return Err(AppError::Rule("err-employment-not-confirmed"));
    }
    render(&EndPage {
        action: format!("/employments/{id}/end"),
        back: "/employments".into(),
        person_name: user.person.full_name(),
        company_name: company.name,
        end_date: ctx.date(today()),
        errors: FormErrors::default(),
        ctx,
    })
}

/// Checks an end date: a real date, not before the start, not in the future.
pub fn check_end_date(
    ctx: &Ctx,
    errors: &mut FormErrors,
    raw: &str,
    start: time::Date,
) -> Option<time::Date> {
    match crate::forms::parse_date(raw) {
        None => {
            errors.add("end_date", ctx.t("err-date-format"));
            None
        }
        Some(d) if d < start => {
            errors.add("end_date", ctx.t("err-end-before-start"));
            None
        }
        Some(d) if d > today() => {
            errors.add("end_date", ctx.t("err-end-in-future"));
            None
        }
        Some(d) => Some(d),
    }
}

/// Ends an employment and records it; the company's standing is recounted in the same
/// transaction.
pub async fn end_employment(
    state: &AppState,
    e: Employment,
    company: Company,
    end: time::Date,
    actor: String,
) -> AppResult<bool> {
    let base = state.config.base_url.clone();
    Ok(state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                if !Employment::end(c, &e.id, end)? {
                    return Ok(false);
                }
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        person_id: Some(&e.person_id),
                        company_id: Some(&company.id),
                        detail: &format!(
                            "{} {}",
                            company.name,
                            domain::stockholm::format_date(end)
                        ),
                        ..NewEvent::of(EventKind::EmploymentEnded)
                    },
                )?;
                recompute(c, &company.id, Some(&actor), &base, today())?;
                Ok(true)
            })
        })
        .await?)
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    let (e, company) = own_confirmed(&state, &user.person.id, id.clone()).await?;
    let mut errors = FormErrors::default();
    let Some(end) = check_end_date(&ctx, &mut errors, &form.end_date, e.start_date) else {
        return Ok(with_errors(render(&EndPage {
            action: format!("/employments/{id}/end"),
            back: "/employments".into(),
            person_name: user.person.full_name(),
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
        "/employments",
        "employment-ended",
        state.config.secure_cookies(),
    ))
}
