//! Decisions after issue, only by a «Beslutsfattare», never on their own certificate,
//! each with a reason: «Suspendera» (until a date at most six months ahead), «Häv
//! suspension», «Återkalla» (final) and «Begränsa omfattning». Each is recorded, updates
//! «Senaste beslut», writes its event, recounts the company standing and sends the holder
//! a decision letter that says how to appeal.

use domain::certification::life::check_suspension_end;
use domain::certification::{check_not_own_case, DecisionKind, RuleError};
use domain::events::EventKind;
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::Change;
use store::DbConn;
use time::Date;

use crate::error::{Error, Result};
use crate::{tx, Actor};

/// What the decision maker decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterIssue {
    Suspend { until: Date },
    Lift,
    Withdraw,
    ReduceScope { scope: String },
}

impl AfterIssue {
    pub fn kind(&self) -> DecisionKind {
        match self {
            AfterIssue::Suspend { .. } => DecisionKind::Suspend,
            AfterIssue::Lift => DecisionKind::LiftSuspension,
            AfterIssue::Withdraw => DecisionKind::Withdraw,
            AfterIssue::ReduceScope { .. } => DecisionKind::ReduceScope,
        }
    }

    fn event(&self) -> EventKind {
        match self {
            AfterIssue::Suspend { .. } => EventKind::CertificateSuspended,
            AfterIssue::Lift => EventKind::SuspensionLifted,
            AfterIssue::Withdraw => EventKind::CertificateWithdrawn,
            AfterIssue::ReduceScope { .. } => EventKind::ScopeReduced,
        }
    }

    /// The decision letter's mail kind: `decision-<kind>`.
    pub fn mail_kind(&self) -> &'static str {
        match self {
            AfterIssue::Suspend { .. } => "decision-suspend",
            AfterIssue::Lift => "decision-lift",
            AfterIssue::Withdraw => "decision-withdraw",
            AfterIssue::ReduceScope { .. } => "decision-reduce-scope",
        }
    }
}

/// Decides `decision` on the certificate of case `case_id` for `reason`.
pub fn decide_after_issue(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    decision: &AfterIssue,
    reason: &str,
    today: Date,
    base_url: &str,
) -> Result<()> {
    actor.require_beslutsfattare()?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(RuleError::ReasonRequired.into());
    }
    tx(c, |c| {
        let row = Case::find_row(c, case_id)?.ok_or(Error::NotFound)?;
        let case = &row.case;
        check_not_own_case(&actor.id, &case.person_id)?;
        let from = case.status;
        let mut until = None;
        let mut detail = reason.to_string();
        let written = match decision {
            AfterIssue::Suspend { until: end } => {
                let to = from.after_suspend()?;
                check_suspension_end(*end, today)?;
                until = Some(*end);
                detail = domain::stockholm::format_date(*end);
                Case::decide_status(c, case_id, Change { from, to }, today, reason, until)?
            }
            AfterIssue::Lift => {
                let to = from.after_lift()?;
                Case::decide_status(c, case_id, Change { from, to }, today, reason, None)?
            }
            AfterIssue::Withdraw => {
                let to = from.after_withdraw()?;
                Case::decide_status(c, case_id, Change { from, to }, today, reason, None)?
            }
            AfterIssue::ReduceScope { scope } => {
                from.check_live()?;
                let scope = scope.trim();
                if scope.is_empty() {
                    return Err(RuleError::ScopeRequired.into());
                }
                detail = scope.to_string();
                Case::reduce_scope(c, case_id, from, today, scope, reason)?
            }
        };
        if !written {
            // Another decision changed the certificate in between.
            return Err(Error::Conflict("rule-certificate-changed"));
        }
        store::models::decision::record_until(
            c,
            case_id,
            decision.kind(),
            &actor.id,
            reason,
            until,
        )?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(case_id),
                detail: &detail,
                ..NewEvent::of(decision.event())
            },
        )?;
        crate::standing::recompute_for_person(
            c,
            &case.person_id,
            Some(&actor.id),
            base_url,
            today,
        )?;
        let number = case.certificate_number.clone().unwrap_or_default();
        crate::mail::to_case_person(c, &row, decision.mail_kind(), base_url, |_| {
            let mut args = vec![("number", number), ("reason", reason.to_string())];
            if let Some(end) = until {
                args.push(("until", domain::stockholm::format_date(end)));
            }
            if let AfterIssue::ReduceScope { scope } = decision {
                args.push(("scope", scope.trim().to_string()));
            }
            args
        })
    })
}
