//! The officers' queue of moments «Inväntar granskning», the review page with the
//! uploaded versions, and the review itself («Godkänn» / «Ej godkänt»).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use domain::certification::{MomentStatus, RuleError};
use domain::events::EventKind;
use serde::Deserialize;
use store::models::case::{Case, CaseRow};
use store::models::catalog::{Area, CertificateType, MomentTemplate};
use store::models::event::{Event, NewEvent};
use store::models::file::FileMeta;
use store::models::moment::{Moment, QueueFilter, ReviewRow};
use store::models::person::Person;
use store::models::Page;
use store::write_tx;
use time::PrimitiveDateTime;

use super::{certificate_title, page_no, TxError, MAX_TEXT, PER_PAGE};
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    area: String,
    #[serde(rename = "type")]
    cert_type: String,
    page: String,
}

/// One option of a filter select.
struct Choice {
    id: String,
    label: String,
    selected: bool,
}

/// One row of the queue.
struct QueueItem {
    moment_id: String,
    case_id: String,
    case_number: i64,
    person_name: String,
    certificate: String,
    moment_name: String,
    waiting_since: Option<PrimitiveDateTime>,
}

#[derive(Template)]
#[template(path = "staff/moments.html")]
struct QueuePage {
    ctx: Ctx,
    areas: Vec<Choice>,
    types: Vec<Choice>,
    items: Vec<QueueItem>,
    page: Page<()>,
    page_base: String,
    filtered: bool,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// GET /staff/moments: moments «Inväntar granskning», oldest first.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let filter = QueueFilter {
        area_id: non_empty(&q.area),
        type_id: non_empty(&q.cert_type),
    };
    let n = page_no(&q.page);
    let f = filter.clone();
    let (areas, types, found) = state
        .db
        .run(move |c| {
            Ok((
                Area::all(c)?,
                CertificateType::all(c)?,
                Moment::review_queue(c, &f, n, PER_PAGE)?,
            ))
        })
        .await?;
    let lang = ctx.lang.code();
    let area_choices = areas
        .iter()
        .map(|a| Choice {
            id: a.id.clone(),
            label: a.name(lang).to_string(),
            selected: filter.area_id.as_deref() == Some(a.id.as_str()),
        })
        .collect();
    let type_choices = types
        .iter()
        .map(|t| Choice {
            id: t.id.clone(),
            label: t.name(lang).to_string(),
            selected: filter.type_id.as_deref() == Some(t.id.as_str()),
        })
        .collect();
    let items = found
        .items
        .iter()
        .map(|r| QueueItem {
            moment_id: r.moment.id.clone(),
            case_id: r.moment.case_id.clone(),
            case_number: r.case_number,
            person_name: r.person_name.clone(),
            certificate: certificate_title(&r.area, &r.cert_type, lang),
            moment_name: r.template.name(lang).to_string(),
            waiting_since: r.moment.awaiting_since,
        })
        .collect();
    let page_base = format!(
        "/staff/moments?area={}&type={}&",
        crate::auth::user::urlencode(filter.area_id.as_deref().unwrap_or("")),
        crate::auth::user::urlencode(filter.type_id.as_deref().unwrap_or(""))
    );
    render(&QueuePage {
        ctx,
        areas: area_choices,
        types: type_choices,
        items,
        page: Page {
            items: vec![],
            total: found.total,
            page: found.page,
            per_page: found.per_page,
        },
        page_base,
        filtered: filter.area_id.is_some() || filter.type_id.is_some(),
    })
}

/// An uploaded version as the review page lists it.
struct FileView {
    id: String,
    name: String,
    uploaded_at: PrimitiveDateTime,
    size: String,
    /// `pdf`, `image` or `other`: how the latest version is shown in the page.
    kind: &'static str,
}

