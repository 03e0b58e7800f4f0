//! The final review's two decisions: «Utfärda certifikat» and «Avslå». Only a
//! «Beslutsfattare» decides, never on their own case nor on one where they reviewed a
//! moment (ISO/IEC 17024), and only a complete open case. The decision, its record, its
//! event and the e-mail to the person commit together; a refusal writes nothing.

use domain::certification::life::{first_annual_due, recertified_valid_until};
use domain::certification::{
    certificate_number, check_external_issuer, check_not_own_case, check_valid_until, CaseFacts,
    DecisionKind,
};
use domain::events::EventKind;
use store::models::case::{Case, CaseRow, Issue};
use store::models::event::{Event, NewEvent};
use store::models::moment::Moment;
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::cases::facts;
use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The counter certificate numbers are drawn from.
const CERTIFICATE_COUNTER: &str = "certificate";
/// The counter of places in the credentials' status lists (migration 000011 creates it).
pub const STATUS_LIST_COUNTER: &str = "status-list";

/// Whether `actor` may decide the case of `holder_id` now: a decision maker, not the
/// holder, the case complete and open, and not one of those who reviewed its moments.
/// The final-review page asks this to decide what to offer; the decisions ask it again
/// in their transaction.
pub fn check_may_decide(
    actor: &Actor,
    holder_id: &str,
    facts: &CaseFacts,
    reviewer_ids: &[String],
) -> Result<()> {
    actor.require_beslutsfattare()?;
    check_not_own_case(&actor.id, holder_id)?;
    facts.check_decision(&actor.id, reviewer_ids)?;
    Ok(())
}

/// The other body's certificate an external certificate is issued on.
#[derive(Debug, Clone, Default)]
pub struct ExternalIssuer {
    pub body: String,
    pub country: String,
    pub number: String,
}

/// What the decision maker chose in «Utfärda certifikat».
#[derive(Debug, Clone)]
pub struct IssueInput {
    pub valid_until: Date,
    /// Required for an external certificate type; ignored for our own.
    pub external: Option<ExternalIssuer>,
}

/// The certificate issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// «00042»: the next number of the gap-free sequence.
    pub number: String,
}

/// The case with what the decision rests on, read inside the transaction, once the
/// decision is allowed.
fn decidable(c: &mut DbConn, actor: &Actor, case_id: &str) -> Result<CaseRow> {
    let row = Case::find_row(c, case_id)?.ok_or(Error::NotFound)?;
    let reviewers = Moment::reviewers(c, case_id)?;
    check_may_decide(
        actor,
        &row.case.person_id,
        &facts(c, &row.case)?,
        &reviewers,
    )?;
    Ok(row)
}

