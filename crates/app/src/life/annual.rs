//! «Årlig förlängning»: the yearly attestation of professional activity. A company
//! administrator of the holder's confirmed current employer attests (never the holder for
//! their own certificate); a holder with no confirmed current employment attests as
//! self-employed; staff register an attestation received on paper. An attestation for the
//! year due makes an inactive certificate active again.

use domain::certification::life::{attestation_basis, check_annual_open, next_annual_due};
use domain::certification::{AttestationBasis, Attester, CaseStatus, RuleError};
use domain::events::EventKind;
use store::models::case::{Case, CaseRow};
use store::models::company::Company;
use store::models::employment::Employment;
use store::models::event::{Event, NewEvent};
use store::models::life::AnnualAttestation;
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// On what an attestation is given: its basis, the employer's company (for an
/// employer's attestation) and staff's note (for paper).
struct Given<'a> {
    basis: AttestationBasis,
    company_id: Option<&'a str>,
    note: &'a str,
}

/// Records the attestation for the year due on the certificate.
fn record(
    c: &mut DbConn,
    actor: &Actor,
    row: &CaseRow,
    given: Given<'_>,
    today: Date,
    base_url: &str,
) -> Result<Date> {
    let Given {
        basis,
        company_id,
        note,
    } = given;
    let case = &row.case;
    let due = check_annual_open(case.annual_renewal_on, case.valid_until, today)?;
    let change = Change {
        from: case.status,
        to: case.status.after_annual_attestation()?,
    };
    let next = match (case.issued_on, case.valid_until) {
        (Some(issued), Some(valid)) => next_annual_due(issued, valid, due),
        _ => None,
    };
    // Guarded on the status and the due date: a second attestation of the same year,
    // racing this one, finds the due date moved on.
    if !Case::attest_annual(c, &case.id, change, due, next)? {
        return Err(RuleError::AlreadyAttestedThisYear.into());
    }
    AnnualAttestation::insert(
        c,
        &AnnualAttestation {
            id: store::new_id(),
            case_id: case.id.clone(),
            due_on: due,
            basis,
            attested_by: actor.id.clone(),
            company_id: company_id.map(str::to_string),
            note: note.to_string(),
            at: store::now(),
        },
    )?;
    let detail = domain::stockholm::format_date(due);
    Event::record(
        c,
        NewEvent {
            actor_id: Some(&actor.id),
            person_id: Some(&case.person_id),
            case_id: Some(&case.id),
            company_id,
            detail: &detail,
            ..NewEvent::of(EventKind::AnnualAttested)
        },
    )?;
    if change.from != change.to {
        // «Inaktivt» → «Aktivt»: the holder counts for the employer's standing again.
        crate::standing::recompute_for_person(
            c,
            &case.person_id,
            Some(&actor.id),
            base_url,
            today,
        )?;
    }
    Ok(due)
}

/// The company page's «Intyga»: an administrator of `company_id` attests the yearly
/// activity of the named certificates of its confirmed employees, all or none. Returns
/// how many were attested.
pub fn attest_as_employer(
    c: &mut DbConn,
    actor: &Actor,
    company_id: &str,
    case_ids: &[String],
    today: Date,
    base_url: &str,
) -> Result<usize> {
    tx(c, |c| {
        if !Company::is_admin(c, company_id, &actor.id)? {
            return Err(Error::Forbidden("error-forbidden-company-admin"));
        }
        for case_id in case_ids {
            let row = Case::find_row(c, case_id)?.ok_or(Error::NotFound)?;
            let holder = &row.case.person_id;
            if !Employment::is_confirmed_employee(c, holder, company_id)? {
                return Err(RuleError::NotHoldersEmployer.into());
            }
            // Never the holder for their own certificate, administrator or not.
            let attester = if *holder == actor.id {
                Attester::Holder
            } else {
                Attester::EmployerAdmin
            };
            let basis = attestation_basis(attester, true)?;
            let given = Given {
                basis,
                company_id: Some(company_id),
                note: "",
            };
            record(c, actor, &row, given, today, base_url)?;
        }
        Ok(case_ids.len())
    })
}

/// Who gives this certificate's yearly attestation now, as its holder's case page offers it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HolderAnnual {
    /// The holder attests it themselves (no confirmed current employment) and it is open.
    pub may_attest_self: bool,
    /// It is open and the holder is employed: their employer's administrator attests it.
    pub employer_attests: bool,
}

/// [`HolderAnnual`] for the actor's own certificate. The employment is read once, and
/// only when the yearly attestation is open (it was read twice for an employed holder).
pub fn holder_annual(
    c: &mut DbConn,
    actor: &Actor,
    case: &Case,
    today: Date,
) -> store::StoreResult<HolderAnnual> {
    if case.person_id != actor.id
        || check_annual_open(case.annual_renewal_on, case.valid_until, today).is_err()
    {
        return Ok(HolderAnnual::default());
    }
    let self_open = matches!(case.status, CaseStatus::Active | CaseStatus::Inactive);
    let employer_open = case.status.after_annual_attestation().is_ok();
    if !self_open && !employer_open {
        return Ok(HolderAnnual::default());
    }
    let employed = Employment::current_confirmed(c, &actor.id)?.is_some();
    Ok(HolderAnnual {
        may_attest_self: self_open && !employed,
        employer_attests: employer_open && employed,
    })
}

/// The holder's own declaration, as self-employed, on their case page.
pub fn attest_self(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    today: Date,
    base_url: &str,
) -> Result<Date> {
    tx(c, |c| {
        let row = Case::find_row(c, case_id)?
            .filter(|r| r.case.person_id == actor.id)
            .ok_or(Error::NotFound)?;
        let employed = Employment::current_confirmed(c, &actor.id)?.is_some();
        let given = Given {
            basis: attestation_basis(Attester::Holder, employed)?,
            company_id: None,
            note: "",
        };
        record(c, actor, &row, given, today, base_url)
    })
}

/// Staff register an attestation received on paper, with a note of what came in.
pub fn register_paper(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    note: &str,
    today: Date,
    base_url: &str,
) -> Result<Date> {
    actor.require_staff()?;
    if note.trim().is_empty() {
        return Err(RuleError::ReasonRequired.into());
    }
    tx(c, |c| {
        let row = Case::find_row(c, case_id)?.ok_or(Error::NotFound)?;
        domain::certification::check_not_own_case(&actor.id, &row.case.person_id)?;
        let given = Given {
            basis: attestation_basis(Attester::Staff, true)?,
            company_id: None,
            note: note.trim(),
        };
        record(c, actor, &row, given, today, base_url)
    })
}
