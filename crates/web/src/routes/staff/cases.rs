//! The final review: the queue of complete cases, the case with everything the decision
//! rests on, and the two decisions — «Utfärda certifikat» and «Avslå».

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use domain::certification::{
    certificate_number, CaseFacts, DecisionKind, InvoiceRecipientKind, RuleError,
};
use domain::events::EventKind;
use serde::Deserialize;
use store::models::attestation::Attestation;
use store::models::case::{Case, CaseRow, Issue};
use store::models::catalog::CommitmentText;
use store::models::company::Company;
use store::models::event::{Event, EventRow, NewEvent};
use store::models::invoice::InvoiceRecipient;
use store::models::moment::{Moment, MomentRow};
use store::models::person::Person;
use store::models::Page;
use store::{write_tx, DbConn};
use time::{Date, PrimitiveDateTime};

use super::moments::personnummer_of;
use super::{certificate_title, check_not_own, page_no, TxError, MAX_TEXT, PER_PAGE};
use crate::auth::{CurrentUser, User};
use crate::cases::{facts, rule};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::routes::register::today;
use crate::state::AppState;

use crate::paging::PageQuery;

struct ReadyItem {
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    updated_at: PrimitiveDateTime,
}

#[derive(Template)]
#[template(path = "staff/cases.html")]
struct QueuePage {
    ctx: Ctx,
    items: Vec<ReadyItem>,
    page: Page<()>,
}

/// GET /staff/cases: complete cases waiting for the final review, oldest change first.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let n = page_no(&q.page);
    let found = state
        .db
        .run(move |c| Case::ready_for_decision(c, n, PER_PAGE))
        .await?;
    let lang = ctx.lang.code();
    let items = found
        .items
        .iter()
        .map(|r| ReadyItem {
            case_id: r.case.id.clone(),
            case_number: r.case.number,
            person_name: r.person_name.clone(),
            certificate: certificate_title(&r.area, &r.cert_type, lang),
            updated_at: r.case.updated_at,
        })
        .collect();
    render(&QueuePage {
        ctx,
        items,
        page: Page {
            items: vec![],
            total: found.total,
            page: found.page,
            per_page: found.per_page,
        },
    })
}

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
    let postal = format!("{} {}", r.postal_code, r.city).trim().to_string();
    let address = [
        r.address_line1.clone(),
        r.address_line2.clone(),
        postal,
        r.country.clone(),
    ]
    .into_iter()
    .filter(|l| !l.trim().is_empty())
    .collect();
    InvoiceView {
        kind,
        name,
        orgnr,
        address,
        phone: r.phone.clone(),
        email: r.email.clone(),
        reference: r.reference.clone(),
    }
}

/// Everything the final review rests on, read in one go.
struct CaseData {
    row: CaseRow,
    person: Person,
    moments: Vec<MomentRow>,
    attestation: Option<(Attestation, Option<CommitmentText>)>,
    invoice: Option<(InvoiceRecipient, Option<Company>)>,
    events: Page<EventRow>,
    reviewers: Vec<String>,
    facts: CaseFacts,
}

fn read_case(c: &mut DbConn, id: &str, events_page: i64) -> store::StoreResult<Option<CaseData>> {
    let Some(row) = Case::find_row(c, id)? else {
        return Ok(None);
    };
    let Some(person) = Person::find(c, &row.case.person_id)? else {
        return Ok(None);
    };
    let moments = Moment::for_case(c, id)?;
    let attestation = match Attestation::for_case(c, id)? {
        Some(a) => {
            let text = CommitmentText::find(c, &a.commitment_id)?;
            Some((a, text))
        }
        None => None,
    };
    let invoice = match InvoiceRecipient::for_case(c, id)? {
        Some(r) => {
            let company = match &r.company_id {
                Some(cid) => Company::find(c, cid)?,
                None => None,
            };
            Some((r, company))
        }
        None => None,
    };
    let events = Event::for_case(c, id, events_page, PER_PAGE)?;
    let reviewers = Moment::reviewers(c, id)?;
    let facts = facts(c, &row.case)?;
    Ok(Some(CaseData {
        row,
        person,
        moments,
        attestation,
        invoice,
        events,
        reviewers,
        facts,
    }))
}

