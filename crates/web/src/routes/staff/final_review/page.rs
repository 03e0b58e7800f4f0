//! The final review of one case: the person, the case, its moments, the attestation,
//! the invoice recipient and the event log, with the decision forms when the caller may
//! decide it now. Everything is read in one pool round trip, and the rules that decide
//! what to offer are asked of what was read.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::certification::life::recertified_valid_until;
use domain::certification::{default_valid_until, CaseFacts, InvoiceRecipientKind, RuleError};
use store::models::attestation::Attestation;
use store::models::case::{Case, CaseRow};
use store::models::catalog::{Catalogue, CommitmentText};
use store::models::company::Company;
use store::models::event::{Event, EventRow};
use store::models::final_review::FinalReviewCase;
use store::models::invoice::InvoiceRecipient;
use store::models::moment::{Moment, MomentRow};
use store::models::person::Person;
use store::models::Page;
use store::DbConn;
use time::PrimitiveDateTime;

use super::super::{certificate_title, page_no, personnummer_of, PER_PAGE};
use super::issue::IssueForm;
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::paging::PageQuery;
use crate::render::render;
use crate::state::AppState;

/// The invoice recipient as the final review shows it.
struct InvoiceView {
    kind: String,
    name: String,
    orgnr: String,
    address: Vec<String>,
    phone: String,
    email: String,
    reference: String,
}

fn invoice_view(ctx: &Ctx, r: &InvoiceRecipient, company: Option<&Company>) -> InvoiceView {
    let kind = match r.kind {
        InvoiceRecipientKind::Company => ctx.t("staff-invoice-company"),
        InvoiceRecipientKind::Personal => ctx.t("staff-invoice-personal"),
        InvoiceRecipientKind::Alternative => ctx.t("staff-invoice-alternative"),
    };
    let name = if r.name.is_empty() {
        company.map(|c| c.name.clone()).unwrap_or_default()
    } else {
        r.name.clone()
    };
    let orgnr = company
        .and_then(|c| domain::identifiers::Orgnr::from_stored(&c.orgnr))
        .map(|o| o.display())
        .unwrap_or_default();
    // A company chosen by someone who does not work there comes without an address: the
    // body invoices it at the invoice address the company keeps.
    let kept = company.filter(|_| {
        r.kind == InvoiceRecipientKind::Company
            && [&r.address_line1, &r.postal_code, &r.city]
                .iter()
                .all(|v| v.trim().is_empty())
    });
    let lines = match kept {
        Some(c) => [
            &c.invoice_address_line1,
            &c.invoice_address_line2,
            &c.invoice_postal_code,
            &c.invoice_city,
            &c.invoice_country,
        ],
        None => [
            &r.address_line1,
            &r.address_line2,
            &r.postal_code,
            &r.city,
            &r.country,
        ],
    };
    let postal = format!("{} {}", lines[2], lines[3]).trim().to_string();
    let address = [lines[0].clone(), lines[1].clone(), postal, lines[4].clone()]
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let email = match kept {
        Some(c) if r.email.trim().is_empty() => c.invoice_email.clone(),
        _ => r.email.clone(),
    };
    InvoiceView {
        kind,
        name,
        orgnr,
        address,
        phone: r.phone.clone(),
        email,
        reference: r.reference.clone(),
    }
}

/// Everything the final review rests on, read in one go.
pub(in crate::routes::staff) struct CaseData {
    pub(super) row: CaseRow,
    pub(super) person: Person,
    moments: Vec<MomentRow>,
    attestation: Option<(Attestation, Option<CommitmentText>)>,
    invoice: Option<(InvoiceRecipient, Option<Company>)>,
    events: Page<EventRow>,
    /// Who reads the page, and whether they reviewed a moment of the case: what the rule
    /// on deciding asks of the case's reviews.
    caller: app::Actor,
    caller_reviewed: bool,
    /// The certificate's life after issue: its decisions and yearly attestations.
    pub(super) life: super::super::life::LifeData,
    /// The certificate a recertification case renews.
    pub(super) renews: Option<Case>,
    /// Built from the moments, attestation and invoice recipient above: the rules see
    /// exactly what the page shows.
    facts: CaseFacts,
}

