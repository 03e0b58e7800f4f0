//! «Administration»: companies (register, edit, appoint and remove company
//! administrators), and the staff's list of companies whose certificate is at risk.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::company::Company;
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::models::Page;
use store::write_tx;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::routes::profile::is_sweden;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    ctx: Ctx,
    page: Page<Company>,
    q: String,
    page_base: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: String,
}

/// «Administration»: the companies, searchable by name or organisationsnummer.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let n = crate::paging::page_no(&q.page);
    let search = q.q.clone();
    let orgnr = domain::identifiers::Orgnr::parse(&q.q)
        .ok()
        .map(|o| o.as_str().to_string());
    let page = state
        .db
        .run(move |c| Company::list(c, &search, orgnr.as_deref(), n, 25))
        .await?;
    let page_base = format!("/admin?q={}&", crate::auth::user::urlencode(&q.q));
    render(&AdminPage {
        ctx,
        page,
        q: q.q,
        page_base,
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CompanyForm {
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub invoice_address_line1: String,
    pub invoice_address_line2: String,
    pub invoice_postal_code: String,
    pub invoice_city: String,
    pub invoice_country: String,
    pub invoice_email: String,
}

impl CompanyForm {
    fn from(c: &Company) -> CompanyForm {
        CompanyForm {
            orgnr: domain::identifiers::Orgnr::from_stored(&c.orgnr)
                .map(|o| o.display())
                .unwrap_or_default(),
            name: c.name.clone(),
            address_line1: c.address_line1.clone(),
            address_line2: c.address_line2.clone(),
            postal_code: c.postal_code.clone(),
            city: c.city.clone(),
            country: c.country.clone(),
            invoice_address_line1: c.invoice_address_line1.clone(),
            invoice_address_line2: c.invoice_address_line2.clone(),
            invoice_postal_code: c.invoice_postal_code.clone(),
            invoice_city: c.invoice_city.clone(),
            invoice_country: c.invoice_country.clone(),
            invoice_email: c.invoice_email.clone(),
        }
    }

    /// Checks the fields; returns the normalised form.
    fn check(mut self, ctx: &Ctx, errors: &mut FormErrors) -> CompanyForm {
        if self.name.trim().is_empty() {
            errors.add("name", ctx.t("err-company-name-empty"));
        }
        for (field, value, country) in [
            ("postal_code", &mut self.postal_code, &self.country),
            (
                "invoice_postal_code",
                &mut self.invoice_postal_code,
                &self.invoice_country,
            ),
        ] {
            if !value.trim().is_empty() && is_sweden(country) {
                match domain::identifiers::Postnummer::parse(value) {
                    Ok(p) => *value = p.display(),
                    Err(e) => errors.add(field, ctx.t(e.message_key())),
                }
            }
        }
        if !self.invoice_email.trim().is_empty()
            && domain::email::Email::parse(&self.invoice_email).is_err()
        {
            errors.add("invoice_email", ctx.t("err-email-format"));
        }
        self
    }

    fn apply(&self, c: &mut Company) {
        c.name = self.name.trim().to_string();
        c.address_line1 = self.address_line1.trim().to_string();
        c.address_line2 = self.address_line2.trim().to_string();
        c.postal_code = self.postal_code.trim().to_string();
        c.city = self.city.trim().to_string();
        c.country = self.country.trim().to_string();
        c.invoice_address_line1 = self.invoice_address_line1.trim().to_string();
        c.invoice_address_line2 = self.invoice_address_line2.trim().to_string();
        c.invoice_postal_code = self.invoice_postal_code.trim().to_string();
        c.invoice_city = self.invoice_city.trim().to_string();
        c.invoice_country = self.invoice_country.trim().to_string();
        c.invoice_email = self.invoice_email.trim().to_lowercase();
    }
}

#[derive(Template)]
#[template(path = "admin_company.html")]
struct CompanyEditPage {
    ctx: Ctx,
    /// None: registering a new company.
    company_id: Option<String>,
    form: CompanyForm,
    errors: FormErrors,
    admins: Vec<(String, String)>,
    admin_errors: FormErrors,
    admin_email: String,
}

pub async fn show_new(ctx: Ctx, User(user): User) -> AppResult<Response> {
    user.require_administrator()?;
    render(&CompanyEditPage {
        ctx,
        company_id: None,
        form: CompanyForm {
            country: "Sverige".into(),
            invoice_country: "Sverige".into(),
            ..Default::default()
        },
        errors: FormErrors::default(),
        admins: vec![],
        admin_errors: FormErrors::default(),
        admin_email: String::new(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(form): Form<CompanyForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let mut errors = FormErrors::default();
    let orgnr = domain::identifiers::Orgnr::parse(&form.orgnr);
    if let Err(e) = &orgnr {
        errors.add("orgnr", ctx.t(e.message_key()));
    }
    let form = form.check(&ctx, &mut errors);
    let (Ok(orgnr), true) = (orgnr, errors.is_empty()) else {
        return Ok(with_errors(render(&CompanyEditPage {
            ctx,
            company_id: None,
            form,
            errors,
            admins: vec![],
            admin_errors: FormErrors::default(),
            admin_email: String::new(),
        })?));
    };
    let actor = user.person.id.clone();
    let f = form.clone();
    let nr = orgnr.as_str().to_string();
    let result = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                let id = Company::create(c, &nr, f.name.trim())?;
                let mut company = Company::find(c, &id)?
                    .ok_or(store::StoreError::Diesel(store::DieselError::NotFound))?;
                f.apply(&mut company);
                Company::update_details(c, &company)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        company_id: Some(&id),
                        detail: &company.name,
                        ..NewEvent::of(EventKind::CompanyCreated)
                    },
                )?;
                Ok(id)
            })
        })
        .await;
    match result {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/admin/companies/{id}"),
            "company-created",
            state.config.secure_cookies(),
        )),
        Err(e) if e.is_unique_violation() => {
            errors.add("orgnr", ctx.t("err-company-exists"));
            Ok(with_errors(render(&CompanyEditPage {
                ctx,
                company_id: None,
                form,
                errors,
                admins: vec![],
                admin_errors: FormErrors::default(),
                admin_email: String::new(),
            })?))
        }
        Err(e) => Err(e.into()),
    }
}

