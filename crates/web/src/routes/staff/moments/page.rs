//! The review page of one moment: the case and person it belongs to, every uploaded
//! version with the latest shown in the page, the earlier reviews, and the review form
//! when the rules let the caller review it now.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::certification::check_may_review;
use store::models::case::CaseRow;
use store::models::catalog::MomentTemplate;
use store::models::file::FileMeta;
use store::models::moment::{Moment, ReviewRow};
use store::models::person::Person;
use store::models::review::ReviewMoment;
use time::PrimitiveDateTime;

use super::super::{certificate_title, personnummer_of};
use super::submit::ReviewForm;
use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::FormErrors;
use crate::render::render;
use crate::state::AppState;

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

/// Everything the review page shows, read in one go.
pub(super) struct ReviewData {
    moment: Moment,
    template: MomentTemplate,
    row: CaseRow,
    person: Person,
    files: Vec<FileMeta>,
    reviews: Vec<ReviewRow>,
}

/// The review page's data in one pool round trip; a moment that does not exist is 404.
/// Lookups by key and one moment's files and reviews: a short read (`Db::run_short`), so
/// on a GET it runs on the session's connection, on the request's thread, where `run`
/// handed that connection back and waited for one on a blocking thread.
pub(super) async fn load(state: &AppState, id: String) -> AppResult<ReviewData> {
    state
        .db
        .run_short(move |c| {
            let Some(ReviewMoment {
                moment,
                template,
                row,
                person,
            }) = ReviewMoment::find(c, &id)?
            else {
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
    /// An exam moment: satisfied by a passed result, reviewed by hand for an exam taken
    /// elsewhere.
    is_exam_moment: bool,
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

/// The reason the caller cannot review this moment now, if any (a rule's message key):
/// the same rule `app::review::review_moment` applies, asked of what the page read.
pub(super) fn refusal(user: &CurrentUser, d: &ReviewData) -> Option<&'static str> {
    check_may_review(
        &user.person.id,
        &d.row.case.person_id,
        d.row.case.status,
        d.moment.status,
    )
    .err()
    .map(|e| e.message_key())
}

/// The page, with the form as sent and its field errors when it comes back.
pub(super) fn review_page(
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
        is_exam_moment: d.template.kind == domain::certification::MomentKind::Exam,
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
