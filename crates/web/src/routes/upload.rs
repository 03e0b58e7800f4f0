//! «Ladda upp fil»: a new version of a moment's evidence. Accepted by content (PDF, JPEG,
//! PNG), not by name; the size limit is enforced while the file streams in; a refused
//! file leaves nothing behind. The bytes are this handler's (read and sniffed by
//! `upload_reader`, stored here); recording them on the moment is
//! `app::cases::upload_evidence`.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::Extension;
use store::models::case::Case;
use store::models::moment::Moment;

use crate::auth::User;
use crate::cases::{own_case, rule};
use crate::csrf::CsrfExpected;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;
use crate::storage::Incoming;
use crate::upload_reader::{self, ReadError, Refusal, Unread};

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    ctx: Ctx,
    case_id: String,
    moment_id: String,
    moment_name: String,
    limit_mb: usize,
    errors: FormErrors,
}

struct Target {
    case: Case,
    moment: Moment,
    name: String,
}

async fn target(
    state: &AppState,
    ctx: &Ctx,
    user: &crate::auth::CurrentUser,
    case_id: String,
    moment_id: String,
) -> AppResult<Target> {
    let row = own_case(state, user, case_id).await?;
    let (moment, template) = state
        .db
        .run(move |c| Moment::find(c, &moment_id))
        .await?
        .ok_or(AppError::NotFound)?;
    if moment.case_id != row.case.id {
        return Err(AppError::NotFound);
    }
    // The same rules `app::cases::upload_evidence` applies, checked before any byte is
    // read so that a refused upload is not even received.
    row.case.status.check_open().map_err(rule)?;
    moment.status.after_upload(template.kind).map_err(rule)?;
    Ok(Target {
        case: row.case,
        name: template.name(ctx.lang.code()).to_string(),
        moment,
    })
}

fn page(ctx: Ctx, state: &AppState, t: &Target, errors: FormErrors) -> UploadPage {
    UploadPage {
        ctx,
        case_id: t.case.id.clone(),
        moment_id: t.moment.id.clone(),
        moment_name: t.name.clone(),
        limit_mb: state.config.upload_limit_bytes / (1024 * 1024),
        errors,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((case_id, moment_id)): Path<(String, String)>,
) -> AppResult<Response> {
    let t = target(&state, &ctx, &user, case_id, moment_id).await?;
    render(&page(ctx, &state, &t, FormErrors::default()))
}

/// Why no file was received: a refusal the form shows on its «Fil» field, or a failure
/// that is a page of its own (bad token, broken stream, storage error).
enum NotReceived {
    Refused(Refusal),
    Failed(AppError),
}

impl From<ReadError<AppError>> for NotReceived {
    fn from(e: ReadError<AppError>) -> Self {
        match e {
            ReadError::Refused(r) => NotReceived::Refused(r),
            ReadError::Csrf => NotReceived::Failed(AppError::Csrf),
            ReadError::BadUpload => NotReceived::Failed(AppError::BadRequest("error-bad-upload")),
            ReadError::Sink(e) => NotReceived::Failed(e),
        }
    }
}

/// The storage takes the upload's bytes as they stream in.
impl upload_reader::Sink for Incoming {
    type Error = AppError;

    async fn put(&mut self, bytes: &[u8]) -> Result<(), AppError> {
        self.write(bytes).await.map_err(AppError::Internal)
    }
}

/// Reads the form (`upload_reader`): the `csrf` field first (checked against the cookie),
/// then `file`, streamed to storage. The file that passed the checks is in storage under
/// its `storage_key`; a refused one left nothing there.
async fn receive(
    state: &AppState,
    expected: &str,
    multipart: &mut Multipart,
) -> Result<app::cases::NewFile, NotReceived> {
    let read = upload_reader::read_upload(
        multipart,
        expected,
        state.config.upload_limit_bytes,
        async { state.storage.begin().await.map_err(AppError::Internal) },
    )
    .await;
    let (received, incoming) = match read {
        Ok(read) => read,
        Err(Unread { sink, error }) => {
            if let Some(incoming) = sink {
                state.storage.discard(incoming).await;
            }
            return Err(error.into());
        }
    };
    let key = store::new_id();
    if let Err(e) = state.storage.commit(incoming, &key).await {
        return Err(NotReceived::Failed(AppError::Internal(e)));
    }
    Ok(app::cases::NewFile {
        storage_key: key,
        name: if received.name.is_empty() {
            "fil".into()
        } else {
            received.name
        },
        content_type: received.content_type.to_string(),
        size_bytes: received.size as i64,
        sha256: received.sha256,
    })
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((case_id, moment_id)): Path<(String, String)>,
    csrf: Option<Extension<CsrfExpected>>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let Some(Extension(CsrfExpected(expected))) = csrf else {
        return Err(AppError::Csrf);
    };
    let t = target(&state, &ctx, &user, case_id, moment_id).await?;
    let received = match receive(&state, &expected, &mut multipart).await {
        Ok(file) => file,
        Err(NotReceived::Failed(e)) => return Err(e),
        Err(NotReceived::Refused(refusal)) => {
            let mut errors = FormErrors::default();
            let message = match refusal {
                Refusal::Missing => ctx.t("err-file-missing"),
                Refusal::Empty => ctx.t("err-file-empty"),
                Refusal::WrongType => ctx.t("err-file-type"),
                Refusal::TooLarge => ctx.t1(
                    "err-file-too-large",
                    "mb",
                    (state.config.upload_limit_bytes / (1024 * 1024)).to_string(),
                ),
            };
            errors.add("file", message);
            return Ok(with_errors(render(&page(ctx, &state, &t, errors))?));
        }
    };
    let key = received.storage_key.clone();
    let actor = user.actor();
    let (case_id, moment_id) = (t.case.id.clone(), t.moment.id.clone());
    let recorded = state
        .db
        .run(move |c| {
            Ok(app::cases::upload_evidence(
                c, &actor, &case_id, &moment_id, received,
            ))
        })
        .await
        .map_err(AppError::from)
        .and_then(|r| r.map_err(AppError::from));
    if let Err(e) = recorded {
        // Refused or failed: no row names the stored bytes, so they go too.
        state.storage.remove(&key).await;
        return Err(e);
    }
    Ok(redirect_with_flash(
        &format!("/cases/{}", t.case.id),
        "file-uploaded",
        state.config.secure_cookies(),
    ))
}
