//! The certificate's life after issue, on the staff side: what the staff case page shows
//! of an issued certificate (its decisions and yearly attestations), the decisions a
//! «Beslutsfattare» makes on it, each on a confirmation page of its own, the paper
//! attestation any staff member registers, and the queue «Suspensioner som löper ut».
//! Every change is one function of `app::life`, which applies the rules again in its
//! transaction; the pages ask the same `domain` rules only to decide what to offer.

mod decide;
mod suspensions;

pub(crate) use decide::DecideForm;
pub use decide::{route, Action};
pub use suspensions::suspensions;

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::certification::life::check_annual_open;
use domain::certification::{check_not_own_case, AttestationBasis, CaseStatus, DecisionKind};
use serde::Deserialize;
use store::models::case::CaseRow;
use store::models::decision::DecisionRow;
use store::models::life::AnnualAttestation;
use store::DbConn;
use time::{Date, PrimitiveDateTime};

use super::final_review::{case_page, load};
use super::required_comment;
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::state::AppState;

/// An issued certificate's decisions and yearly attestations, read with the case page.
#[derive(Default)]
pub(crate) struct LifeData {
    decisions: Vec<DecisionRow>,
    /// Each attestation with the name of whoever gave it.
    attestations: Vec<(AnnualAttestation, String)>,
}

impl LifeData {
    /// Nothing for a case that has no certificate (yet, or ever).
    pub(crate) fn read(c: &mut DbConn, row: &CaseRow) -> store::StoreResult<LifeData> {
        if row.case.issued_on.is_none() {
            return Ok(LifeData::default());
        }
        let decisions = store::models::decision::for_case(c, &row.case.id)?;
        let attestations = AnnualAttestation::for_case_named(c, &row.case.id)?;
        Ok(LifeData {
            decisions,
            attestations,
        })
    }
}

/// One decision as the staff case page lists it.
pub(crate) struct DecisionView {
    pub(crate) kind: String,
    pub(crate) at: PrimitiveDateTime,
    pub(crate) by: String,
    pub(crate) reason: String,
    pub(crate) until: Option<Date>,
}

/// One yearly attestation as the staff case page lists it.
pub(crate) struct AttestationView {
    pub(crate) due_on: Date,
    pub(crate) basis: String,
    pub(crate) by: String,
    pub(crate) at: PrimitiveDateTime,
    pub(crate) note: String,
}

/// A decision the caller may make on the certificate now: its page and its link text.
pub(crate) struct ActionLink {
    pub(crate) href: String,
    pub(crate) label: String,
}

/// The paper attestation form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PaperForm {
    note: String,
}

/// What the staff case page shows of an issued certificate.
pub(crate) struct LifeView {
    pub(crate) status: CaseStatus,
    pub(crate) decisions: Vec<DecisionView>,
    pub(crate) attestations: Vec<AttestationView>,
    /// The decisions the caller may make, by the certificate's status.
    pub(crate) actions: Vec<ActionLink>,
    /// Why there are none, when there are none.
    pub(crate) actions_notice: String,
    /// The due date of the yearly attestation open now, when the caller may register it.
    pub(crate) paper_due: Option<Date>,
    pub(crate) note: String,
}

fn decision_kind_text(ctx: &Ctx, kind: DecisionKind) -> String {
    ctx.t(match kind {
        DecisionKind::Issue => "staff-decision-kind-issue",
        DecisionKind::Reject => "staff-decision-kind-reject",
        DecisionKind::Suspend => "staff-decision-kind-suspend",
        DecisionKind::LiftSuspension => "staff-decision-kind-lift",
        DecisionKind::Withdraw => "staff-decision-kind-withdraw",
        DecisionKind::ReduceScope => "staff-decision-kind-scope",
    })
}

fn basis_text(ctx: &Ctx, basis: AttestationBasis) -> String {
    ctx.t(match basis {
        AttestationBasis::Employer => "staff-annual-basis-employer",
        AttestationBasis::SelfEmployed => "staff-annual-basis-self",
        AttestationBasis::Staff => "staff-annual-basis-staff",
    })
}

/// The yearly attestation the caller may register on paper today, if any: open or
/// overdue, on a certificate that takes one, not the caller's own.
fn paper_due(user: &CurrentUser, row: &CaseRow, today: Date) -> Option<Date> {
    let case = &row.case;
    check_not_own_case(user.id(), &case.person_id).ok()?;
    case.status.after_annual_attestation().ok()?;
    check_annual_open(case.annual_renewal_on, case.valid_until, today).ok()
}

impl LifeView {
    /// The view of an issued certificate; nothing for a case without one.
    pub(crate) fn of(
        ctx: &Ctx,
        user: &CurrentUser,
        row: &CaseRow,
        data: &LifeData,
        form: PaperForm,
    ) -> Option<LifeView> {
        let case = &row.case;
        case.issued_on?;
        let today = app::today();
        let own = check_not_own_case(user.id(), &case.person_id);
        let (actions, actions_notice) = if !case.status.is_live() {
            (vec![], ctx.t("staff-life-ended"))
        } else if !user.person.is_beslutsfattare {
            (vec![], ctx.t("staff-life-read-only"))
        } else if let Err(e) = own {
            (vec![], ctx.t(e.message_key()))
        } else {
            let actions = Action::ALL
                .iter()
                .filter(|a| a.allowed(case.status).is_ok())
                .map(|a| ActionLink {
                    href: format!("/staff/cases/{}/{}", case.id, a.slug()),
                    label: ctx.t(a.link_key()),
                })
                .collect();
            (actions, String::new())
        };
        Some(LifeView {
            status: case.status,
            decisions: data
                .decisions
                .iter()
                .map(|d| DecisionView {
                    kind: decision_kind_text(ctx, d.kind),
                    at: d.decided_at,
                    by: format!("{} {}", d.first_name, d.last_name),
                    reason: d.reason.clone(),
                    until: d.until_on,
                })
                .collect(),
            attestations: data
                .attestations
                .iter()
                .map(|(a, by)| AttestationView {
                    due_on: a.due_on,
                    basis: basis_text(ctx, a.basis),
                    by: by.clone(),
                    at: a.at,
                    note: a.note.clone(),
                })
                .collect(),
            actions,
            actions_notice,
            paper_due: paper_due(user, row, today),
            note: form.note,
        })
    }
}

/// POST /staff/cases/{id}/annual: «Registrera årlig förlängning (pappersintyg)», by any
/// staff member, with a note of what came in.
pub async fn register_paper(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<PaperForm>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let mut errors = FormErrors::default();
    let note = required_comment(
        &mut errors,
        &ctx,
        "note",
        &form.note,
        "staff-err-note-empty",
    );
    if !errors.is_empty() {
        let d = load(&state, &user, id, Some(1)).await?;
        let issue_form = Default::default();
        return Ok(with_errors(case_page(
            ctx, &user, d, issue_form, errors, form,
        )?));
    }
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::life::register_paper(
                c,
                &actor,
                &case_id,
                &note,
                app::today(),
                &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        "staff-annual-registered",
        state.config.secure_cookies(),
    ))
}
