//! The company form of «Administration» (register and edit share it): parsing and
//! checking its fields into `app::companies::Details`, and the page that shows it with
//! the company's administrators.

use askama::Template;
use serde::Deserialize;
use store::models::company::Company;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::state::AppState;

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
    /// A new company is in Sweden until the administrator says otherwise.
    pub fn blank() -> CompanyForm {
        CompanyForm {
            country: "Sverige".into(),
            invoice_country: "Sverige".into(),
            ..Default::default()
        }
    }

    pub fn from(c: &Company) -> CompanyForm {
        let d = app::companies::Details::of(c);
        CompanyForm {
            orgnr: domain::identifiers::Orgnr::from_stored(&c.orgnr)
                .map(|o| o.display())
                .unwrap_or_default(),
            name: d.name,
            address_line1: d.address_line1,
            address_line2: d.address_line2,
            postal_code: d.postal_code,
            city: d.city,
            country: d.country,
            invoice_address_line1: d.invoice_address_line1,
            invoice_address_line2: d.invoice_address_line2,
            invoice_postal_code: d.invoice_postal_code,
            invoice_city: d.invoice_city,
            invoice_country: d.invoice_country,
            invoice_email: d.invoice_email,
        }
    }

    /// Checks the fields; returns the normalised form. Every text is one visible line of
    /// limited length (the database refuses longer ones too).
    pub fn check(mut self, ctx: &Ctx, errors: &mut FormErrors) -> CompanyForm {
        crate::forms::required_line(
            errors,
            ctx,
            "name",
            &self.name,
            domain::text::COMPANY_NAME_MAX,
            "err-company-name-empty",
        );
        crate::forms::check_max_100(
            errors,
            ctx,
            &[
                ("address_line1", &self.address_line1),
                ("address_line2", &self.address_line2),
                ("city", &self.city),
                ("country", &self.country),
                ("invoice_address_line1", &self.invoice_address_line1),
                ("invoice_address_line2", &self.invoice_address_line2),
                ("invoice_city", &self.invoice_city),
                ("invoice_country", &self.invoice_country),
            ],
        );
        for (field, value, country) in [
            ("postal_code", &mut self.postal_code, &self.country),
            (
                "invoice_postal_code",
                &mut self.invoice_postal_code,
                &self.invoice_country,
            ),
        ] {
            *value = crate::forms::postal_code(errors, ctx, field, value, country);
        }
        if !self.invoice_email.trim().is_empty()
            && domain::email::Email::parse(&self.invoice_email).is_err()
        {
            errors.add("invoice_email", ctx.t("err-email-format"));
        }
        self
    }

    /// The checked form as the details the company keeps (trimmed; the e-mail in lower
    /// case).
    pub fn details(&self) -> app::companies::Details {
        app::companies::Details {
            name: self.name.trim().to_string(),
            address_line1: self.address_line1.trim().to_string(),
            address_line2: self.address_line2.trim().to_string(),
            postal_code: self.postal_code.trim().to_string(),
            city: self.city.trim().to_string(),
            country: self.country.trim().to_string(),
            invoice_address_line1: self.invoice_address_line1.trim().to_string(),
            invoice_address_line2: self.invoice_address_line2.trim().to_string(),
            invoice_postal_code: self.invoice_postal_code.trim().to_string(),
            invoice_city: self.invoice_city.trim().to_string(),
            invoice_country: self.invoice_country.trim().to_string(),
            invoice_email: self.invoice_email.trim().to_lowercase(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin_company.html")]
pub struct CompanyEditPage {
    pub ctx: Ctx,
    /// None: registering a new company.
    pub company_id: Option<String>,
    pub form: CompanyForm,
    pub errors: FormErrors,
    pub admins: Vec<(String, String)>,
    pub admin_errors: FormErrors,
    pub admin_email: String,
}

impl CompanyEditPage {
    /// The form of the company `company_id` (None: a new one) with `errors`, nothing
    /// else filled in.
    pub fn new(
        ctx: Ctx,
        company_id: Option<String>,
        form: CompanyForm,
        errors: FormErrors,
    ) -> CompanyEditPage {
        CompanyEditPage {
            ctx,
            company_id,
            form,
            errors,
            admins: vec![],
            admin_errors: FormErrors::default(),
            admin_email: String::new(),
        }
    }
}

/// The company and its administrators (person id, label); 404 when there is no such
/// company.
pub async fn load(state: &AppState, id: String) -> AppResult<(Company, Vec<(String, String)>)> {
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
