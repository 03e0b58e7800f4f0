//! «Ange fakturamottagare»: «Företag» (a registered company, found by exact
//! organisationsnummer), «Mig personligen» (the profile's private address) or
//! «Alternativ fakturaadress». Changeable until the certificate is issued.
//!
//! A company's invoice address is its employees' to see: the form fills it in only for a
//! confirmed current employee (see `form::FoundCompany`).

mod form;
mod save;

pub use form::InvoiceForm;
pub use save::submit;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::certification::InvoiceRecipientKind;
use store::models::case::Case;
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::invoice::InvoiceRecipient;
use store::models::person::Person;

use crate::auth::{CurrentUser, User};
use crate::cases::{is_own, rule};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::render::render;
use crate::state::AppState;
use form::{company_fill, display_orgnr, from_saved, personal_fill, FoundCompany};

#[derive(Template)]
#[template(path = "invoice.html")]
struct InvoicePage {
    ctx: Ctx,
    case_id: String,
    heading: String,
    form: InvoiceForm,
    company: Option<FoundCompany>,
    errors: FormErrors,
    personal_fill: String,
    company_fill: String,
    /// The company was pre-filled from a confirmed employment («Baserat på din anställning»).
    from_employment: bool,
}

/// The heading of the actor's own case, if it still takes an invoice recipient (anyone
/// else's case is not found, a decided one is closed), and the holder's own address for
/// «Privatperson» (the session carries no address): both in one round trip.
async fn load(
    state: &AppState,
    ctx: &Ctx,
    user: &CurrentUser,
    id: &str,
) -> AppResult<(String, Person)> {
    let (case_id, pid) = (id.to_string(), user.person.id.clone());
    let (row, person) = state
        .db
        .run_short(move |c| Ok((Case::find_row(c, &case_id)?, Person::find(c, &pid)?)))
        .await?;
    let row = row.filter(|r| is_own(r, user)).ok_or(AppError::NotFound)?;
    row.case.status.check_open().map_err(rule)?;
    let person = person.ok_or(AppError::NotFound)?;
    let lang = ctx.lang.code();
    let heading = crate::cases::certificate_title(&row.area, &row.cert_type, lang);
    Ok((heading, person))
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (heading, person) = load(&state, &ctx, &user, &id).await?;
    let case_id = id.clone();
    let pid = user.person.id.clone();
    let (saved, company, employer, employed) = state
        .db
        .run(move |c| {
            let saved = InvoiceRecipient::for_case(c, &case_id)?;
            let company = match saved.as_ref().and_then(|s| s.company_id.clone()) {
                Some(cid) => Company::find(c, &cid)?,
                None => None,
            };
            let employed = match &company {
                Some(co) => Employment::is_confirmed_employee(c, &pid, &co.id)?,
                None => false,
            };
            let employer = Employment::current_confirmed(c, &pid)?.map(|e| e.company);
            Ok((saved, company, employer, employed))
        })
        .await?;
    // Nothing saved yet: the confirmed employer is the recommended recipient.
    let from_employment = saved.is_none() && employer.is_some();
    let (form, company, employed) = match (&saved, employer) {
        (Some(r), _) => (from_saved(r, company.as_ref()), company, employed),
        (None, Some(e)) => (
            InvoiceForm {
                kind: InvoiceRecipientKind::Company.code().into(),
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
            true,
        ),
        (None, None) => (InvoiceForm::default(), None, false),
    };
    render(&InvoicePage {
        personal_fill: personal_fill(&person),
        company_fill: company_fill(company.as_ref(), employed),
        ctx,
        case_id: id,
        heading,
        form,
        company: company.as_ref().map(|c| FoundCompany::of(c, employed)),
        errors: FormErrors::default(),
        from_employment,
    })
}