/// «Utfärda certifikat»: the case becomes an active certificate with the next number,
/// valid until `input.valid_until`. A recertification case instead takes over the number
/// of the certificate it renews, valid for the type's validity from the old «Giltigt
/// till» (`input.valid_until` is not asked for), and the old case becomes
/// «Omcertifierad». A type with yearly attestation gets its first due date. The company
/// standing of the holder's employers is recounted, since a new certificate may make
/// theirs active.
pub fn issue(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    input: &IssueInput,
    today: Date,
    base_url: &str,
) -> Result<Issued> {
    actor.require_beslutsfattare()?;
    tx(c, |c| {
        let row = decidable(c, actor, case_id)?;
        let case = &row.case;
        let is_external = row.cert_type.is_external;
        check_external_issuer(is_external, input.external.is_some())?;
        // Open → «Aktivt», written by an update guarded on the open status.
        let change = Change {
            from: case.status,
            to: case.status.after_issue()?,
        };
        let external = match &input.external {
            Some(e) if is_external => e.clone(),
            _ => ExternalIssuer::default(),
        };
        let (number, valid_until) = match &case.renews_case_id {
            Some(old_id) => recertify_old(c, actor, old_id, case_id, row.cert_type.validity_years)?,
            None => {
                check_valid_until(input.valid_until, today)?;
                // Drawn only once every rule has agreed; should the guarded update below
                // still refuse, the number rolls back with the transaction, so numbers
                // stay gap-free.
                let n = store::models::counter::next(c, CERTIFICATE_COUNTER)?;
                (certificate_number(n), input.valid_until)
            }
        };
        let t = &row.cert_type;
        // The credential's place in the status lists: our own certificates only (an
        // external one is the other body's to vouch for).
        let status_index = if is_external {
            None
        } else {
            Some(store::models::counter::next(c, STATUS_LIST_COUNTER)?)
        };
        let issued = Case::issue(
            c,
            case_id,
            change,
            &Issue {
                certificate_number: number.clone(),
                issued_on: today,
                valid_until,
                external_body: external.body,
                external_country: external.country,
                external_number: external.number,
                annual_renewal_on: t
                    .annual_renewal
                    .then(|| first_annual_due(today, valid_until))
                    .flatten(),
                recertification_on: (t.recertification_years > 0).then_some(valid_until),
                status_index,
            },
        )?;
        if !issued {
            return Err(domain::RuleError::CaseClosed.into());
        }
        store::models::decision::record(c, case_id, DecisionKind::Issue, &actor.id, "")?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(case_id),
                detail: &number,
                ..NewEvent::of(EventKind::CertificateIssued)
            },
        )?;
        crate::standing::recompute_for_person(
            c,
            &case.person_id,
            Some(&actor.id),
            base_url,
            today,
        )?;
        crate::mail::to_case_person(c, &row, "certificate-issued", base_url, |_| {
            vec![
                ("number", number.clone()),
                ("valid_until", domain::stockholm::format_date(valid_until)),
            ]
        })?;
        Ok(Issued { number })
    })
}

/// The certificate a recertification case renews hands its number over: «Omcertifierad»,
/// linked to the new case, with its event. Returns the number and the new «Giltigt till».
fn recertify_old(
    c: &mut DbConn,
    actor: &Actor,
    old_id: &str,
    new_id: &str,
    validity_years: i32,
) -> Result<(String, Date)> {
    let old = Case::find(c, old_id)?.ok_or(Error::NotFound)?;
    let (Some(number), Some(old_valid)) = (old.certificate_number.clone(), old.valid_until) else {
        return Err(domain::RuleError::NotRecertifiable.into());
    };
    let change = Change {
        from: old.status,
        to: old.status.after_recertification()?,
    };
    // First, so that the number is free for the new case under the unique index.
    if !Case::mark_recertified(c, old_id, change, new_id)? {
        return Err(Error::Conflict("rule-certificate-changed"));
    }
    Event::record(
        c,
        NewEvent {
            actor_id: Some(&actor.id),
            person_id: Some(&old.person_id),
            case_id: Some(old_id),
            detail: &number,
            ..NewEvent::of(EventKind::CertificateRecertified)
        },
    )?;
    Ok((number, recertified_valid_until(old_valid, validity_years)))
}

/// «Avslå»: the application is rejected for `reason`, which the person reads.
pub fn reject(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    reason: &str,
    today: Date,
    base_url: &str,
) -> Result<()> {
    actor.require_beslutsfattare()?;
    tx(c, |c| {
        let row = decidable(c, actor, case_id)?;
        let case = &row.case;
        // Open → «Avslag», guarded on the open status: a decision that raced this one wins.
        let change = Change {
            from: case.status,
            to: case.status.after_reject()?,
        };
        if !Case::reject(c, case_id, change, today, reason)? {
            return Err(domain::RuleError::CaseClosed.into());
        }
        store::models::decision::record(c, case_id, DecisionKind::Reject, &actor.id, reason)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(case_id),
                detail: reason,
                ..NewEvent::of(EventKind::ApplicationRejected)
            },
        )?;
        crate::mail::to_case_person(c, &row, "application-rejected", base_url, |_| {
            vec![("reason", reason.to_string())]
        })
    })
}