impl CaseData {
    /// Refuses, with the rule's text, a decision the caller (who read the page) may not
    /// make on this case now: the rule `app::decisions` applies in its transaction, there
    /// with the case's reviewers read in full. The rule asks only whether the caller is
    /// among them, which is what the page read.
    pub(super) fn check_may_decide(&self) -> AppResult<()> {
        let reviewers: &[String] = if self.caller_reviewed {
            std::slice::from_ref(&self.caller.id)
        } else {
            &[]
        };
        app::decisions::check_may_decide(
            &self.caller,
            &self.row.case.person_id,
            &self.facts,
            reviewers,
        )
        .map_err(AppError::from)
    }
}

/// Reads the case; with `events_page`, that page of its event log too (the reject
/// page shows none).
fn read_case(
    c: &mut DbConn,
    catalogue: &Catalogue,
    caller: app::Actor,
    id: &str,
    events_page: Option<i64>,
) -> store::StoreResult<Option<CaseData>> {
    let Some(FinalReviewCase {
        row,
        person,
        attestation,
        invoice,
        caller_reviewed,
    }) = FinalReviewCase::find(c, id, &caller.id)?
    else {
        return Ok(None);
    };
    let moments = Moment::for_case(c, catalogue, id)?;
    let events = match events_page {
        Some(n) => Event::for_case(c, id, n, PER_PAGE)?,
        None => Page {
            items: vec![],
            total: 0,
            page: 1,
            per_page: PER_PAGE,
        },
    };
    let life = super::super::life::LifeData::read(c, &row)?;
    let renews = match &row.case.renews_case_id {
        Some(old) => Case::find(c, old)?,
        None => None,
    };
    let facts = CaseFacts {
        status: row.case.status,
        moments: moments.iter().map(|m| m.moment.status).collect(),
        attested: attestation.is_some(),
        has_invoice_recipient: invoice.is_some(),
    };
    Ok(Some(CaseData {
        row,
        person,
        moments,
        attestation,
        invoice,
        events,
        caller,
        caller_reviewed,
        life,
        renews,
        facts,
    }))
}

/// The case's page data in one pool round trip; a case that does not exist is 404.
/// Lookups by key and one case's short lists (its moments, a page of its events): a
/// short read (`Db::run_short`), as the review page's is.
pub(in crate::routes::staff) async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: String,
    events_page: Option<i64>,
) -> AppResult<CaseData> {
    let catalogue = state.catalogue.clone();
    let caller = user.actor();
    state
        .db
        .run_short(move |c| read_case(c, &catalogue, caller, &id, events_page))
        .await?
        .ok_or(AppError::NotFound)
}

/// What the decision part of the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The decision forms.
    Decide,
    /// A decision was made: nothing more to do here.
    Closed,
    /// Not every step is done.
    NotReady,
    /// Complete, but the caller is no decision maker.
    ReadOnly,
    /// The caller reviewed a moment of the case, or it is their own.
    Barred,
}

#[derive(Template)]
#[template(path = "staff/case.html")]
struct CasePage {
    ctx: Ctx,
    row: CaseRow,
    certificate: String,
    person_name: String,
    personnummer: String,
    email: String,
    // The moments table and the event log, as their includes want them.
    moments: Vec<MomentRow>,
    can_upload: bool,
    case_id: String,
    page: Page<EventRow>,
    events_base: String,
    attested_at: Option<PrimitiveDateTime>,
    commitment_version: String,
    invoice: Option<InvoiceView>,
    mode: Mode,
    notice: String,
    is_external: bool,
    form: IssueForm,
    errors: FormErrors,
    /// A recertification case: the certificate it renews and the «Giltigt till» it gets.
    recert: Option<RecertView>,
    /// The issued certificate's life, with what the caller may do to it.
    life: Option<super::super::life::LifeView>,
}

