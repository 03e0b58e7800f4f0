//! «Ange fakturamottagare»: «Företag» (a registered company, found by exact
//! organisationsnummer), «Mig personligen» (the profile's private address) or
//! «Alternativ fakturaadress». Changeable until the certificate is issued.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::certification::InvoiceRecipientKind;
use domain::events::EventKind;
use serde::Deserialize;
use store::models::case::Case;
use store::models::company::Company;
use store::models::event::{Event, NewEvent};
use store::models::invoice::InvoiceRecipient;
use store::write_tx;

use crate::auth::{CurrentUser, User};
use crate::cases::{own_case, rule};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::routes::profile::is_sweden;
use crate::state::AppState;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct InvoiceForm {
    pub kind: String,
    pub orgnr: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub country: String,
    pub postal_code: String,
    pub phone: String,
    pub email: String,
    pub reference: String,
    /// `search` looks the company up and shows the form again; anything else saves.
    pub action: String,
}

#[derive(Template)]
#[template(path = "invoice.html")]
struct InvoicePage {
    ctx: Ctx,
    case_id: String,
    heading: String,
    form: InvoiceForm,
    company: Option<Company>,
    errors: FormErrors,
    personal_fill: String,
    company_fill: String,
    /// The company was pre-filled from a confirmed employment («Baserat på din anställning»).
    from_employment: bool,
}

fn from_saved(r: &InvoiceRecipient, company: Option<&Company>) -> InvoiceForm {
    InvoiceForm {
        kind: r.kind.code().to_string(),
        orgnr: company.map(|c| display_orgnr(&c.orgnr)).unwrap_or_default(),
        address_line1: r.address_line1.clone(),
        address_line2: r.address_line2.clone(),
        city: r.city.clone(),
        country: r.country.clone(),
        postal_code: r.postal_code.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        reference: r.reference.clone(),
        action: String::new(),
    }
}

fn display_orgnr(stored: &str) -> String {
    domain::identifiers::Orgnr::from_stored(stored)
        .map(|o| o.display())
        .unwrap_or_else(|| stored.to_string())
}

/// Address fields as JSON for the small script that fills them when a choice is made.
fn fill_json(pairs: &[(&str, &str)]) -> String {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "\"{k}\":\"{}\"",
                v.replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .collect();
    format!("{{{}}}", body.join(","))
}

fn personal_fill(user: &CurrentUser) -> String {
    let p = &user.person;
    fill_json(&[
        ("address_line1", &p.address_line1),
        ("address_line2", &p.address_line2),
        ("postal_code", &p.postal_code),
        ("city", &p.city),
        ("country", &p.country),
        ("phone", &p.phone),
        ("email", &p.email),
    ])
}

fn company_fill(c: Option<&Company>) -> String {
    match c {
        Some(c) => fill_json(&[
            ("address_line1", &c.invoice_address_line1),
            ("address_line2", &c.invoice_address_line2),
            ("postal_code", &c.invoice_postal_code),
            ("city", &c.invoice_city),
            ("country", &c.invoice_country),
            ("email", &c.invoice_email),
        ]),
        None => "{}".into(),
    }
}

struct Loaded {
    heading: String,
    status_open: bool,
}

