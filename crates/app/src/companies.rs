//! Companies («Företag») and their administrators: registering and editing a company
//! («Administration», or the command line), and appointing and removing its company
//! administrators. Appointing is one function for all three doors (an «Administratör»,
//! a company administrator on the company page, the command line), so the rule of who
//! may become one is written once.
//!
//! Also who may see and act for a company (its administrators act; the staff may read),
//! and who keeps its certificate active, counted the way `crate::standing` counts.

use domain::events::EventKind;
use domain::identifiers::Orgnr;
use domain::RuleError;
use store::models::company::{Company, CompanyHead};
use store::models::employment::Employment;
use store::models::event::{Event, NewEvent};
use store::models::person::Person;
use store::DbConn;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The reader's key when someone who may read a company page (the staff) tries to act
/// for the company.
pub const FORBIDDEN_COMPANY_ADMIN: &str = "error-forbidden-company-admin";

/// A company's name, addresses and invoice e-mail, as the caller normalised them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
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

impl Details {
    /// Only a name: what the command line registers.
    pub fn named(name: &str) -> Details {
        Details {
            name: name.to_string(),
            ..Details::default()
        }
    }

    /// The details the company has now.
    pub fn of(c: &Company) -> Details {
        Details {
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

    fn apply(&self, c: &mut Company) {
        c.name = self.name.clone();
        c.address_line1 = self.address_line1.clone();
        c.address_line2 = self.address_line2.clone();
        c.postal_code = self.postal_code.clone();
        c.city = self.city.clone();
        c.country = self.country.clone();
        c.invoice_address_line1 = self.invoice_address_line1.clone();
        c.invoice_address_line2 = self.invoice_address_line2.clone();
        c.invoice_postal_code = self.invoice_postal_code.clone();
        c.invoice_city = self.invoice_city.clone();
        c.invoice_country = self.invoice_country.clone();
        c.invoice_email = self.invoice_email.clone();
    }
}

/// The company, and whether the actor administers it. Its administrators and the staff
/// may see it; for anyone else it is "not found", so company ids cannot be probed.
pub fn visible(c: &mut DbConn, actor: &Actor, company_id: &str) -> Result<(Company, bool)> {
    let (company, is_admin) =
        Company::find_with_admin(c, company_id, &actor.id)?.ok_or(Error::NotFound)?;
    may_see(actor, is_admin)?;
    Ok((company, is_admin))
}

/// Who may see a company's page: its administrators and the staff. For anyone else it
/// is "not found".
fn may_see(actor: &Actor, is_admin: bool) -> Result<()> {
    if is_admin || actor.is_staff() {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// [`visible`] for the company page: its head (the company, its administrators and its
/// lists' counts) in the one statement, and whether the actor administers it.
pub fn visible_head(
    c: &mut DbConn,
    actor: &Actor,
    company_id: &str,
) -> Result<(CompanyHead, bool)> {
    let head = Company::find_for_page(c, company_id)?.ok_or(Error::NotFound)?;
    let is_admin = head.is_admin(&actor.id);
    may_see(actor, is_admin)?;
    Ok((head, is_admin))
}

/// The company if the actor administers it: only its own administrators act on its
/// employments; the staff, who may read the page, are refused.
pub fn administered(c: &mut DbConn, actor: &Actor, company_id: &str) -> Result<Company> {
    match visible(c, actor, company_id)? {
        (company, true) => Ok(company),
        (_, false) => Err(Error::Forbidden(FORBIDDEN_COMPANY_ADMIN)),
    }
}

pub use crate::standing::holders;

/// «Registrera företag»: by an «Administratör», or by the command line (`actor` None).
/// A registered organisationsnummer is refused (`RuleError::CompanyExists`), also when
/// the unique index refuses it because someone registered it meanwhile.
pub fn create(
    c: &mut DbConn,
    actor: Option<&Actor>,
    orgnr: &Orgnr,
    details: &Details,
) -> Result<String> {
    if let Some(actor) = actor {
        actor.require_administrator()?;
    }
    unique_orgnr(tx(c, |c| create_in(c, actor, orgnr, details)))
}

/// Registers a company and makes the person with `admin_email` its administrator, both
/// or neither (the command line's `company create --admin`). An e-mail address no
/// account has is "not found".
pub fn create_with_admin(
    c: &mut DbConn,
    actor: Option<&Actor>,
    orgnr: &Orgnr,
    details: &Details,
    admin_email: &str,
) -> Result<String> {
    if let Some(actor) = actor {
        actor.require_administrator()?;
    }
    unique_orgnr(tx(c, |c| {
        let id = create_in(c, actor, orgnr, details)?;
        let email = admin_email.trim().to_lowercase();
        let person = Person::find_by_email(c, &email)?.ok_or(Error::NotFound)?;
        let company = Company::find(c, &id)?.ok_or(Error::NotFound)?;
        appoint_in(c, actor, &company, &person.id)?;
        Ok(id)
    }))
}

/// A unique index that refused the insert means the number was registered meanwhile.
fn unique_orgnr<T>(result: Result<T>) -> Result<T> {
    match result {
        Err(Error::Store(e)) if e.is_unique_violation() => Err(RuleError::CompanyExists.into()),
        other => other,
    }
}

fn create_in(
    c: &mut DbConn,
    actor: Option<&Actor>,
    orgnr: &Orgnr,
    details: &Details,
) -> Result<String> {
    if Company::find_by_orgnr(c, orgnr.as_str())?.is_some() {
        return Err(RuleError::CompanyExists.into());
    }
    let id = Company::create(c, orgnr.as_str(), &details.name)?;
    let mut company = Company::find(c, &id)?.ok_or(Error::NotFound)?;
    details.apply(&mut company);
    Company::update_details(c, &company)?;
    Event::record(
        c,
        NewEvent {
            actor_id: actor.map(|a| a.id.as_str()),
            company_id: Some(&id),
            detail: &company.name,
            ..NewEvent::of(EventKind::CompanyCreated)
        },
    )?;
    Ok(id)
}

/// An «Administratör» changes a company's name, addresses or invoice e-mail (never its
/// organisationsnummer).
pub fn update(c: &mut DbConn, actor: &Actor, company_id: &str, details: &Details) -> Result<()> {
    actor.require_administrator()?;
    tx(c, |c| {
        let mut company = Company::find(c, company_id)?.ok_or(Error::NotFound)?;
        details.apply(&mut company);
        Company::update_details(c, &company)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                company_id: Some(company_id),
                detail: &company.name,
                ..NewEvent::of(EventKind::CompanyUpdated)
            },
        )?;
        Ok(())
    })
}

/// Appoints a company administrator. An «Administratör» and the command line (`actor`
/// None) may appoint anyone with an account; a company administrator only a confirmed,
/// current employee of the same company (`RuleError::GrantNotEmployee`). Someone who is
/// one already is refused (`RuleError::AlreadyCompanyAdmin`).
pub fn appoint_admin(
    c: &mut DbConn,
    actor: Option<&Actor>,
    company_id: &str,
    person_id: &str,
) -> Result<()> {
    let result = tx(c, |c| {
        let company = match actor {
            Some(a) if a.administrator => Company::find(c, company_id)?.ok_or(Error::NotFound)?,
            Some(a) => administered(c, a, company_id)?,
            None => Company::find(c, company_id)?.ok_or(Error::NotFound)?,
        };
        appoint_in(c, actor, &company, person_id)
    });
    // The same person appointed twice at once: the key of company_admins refuses one.
    match result {
        Err(Error::Store(e)) if e.is_unique_violation() => {
            Err(RuleError::AlreadyCompanyAdmin.into())
        }
        other => other,
    }
}

fn appoint_in(
    c: &mut DbConn,
    actor: Option<&Actor>,
    company: &Company,
    person_id: &str,
) -> Result<()> {
    let by_company_admin = actor.is_some_and(|a| !a.administrator);
    if by_company_admin && !Employment::is_confirmed_employee(c, person_id, &company.id)? {
        return Err(RuleError::GrantNotEmployee.into());
    }
    if Person::find(c, person_id)?.is_none() {
        return Err(Error::NotFound);
    }
    if Company::is_admin(c, &company.id, person_id)? {
        return Err(RuleError::AlreadyCompanyAdmin.into());
    }
    Company::add_admin(c, &company.id, person_id)?;
    Event::record(
        c,
        NewEvent {
            actor_id: actor.map(|a| a.id.as_str()),
            person_id: Some(person_id),
            company_id: Some(&company.id),
            detail: &company.name,
            ..NewEvent::of(EventKind::CompanyAdminGranted)
        },
    )?;
    Ok(())
}

/// An «Administratör» removes a company administrator. Removing someone who is not one
/// (any more) changes nothing and records nothing.
pub fn remove_admin(
    c: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    person_id: &str,
) -> Result<()> {
    actor.require_administrator()?;
    tx(c, |c| {
        let company = Company::find(c, company_id)?.ok_or(Error::NotFound)?;
        if Company::remove_admin(c, company_id, person_id)? {
            Event::record(
                c,
                NewEvent {
                    actor_id: Some(&actor.id),
                    person_id: Some(person_id),
                    company_id: Some(company_id),
                    detail: &company.name,
                    ..NewEvent::of(EventKind::CompanyAdminRemoved)
                },
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::certification::CaseStatus;
    use store::models::employment::EmployeeCertificate;
    use time::macros::date;

    fn cert(
        person_id: &str,
        name: &str,
        status: CaseStatus,
        qualifies: bool,
    ) -> EmployeeCertificate {
        EmployeeCertificate {
            person_id: person_id.into(),
            person_name: name.into(),
            type_name_sv: String::new(),
            type_name_en: String::new(),
            certificate_number: None,
            status,
            valid_until: Some(date!(2027 - 01 - 01)),
            qualifies_company: qualifies,
            annual_renewal_on: None,
            case_id: String::new(),
            is_external: false,
        }
    }

    #[test]
    fn holders_are_people_not_names() {
        let today = date!(2026 - 06 - 01);
        // Rows as the store sorts them: by last name, then case number.
        let rows = [
            cert("anna", "Anna Berg", CaseStatus::Active, true),
            cert("eva-1", "Eva Berg", CaseStatus::Active, true),
            cert("anna", "Anna Berg", CaseStatus::Active, true),
            cert("eva-2", "Eva Berg", CaseStatus::Active, true),
            cert("olle", "Olle Berg", CaseStatus::Active, false),
            cert("sten", "Sten Berg", CaseStatus::Rejected, true),
        ];
        let ids: Vec<String> = holders(&rows, today)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, ["anna", "eva-1", "eva-2"]);
        assert!(
            holders(&rows, date!(2027 - 01 - 02)).is_empty(),
            "«Giltigt till» has passed"
        );
    }
}