async fn load(state: &AppState, id: String) -> AppResult<(Company, Vec<(String, String)>)> {
    state
        .db
        .run(move |c| {
            let Some(company) = Company::find(c, &id)? else {
                return Ok(None);
            };
            let admins = Company::admins(c, &id)?
                .into_iter()
                .map(|a| (a.person_id.clone(), a.label()))
                .collect();
            Ok(Some((company, admins)))
        })
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, admins) = load(&state, id.clone()).await?;
    render(&CompanyEditPage {
        ctx,
        company_id: Some(id),
        form: CompanyForm::from(&company),
        errors: FormErrors::default(),
        admins,
        admin_errors: FormErrors::default(),
        admin_email: String::new(),
    })
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<CompanyForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (mut company, admins) = load(&state, id.clone()).await?;
    let mut errors = FormErrors::default();
    let mut form = form.check(&ctx, &mut errors);
    form.orgnr = CompanyForm::from(&company).orgnr;
    if !errors.is_empty() {
        return Ok(with_errors(render(&CompanyEditPage {
            ctx,
            company_id: Some(id),
            form,
            errors,
            admins,
            admin_errors: FormErrors::default(),
            admin_email: String::new(),
        })?));
    }
    form.apply(&mut company);
    let actor = user.person.id.clone();
    state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                Company::update_details(c, &company)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        company_id: Some(&company.id),
                        detail: &company.name,
                        ..NewEvent::of(EventKind::CompanyUpdated)
                    },
                )
            })
        })
        .await?;
    Ok(redirect_with_flash(
        &format!("/admin/companies/{id}"),
        "company-saved",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AdminForm {
    email: String,
}

pub async fn add_admin(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<AdminForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, admins) = load(&state, id.clone()).await?;
    let email = form.email.trim().to_lowercase();
    let lookup = email.clone();
    let person = state
        .db
        .run(move |c| Person::find_by_email(c, &lookup))
        .await?;
    let Some(person) = person.filter(|_| {
        !admins
            .iter()
            .any(|(_, label)| label.ends_with(&format!("({email})")))
    }) else {
        let mut admin_errors = FormErrors::default();
        admin_errors.add("email", ctx.t("err-admin-email-unknown"));
        return Ok(with_errors(render(&CompanyEditPage {
            form: CompanyForm::from(&company),
            ctx,
            company_id: Some(id),
            errors: FormErrors::default(),
            admins,
            admin_errors,
            admin_email: form.email,
        })?));
    };
    let actor = user.person.id.clone();
    state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                Company::add_admin(c, &company.id, &person.id)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&actor),
                        person_id: Some(&person.id),
                        company_id: Some(&company.id),
                        detail: &company.name,
                        ..NewEvent::of(EventKind::CompanyAdminGranted)
                    },
                )
            })
        })
        .await?;
    Ok(redirect_with_flash(
        &format!("/admin/companies/{id}"),
        "admin-granted",
        state.config.secure_cookies(),
    ))
}

#[derive(Template)]
#[template(path = "admin_remove.html")]
struct RemoveAdminPage {
    ctx: Ctx,
    company_id: String,
    company_name: String,
    person_id: String,
    person_label: String,
}

/// Removing an administrator asks first, on a page of its own.
pub async fn confirm_remove_admin(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((id, pid)): Path<(String, String)>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, admins) = load(&state, id.clone()).await?;
    let label = admins
        .into_iter()
        .find(|(p, _)| *p == pid)
        .map(|(_, label)| label)
        .ok_or(AppError::NotFound)?;
    render(&RemoveAdminPage {
        ctx,
        company_id: id,
        company_name: company.name,
        person_id: pid,
        person_label: label,
    })
}

pub async fn remove_admin(
    State(state): State<AppState>,
    User(user): User,
    Path((id, pid)): Path<(String, String)>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let (company, _) = load(&state, id.clone()).await?;
    let actor = user.person.id.clone();
    state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                if Company::remove_admin(c, &company.id, &pid)? {
                    Event::record(
                        c,
                        NewEvent {
                            actor_id: Some(&actor),
                            person_id: Some(&pid),
                            company_id: Some(&company.id),
                            detail: &company.name,
                            ..NewEvent::of(EventKind::CompanyAdminRemoved)
                        },
                    )?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(redirect_with_flash(
        &format!("/admin/companies/{id}"),
        "admin-removed",
        state.config.secure_cookies(),
    ))
}

#[derive(Template)]
#[template(path = "companies_at_risk.html")]
struct AtRiskPage {
    ctx: Ctx,
    companies: Vec<Company>,
}

/// «Handläggning»: companies whose last qualifying employee went.
pub async fn at_risk(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let companies = state.db.run(Company::at_risk).await?;
    render(&AtRiskPage { ctx, companies })
}