async fn load(state: &AppState, ctx: &Ctx, user: &CurrentUser, id: &str) -> AppResult<Loaded> {
    let row = own_case(state, user, id.to_string()).await?;
    let lang = ctx.lang.code();
    Ok(Loaded {
        heading: crate::cases::certificate_title(&row.area, &row.cert_type, lang),
        status_open: row.case.status.is_open(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &user, &id).await?;
    if !loaded.status_open {
        return Err(rule(domain::certification::RuleError::CaseClosed));
    }
    let case_id = id.clone();
    let pid = user.person.id.clone();
    let (saved, company, employer) = state
        .db
        .run(move |c| {
            let saved = InvoiceRecipient::for_case(c, &case_id)?;
            let company = match saved.as_ref().and_then(|s| s.company_id.clone()) {
                Some(cid) => Company::find(c, &cid)?,
                None => None,
            };
            let employer = store::models::employment::Employment::current_confirmed(c, &pid)?
                .map(|e| e.company);
            Ok((saved, company, employer))
        })
        .await?;
    // Nothing saved yet: the confirmed employer is the recommended recipient.
    let from_employment = saved.is_none() && employer.is_some();
    let (form, company) = match (&saved, employer) {
        (Some(r), _) => (from_saved(r, company.as_ref()), company),
        (None, Some(e)) => (
            InvoiceForm {
                kind: "company".into(),
                orgnr: display_orgnr(&e.orgnr),
                address_line1: e.invoice_address_line1.clone(),
                address_line2: e.invoice_address_line2.clone(),
                city: e.invoice_city.clone(),
                country: e.invoice_country.clone(),
                postal_code: e.invoice_postal_code.clone(),
                email: e.invoice_email.clone(),
                ..Default::default()
            },
            Some(e),
        ),
        (None, None) => (InvoiceForm::default(), None),
    };
    render(&InvoicePage {
        personal_fill: personal_fill(&user),
        company_fill: company_fill(company.as_ref()),
        ctx,
        case_id: id,
        heading: loaded.heading,
        form,
        company,
        errors: FormErrors::default(),
        from_employment,
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(mut form): Form<InvoiceForm>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &user, &id).await?;
    if !loaded.status_open {
        return Err(rule(domain::certification::RuleError::CaseClosed));
    }
    let mut errors = FormErrors::default();
    let kind = InvoiceRecipientKind::from_code(form.kind.as_str());
    if kind.is_none() {
        errors.add("kind", ctx.t("err-invoice-kind"));
    }
    let is_company = kind == Some(InvoiceRecipientKind::Company);

    // The company, by exact organisationsnummer only.
    let mut company = None;
    if is_company || form.action == "search" {
        match domain::identifiers::Orgnr::parse(&form.orgnr) {
            Ok(o) => {
                let nr = o.as_str().to_string();
                company = state
                    .db
                    .run(move |c| Company::find_by_orgnr(c, &nr))
                    .await?;
                if company.is_none() {
                    errors.add("orgnr", ctx.t("err-company-not-found"));
                }
            }
            Err(e) => errors.add("orgnr", ctx.t(e.message_key())),
        }
    }

    // Empty address fields take the chosen source's address (no script needed).
    let blank = [&form.address_line1, &form.city, &form.postal_code]
        .iter()
        .all(|v| v.trim().is_empty());
    if blank && kind == Some(InvoiceRecipientKind::Personal) {
        let p = &user.person;
        form.address_line1 = p.address_line1.clone();
        form.address_line2 = p.address_line2.clone();
        form.postal_code = p.postal_code.clone();
        form.city = p.city.clone();
        form.country = p.country.clone();
        if form.phone.is_empty() {
            form.phone = p.phone.clone();
        }
        if form.email.is_empty() {
            form.email = p.email.clone();
        }
    }
    if let (true, Some(c)) = (blank && (is_company || form.action == "search"), &company) {
        form.address_line1 = c.invoice_address_line1.clone();
        form.address_line2 = c.invoice_address_line2.clone();
        form.postal_code = c.invoice_postal_code.clone();
        form.city = c.invoice_city.clone();
        form.country = c.invoice_country.clone();
        if form.email.is_empty() {
            form.email = c.invoice_email.clone();
        }
    }
    if form.action == "search" {
        // Only the search's own message matters now; the rest is checked at «Spara».
        let mut search_errors = FormErrors::default();
        if let Some(m) = errors.get("orgnr") {
            search_errors.add("orgnr", m.to_string());
        }
        if form.kind.is_empty() {
            form.kind = InvoiceRecipientKind::Company.code().into();
        }
        let page = InvoicePage {
            personal_fill: personal_fill(&user),
            company_fill: company_fill(company.as_ref()),
            ctx,
            case_id: id,
            heading: loaded.heading,
            form,
            company,
            errors: search_errors.clone(),
            from_employment: false,
        };
        let r = render(&page)?;
        return Ok(if search_errors.is_empty() {
            r
        } else {
            with_errors(r)
        });
    }

    for (field, value, key) in [
        (
            "address_line1",
            &form.address_line1,
            "err-address-line1-empty",
        ),
        ("city", &form.city, "err-city-empty"),
        ("country", &form.country, "err-country-empty"),
        ("postal_code", &form.postal_code, "err-postal-code-empty"),
    ] {
        if value.trim().is_empty() {
            errors.add(field, ctx.t(key));
        }
    }
    for (field, value) in [
        ("address_line1", &form.address_line1),
        ("address_line2", &form.address_line2),
        ("city", &form.city),
        ("country", &form.country),
        ("phone", &form.phone),
        ("reference", &form.reference),
    ] {
        if value.chars().count() > 100 {
            errors.add(field, ctx.t("err-too-long-100"));
        }
    }
    let mut postal_code = form.postal_code.trim().to_string();
    if !postal_code.is_empty() && is_sweden(&form.country) {
        match domain::identifiers::Postnummer::parse(&postal_code) {
            Ok(p) => postal_code = p.display(),
            Err(e) => errors.add("postal_code", ctx.t(e.message_key())),
        }
    }
    let email = form.email.trim().to_string();
    if !email.is_empty() {
        if let Err(e) = domain::email::Email::parse(&email) {
            errors.add("email", ctx.t(e.message_key()));
        }
    }
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Ok(with_errors(render(&InvoicePage {
            personal_fill: personal_fill(&user),
            company_fill: company_fill(company.as_ref()),
            ctx,
            case_id: id,
            heading: loaded.heading,
            form,
            company,
            errors,
            from_employment: false,
        })?));
    };

    let pid = user.person.id.clone();
    let recipient = InvoiceRecipient {
        case_id: id.clone(),
        kind,
        company_id: company
            .as_ref()
            .filter(|_| is_company)
            .map(|c| c.id.clone()),
        name: company
            .as_ref()
            .filter(|_| is_company)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        address_line1: form.address_line1.trim().to_string(),
        address_line2: form.address_line2.trim().to_string(),
        postal_code,
        city: form.city.trim().to_string(),
        country: form.country.trim().to_string(),
        phone: form.phone.trim().to_string(),
        email,
        reference: form.reference.trim().to_string(),
        updated_at: store::now(),
        updated_by: pid.clone(),
    };
    let case_id = id.clone();
    let saved = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                // Re-check inside the lock: the case may have been decided meanwhile.
                let open = Case::find(c, &case_id)?.is_some_and(|k| k.status.is_open());
                if !open {
                    return Ok(false);
                }
                InvoiceRecipient::save(c, &recipient)?;
                Case::touch(c, &case_id)?;
                let detail = match recipient.kind {
                    InvoiceRecipientKind::Company => recipient.name.clone(),
                    InvoiceRecipientKind::Personal => "Mig personligen".to_string(),
                    InvoiceRecipientKind::Alternative => "Alternativ fakturaadress".to_string(),
                };
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&pid),
                        person_id: Some(&pid),
                        case_id: Some(&case_id),
                        detail: &detail,
                        ..NewEvent::of(EventKind::InvoiceRecipientSet)
                    },
                )?;
                Ok(true)
            })
        })
        .await?;
    if !saved {
        return Err(rule(domain::certification::RuleError::CaseClosed));
    }
    Ok(redirect_with_flash(
        &format!("/cases/{id}"),
        "invoice-saved",
        state.config.secure_cookies(),
    ))
}