async fn load(state: &AppState, id: String, events_page: i64) -> AppResult<CaseData> {
    state
        .db
        .run(move |c| read_case(c, &id, events_page))
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct IssueForm {
    valid_until: String,
    external_body: String,
    external_country: String,
    external_number: String,
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
}

/// The rule that bars the caller from deciding this case, if any (a message key).
fn bar(user: &CurrentUser, d: &CaseData) -> Option<&'static str> {
    if user.person.id == d.row.case.person_id {
        return Some(super::OWN_CASE);
    }
    d.facts
        .check_decision(&user.person.id, &d.reviewers)
        .err()
        .map(|e| e.message_key())
}

fn case_page(
    ctx: Ctx,
    user: &CurrentUser,
    d: CaseData,
    form: IssueForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let lang = ctx.lang.code();
    let (mode, notice) = if !d.facts.status.is_open() {
        (Mode::Closed, ctx.t("staff-decision-made"))
    } else if !d.facts.ready_for_final_review() {
        (
            Mode::NotReady,
            ctx.t(RuleError::NotReadyForDecision.message_key()),
        )
    } else if !user.person.is_beslutsfattare {
        (Mode::ReadOnly, ctx.t("staff-decision-read-only"))
    } else if let Some(key) = bar(user, &d) {
        (Mode::Barred, ctx.t(key))
    } else {
        (Mode::Decide, String::new())
    };
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
        ctx,
    })
}

/// A first guess at «Giltigt till» for types with a fixed validity; external
/// certificates take the other body's date, so nothing is guessed for them.
fn default_valid_until(row: &CaseRow) -> String {
    let years = row.cert_type.validity_years;
    if row.cert_type.is_external || years <= 0 {
        return String::new();
    }
    let t = today();
    let until = t
        .replace_year(t.year() + years)
        .or_else(|_| Date::from_calendar_date(t.year() + years, t.month(), 28))
        .ok();
    until
        .map(domain::stockholm::format_date)
        .unwrap_or_default()
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
    let d = load(&state, id, page_no(&q.page)).await?;
    let form = IssueForm {
        valid_until: default_valid_until(&d.row),
        ..Default::default()
    };
    case_page(ctx, &user, d, form, FormErrors::default())
}

/// Refuses, with the rule's text, a decision the caller may not make on this case now.
/// The transaction checks again; this only spares the reader a form they cannot use.
fn precheck(user: &CurrentUser, d: &CaseData) -> AppResult<()> {
    check_not_own(user, &d.row.case.person_id)?;
    d.facts
        .check_decision(&user.person.id, &d.reviewers)
        .map_err(rule)
}

/// Checks a free text the decision needs; returns it trimmed.
fn required_text(
    errors: &mut FormErrors,
    ctx: &Ctx,
    field: &str,
    value: &str,
    empty_key: &str,
    max: usize,
) -> String {
    let v = value.trim().to_string();
    if v.is_empty() {
        errors.add(field, ctx.t(empty_key));
    } else if v.chars().count() > max {
        errors.add(field, ctx.t1("staff-err-too-long", "max", max.to_string()));
    }
    v
}

