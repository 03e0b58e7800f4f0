//! «Spara» and «Sök» on the invoice recipient form: the company is found by exact
//! organisationsnummer, empty address fields take the chosen source's address (a
//! company's only for its confirmed current employees), the fields are checked, and
//! `app::cases::set_invoice_recipient` saves the choice.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::certification::InvoiceRecipientKind;
use store::models::company::Company;
use store::models::employment::Employment;

use super::form::{company_fill, personal_fill, FoundCompany, InvoiceForm};
use super::{load, InvoicePage};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(mut form): Form<InvoiceForm>,
) -> AppResult<Response> {
    let (heading, person) = load(&state, &ctx, &user, &id).await?;
    let mut errors = FormErrors::default();
    let kind = InvoiceRecipientKind::from_code(form.kind.as_str());
    if kind.is_none() {
        errors.add("kind", ctx.t("err-invoice-kind"));
    }
    let is_company = kind == Some(InvoiceRecipientKind::Company);

    // The company, by exact organisationsnummer only, and whether the person works there.
    let mut company = None;
    let mut employed = false;
    if is_company || form.action == "search" {
        match domain::identifiers::Orgnr::parse(&form.orgnr) {
            Ok(o) => {
                let nr = o.as_str().to_string();
                let pid = user.person.id.clone();
                (company, employed) = state
                    .db
                    .run(move |c| {
                        let Some(co) = Company::find_by_orgnr(c, &nr)? else {
                            return Ok((None, false));
                        };
                        let employed = Employment::is_confirmed_employee(c, &pid, &co.id)?;
                        Ok((Some(co), employed))
                    })
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
        let p = &person;
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
    // A company's invoice address is given to its own employees only.
    let fill_company = blank && employed && (is_company || form.action == "search");
    if let (true, Some(c)) = (fill_company, &company) {
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
            personal_fill: personal_fill(&person),
            company_fill: company_fill(company.as_ref(), employed),
            ctx,
            case_id: id,
            heading,
            form,
            company: company.as_ref().map(|c| FoundCompany::of(c, employed)),
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

    // Someone who chose a company they do not work at leaves its address empty: the body
    // invoices the company at the address it keeps.
    let address_kept_by_body = is_company && company.is_some() && !employed && blank;
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
        if value.trim().is_empty() && !address_kept_by_body {
            errors.add(field, ctx.t(key));
        }
    }
    crate::forms::check_max_100(
        &mut errors,
        &ctx,
        &[
            ("address_line1", &form.address_line1),
            ("address_line2", &form.address_line2),
            ("city", &form.city),
            ("country", &form.country),
            ("phone", &form.phone),
            ("reference", &form.reference),
        ],
    );
    let postal_code = crate::forms::postal_code(
        &mut errors,
        &ctx,
        "postal_code",
        &form.postal_code,
        &form.country,
    );
    let email = form.email.trim().to_string();
    if !email.is_empty() {
        if let Err(e) = domain::email::Email::parse(&email) {
            errors.add("email", ctx.t(e.message_key()));
        }
    }
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Ok(with_errors(render(&InvoicePage {
            personal_fill: personal_fill(&person),
            company_fill: company_fill(company.as_ref(), employed),
            ctx,
            case_id: id,
            heading,
            form,
            company: company.as_ref().map(|c| FoundCompany::of(c, employed)),
            errors,
            from_employment: false,
        })?));
    };

    let input = app::cases::InvoiceRecipientInput {
        kind,
        company_id: company
            .as_ref()
            .filter(|_| is_company)
            .map(|c| c.id.clone()),
        address_line1: form.address_line1.trim().to_string(),
        address_line2: form.address_line2.trim().to_string(),
        postal_code,
        city: form.city.trim().to_string(),
        country: form.country.trim().to_string(),
        phone: form.phone.trim().to_string(),
        email,
        reference: form.reference.trim().to_string(),
    };
    let actor = user.actor();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::cases::set_invoice_recipient(
                c, &actor, &case_id, input,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/cases/{id}"),
        "invoice-saved",
        state.config.secure_cookies(),
    ))
}