/// What the issue form says of a recertification case.
pub(super) struct RecertView {
    number: String,
    old_valid_until: time::Date,
    valid_until: time::Date,
    years: i32,
}

impl RecertView {
    pub(super) fn valid_until(&self) -> time::Date {
        self.valid_until
    }
}

/// The recertification a case is, if it is one: the old number and both dates.
pub(super) fn recert_view(d: &CaseData) -> Option<RecertView> {
    let old = d.renews.as_ref()?;
    let old_valid_until = old.valid_until?;
    let years = d.row.cert_type.validity_years;
    Some(RecertView {
        number: old.certificate_number.clone().unwrap_or_default(),
        old_valid_until,
        valid_until: recertified_valid_until(old_valid_until, years),
        years,
    })
}

/// What the decision part offers the caller, and the notice when it is not the forms.
fn mode(ctx: &Ctx, d: &CaseData) -> (Mode, String) {
    if !d.facts.status.is_open() {
        // An issued certificate's decisions after issue follow on the page.
        let key = if d.row.case.issued_on.is_some() {
            "staff-decision-made-issued"
        } else {
            "staff-decision-made"
        };
        return (Mode::Closed, ctx.t(key));
    }
    if !d.facts.ready_for_final_review() {
        let key = RuleError::NotReadyForDecision.message_key();
        return (Mode::NotReady, ctx.t(key));
    }
    match d.check_may_decide() {
        Ok(()) => (Mode::Decide, String::new()),
        Err(AppError::Forbidden(_)) => (Mode::ReadOnly, ctx.t("staff-decision-read-only")),
        Err(e) => (Mode::Barred, ctx.t(e.message_key())),
    }
}

/// The page, with the issue form as sent and its field errors when it comes back.
pub(in crate::routes::staff) fn case_page(
    ctx: Ctx,
    user: &CurrentUser,
    d: CaseData,
    form: IssueForm,
    errors: FormErrors,
    note: super::super::life::PaperForm,
) -> AppResult<Response> {
    let lang = ctx.lang.code();
    let (mode, notice) = mode(&ctx, &d);
    let recert = recert_view(&d);
    let life = super::super::life::LifeView::of(&ctx, user, &d.row, &d.life, note);
    let (attested_at, commitment_version) = match &d.attestation {
        Some((a, text)) => (
            Some(a.at),
            text.as_ref()
                .map(|t| ctx.t1("staff-commitment-version", "version", t.version.to_string()))
                .unwrap_or_default(),
        ),
        None => (None, String::new()),
    };
    let invoice = d
        .invoice
        .as_ref()
        .map(|(r, company)| invoice_view(&ctx, r, company.as_ref()));
    let case_id = d.row.case.id.clone();
    render(&CasePage {
        certificate: certificate_title(&d.row.area, &d.row.cert_type, lang),
        person_name: d.person.full_name(),
        personnummer: personnummer_of(&d.person),
        email: d.person.email.clone(),
        moments: d.moments,
        can_upload: false,
        page: d.events,
        events_base: format!("/staff/cases/{case_id}?"),
        case_id,
        attested_at,
        commitment_version,
        invoice,
        mode,
        notice,
        is_external: d.row.cert_type.is_external,
        row: d.row,
        form,
        errors,
        recert,
        life,
        ctx,
    })
}

/// GET /staff/cases/{id}: the final review.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let d = load(&state, &user, id, Some(page_no(&q.page))).await?;
    let t = &d.row.cert_type;
    // A recertification is valid from the old «Giltigt till»: the form shows that date.
    let valid_until = match recert_view(&d) {
        Some(r) => Some(r.valid_until),
        None => default_valid_until(t.validity_years, t.is_external, app::today()),
    };
    let form = IssueForm::with_valid_until(
        valid_until
            .map(domain::stockholm::format_date)
            .unwrap_or_default(),
    );
    case_page(
        ctx,
        &user,
        d,
        form,
        FormErrors::default(),
        Default::default(),
    )
}