/// POST /staff/cases/{id}/issue: «Utfärda certifikat».
pub async fn issue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<IssueForm>,
) -> AppResult<Response> {
    user.require_beslutsfattare()?;
    let d = load(&state, id.clone(), 1).await?;
    precheck(&user, &d)?;

    let mut errors = FormErrors::default();
    let today = today();
    let valid_until = match form.valid_until.trim() {
        "" => {
            errors.add("valid_until", ctx.t("staff-err-valid-until-empty"));
            None
        }
        s => match crate::forms::parse_date(s) {
            None => {
                errors.add("valid_until", ctx.t("staff-err-valid-until-format"));
                None
            }
            Some(date) if date <= today => {
                errors.add("valid_until", ctx.t("staff-err-valid-until-past"));
                None
            }
            Some(date) => Some(date),
        },
    };
    let is_external = d.row.cert_type.is_external;
    let (external_body, external_country, external_number) = if is_external {
        (
            required_text(
                &mut errors,
                &ctx,
                "external_body",
                &form.external_body,
                "staff-err-external-body-empty",
                200,
            ),
            required_text(
                &mut errors,
                &ctx,
                "external_country",
                &form.external_country,
                "staff-err-external-country-empty",
                100,
            ),
            required_text(
                &mut errors,
                &ctx,
                "external_number",
                &form.external_number,
                "staff-err-external-number-empty",
                100,
            ),
        )
    } else {
        Default::default()
    };
    let (Some(valid_until), true) = (valid_until, errors.is_empty()) else {
        return Ok(with_errors(case_page(ctx, &user, d, form, errors)?));
    };

    let uid = user.person.id.clone();
    let base = state.config.base_url.clone();
    let base_for_standing = base.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(write_tx(c, |c| -> Result<(), TxError> {
                // Everything again under the write lock: another decision may have won.
                let Some(row) = Case::find_row(c, &case_id)? else {
                    return Err(RuleError::CaseClosed.into());
                };
                let case = &row.case;
                let f = facts(c, case)?;
                let reviewers = Moment::reviewers(c, &case_id)?;
                f.check_decision(&uid, &reviewers)?;
                let number = certificate_number(store::models::counter::next(c, "certificate")?);
                let issued = Case::issue(
                    c,
                    &case_id,
                    &Issue {
                        certificate_number: number.clone(),
                        issued_on: today,
                        valid_until,
                        external_body,
                        external_country,
                        external_number,
                    },
                )?;
                if !issued {
                    // Rolled back with the number: numbers stay gap-free.
                    return Err(RuleError::CaseClosed.into());
                }
                store::models::decision::record(c, &case_id, DecisionKind::Issue, &uid, "")?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&uid),
                        person_id: Some(&case.person_id),
                        case_id: Some(&case_id),
                        detail: &number,
                        ..NewEvent::of(EventKind::CertificateIssued)
                    },
                )?;
                // A new active certificate may make its holder's employers' company
                // certificates active.
                app::standing::recompute_for_person(
                    c,
                    &case.person_id,
                    Some(&uid),
                    &base_for_standing,
                    today,
                )?;
                super::mail_case_person(c, &row, "certificate-issued", &base, |_| {
                    vec![
                        ("number", number.clone()),
                        ("valid_until", domain::stockholm::format_date(valid_until)),
                    ]
                })?;
                Ok(())
            }))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        "staff-certificate-issued",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct RejectForm {
    reason: String,
}

#[derive(Template)]
#[template(path = "staff/reject.html")]
struct RejectPage {
    ctx: Ctx,
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    form: RejectForm,
    errors: FormErrors,
}

fn reject_page(
    ctx: Ctx,
    d: &CaseData,
    form: RejectForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let lang = ctx.lang.code();
    render(&RejectPage {
        case_id: d.row.case.id.clone(),
        case_number: d.row.case.number,
        person_name: d.person.full_name(),
        certificate: certificate_title(&d.row.area, &d.row.cert_type, lang),
        form,
        errors,
        ctx,
    })
}

/// GET /staff/cases/{id}/reject: the confirmation page of «Avslå».
pub async fn show_reject(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_beslutsfattare()?;
    let d = load(&state, id, 1).await?;
    precheck(&user, &d)?;
    reject_page(ctx, &d, RejectForm::default(), FormErrors::default())
}

/// POST /staff/cases/{id}/reject: «Avslå ansökan».
pub async fn reject(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<RejectForm>,
) -> AppResult<Response> {
    user.require_beslutsfattare()?;
    let d = load(&state, id.clone(), 1).await?;
    precheck(&user, &d)?;
    let mut errors = FormErrors::default();
    let reason = required_text(
        &mut errors,
        &ctx,
        "reason",
        &form.reason,
        "staff-err-reason-empty",
        MAX_TEXT,
    );
    if !errors.is_empty() {
        return Ok(with_errors(reject_page(ctx, &d, form, errors)?));
    }

    let uid = user.person.id.clone();
    let base = state.config.base_url.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(write_tx(c, |c| -> Result<(), TxError> {
                let Some(row) = Case::find_row(c, &case_id)? else {
                    return Err(RuleError::CaseClosed.into());
                };
                let case = &row.case;
                let f = facts(c, case)?;
                let reviewers = Moment::reviewers(c, &case_id)?;
                f.check_decision(&uid, &reviewers)?;
                if !Case::reject(c, &case_id, today(), &reason)? {
                    return Err(RuleError::CaseClosed.into());
                }
                store::models::decision::record(c, &case_id, DecisionKind::Reject, &uid, &reason)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&uid),
                        person_id: Some(&case.person_id),
                        case_id: Some(&case_id),
                        detail: &reason,
                        ..NewEvent::of(EventKind::ApplicationRejected)
                    },
                )?;
                super::mail_case_person(c, &row, "application-rejected", &base, |_| {
                    vec![("reason", reason.clone())]
                })?;
                Ok(())
            }))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        "staff-application-rejected",
        state.config.secure_cookies(),
    ))
}