fn human_size(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        let tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

impl FileView {
    fn from_meta(f: &FileMeta) -> FileView {
        let kind = match f.content_type.as_str() {
            "application/pdf" => "pdf",
            t if t.starts_with("image/") => "image",
            _ => "other",
        };
        FileView {
            id: f.id.clone(),
            name: f.original_name.clone(),
            uploaded_at: f.uploaded_at,
            size: human_size(f.size_bytes),
            kind,
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    decision: String,
    comment: String,
}

/// Everything the review page shows, read in one go.
struct ReviewData {
    moment: Moment,
    template: MomentTemplate,
    row: CaseRow,
    person: Person,
    files: Vec<FileMeta>,
    reviews: Vec<ReviewRow>,
}

async fn load(state: &AppState, id: String) -> AppResult<ReviewData> {
    state
        .db
        .run(move |c| {
            let Some((moment, template)) = Moment::find(c, &id)? else {
                return Ok(None);
            };
            let Some(row) = Case::find_row(c, &moment.case_id)? else {
                return Ok(None);
            };
            let Some(person) = Person::find(c, &row.case.person_id)? else {
                return Ok(None);
            };
            let files = FileMeta::for_moment(c, &moment.id)?;
            let reviews = Moment::reviews(c, &moment.id)?;
            Ok(Some(ReviewData {
                moment,
                template,
                row,
                person,
                files,
                reviews,
            }))
        })
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "staff/review.html")]
struct ReviewPage {
    ctx: Ctx,
    moment_id: String,
    moment_name: String,
    status: domain::certification::MomentStatus,
    is_file_moment: bool,
    case_id: String,
    case_number: i64,
    certificate: String,
    person_id: String,
    person_name: String,
    personnummer: String,
    files: Vec<FileView>,
    latest: Option<FileView>,
    reviews: Vec<ReviewRow>,
    /// Why the form is not offered; empty when it is.
    notice: String,
    form: ReviewForm,
    errors: FormErrors,
}

pub(crate) fn personnummer_of(person: &Person) -> String {
    person
        .personnummer
        .as_deref()
        .and_then(domain::identifiers::Personnummer::from_stored)
        .map(|p| p.display())
        .unwrap_or_default()
}

/// The reason the caller cannot review this moment now, if any (a rule key).
fn refusal(user: &CurrentUser, d: &ReviewData) -> Option<&'static str> {
    if user.person.id == d.row.case.person_id {
        return Some(super::OWN_CASE);
    }
    if !d.row.case.status.is_open() {
        return Some(RuleError::CaseClosed.message_key());
    }
    if d.moment.status != MomentStatus::AwaitingReview {
        return Some(RuleError::NothingToReview.message_key());
    }
    None
}

fn review_page(
    ctx: Ctx,
    user: &CurrentUser,
    d: ReviewData,
    form: ReviewForm,
    errors: FormErrors,
) -> AppResult<Response> {
    let lang = ctx.lang.code();
    let files: Vec<FileView> = d.files.iter().map(FileView::from_meta).collect();
    let latest = d.files.first().map(FileView::from_meta);
    let notice = refusal(user, &d).map(|k| ctx.t(k)).unwrap_or_default();
    render(&ReviewPage {
        moment_id: d.moment.id.clone(),
        moment_name: d.template.name(lang).to_string(),
        status: d.moment.status,
        is_file_moment: d.template.kind == domain::certification::MomentKind::File,
        case_id: d.row.case.id.clone(),
        case_number: d.row.case.number,
        certificate: certificate_title(&d.row.area, &d.row.cert_type, lang),
        person_id: d.person.id.clone(),
        person_name: d.person.full_name(),
        personnummer: personnummer_of(&d.person),
        files,
        latest,
        reviews: d.reviews,
        notice,
        form,
        errors,
        ctx,
    })
}

/// GET /staff/moments/{id}: the review page.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let d = load(&state, id).await?;
    review_page(ctx, &user, d, ReviewForm::default(), FormErrors::default())
}

/// POST /staff/moments/{id}/review: «Spara granskning».
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    user.require_handlaggare()?;
    let d = load(&state, id.clone()).await?;
    if let Some(key) = refusal(&user, &d) {
        return Err(AppError::Rule(key));
    }
    let comment = form.comment.trim().to_string();
    let mut errors = FormErrors::default();
    let approve = match form.decision.as_str() {
        "approve" => Some(true),
        "reject" => Some(false),
        _ => {
            errors.add("decision", ctx.t("staff-err-decision"));
            None
        }
    };
    if comment.chars().count() > MAX_TEXT {
        errors.add("comment", ctx.t("staff-err-comment-too-long"));
    } else if approve == Some(false) && comment.is_empty() {
        errors.add("comment", ctx.t("rule-comment-required"));
    }
    let (Some(approve), true) = (approve, errors.is_empty()) else {
        return Ok(with_errors(review_page(ctx, &user, d, form, errors)?));
    };

    let uid = user.person.id.clone();
    let base = state.config.base_url.clone();
    state
        .db
        .run(move |c| {
            Ok(write_tx(c, |c| -> Result<(), TxError> {
                // Read again under the write lock: someone may have been first.
                let Some((moment, template)) = Moment::find(c, &id)? else {
                    return Err(RuleError::NothingToReview.into());
                };
                let Some(row) = Case::find_row(c, &moment.case_id)? else {
                    return Err(RuleError::CaseClosed.into());
                };
                let case = &row.case;
                if !case.status.is_open() {
                    return Err(RuleError::CaseClosed.into());
                }
                let old = moment.status;
                let new = old.after_review(approve, &comment)?;
                if !Moment::set_status(c, &id, old, new, &comment, &uid)? {
                    return Err(RuleError::NothingToReview.into());
                }
                Moment::record_review(c, &id, &case.id, &uid, approve, &comment)?;
                Case::touch(c, &case.id)?;
                let kind = if approve {
                    EventKind::MomentApproved
                } else {
                    EventKind::MomentRejected
                };
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&uid),
                        person_id: Some(&case.person_id),
                        case_id: Some(&case.id),
                        detail: &comment,
                        ..NewEvent::of(kind)
                    },
                )?;
                super::mail_case_person(c, &row, kind, &base, |lang| {
                    vec![
                        ("moment", template.name(lang).to_string()),
                        ("comment", comment.clone()),
                        (
                            "has_comment",
                            if comment.is_empty() { "no" } else { "yes" }.to_string(),
                        ),
                    ]
                })?;
                Ok(())
            }))
        })
        .await??;
    Ok(redirect_with_flash(
        "/staff/moments",
        if approve {
            "staff-moment-approved"
        } else {
            "staff-moment-not-approved"
        },
        state.config.secure_cookies(),
    ))
}
