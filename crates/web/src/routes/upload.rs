//! «Ladda upp fil»: a new version of a moment's evidence. Accepted by content (PDF, JPEG,
//! PNG), not by name; the size limit is enforced while the file streams in; a refused
//! file leaves nothing behind. The bytes are this handler's (streamed, sniffed, stored);
//! recording them on the moment is `app::cases::upload_evidence`.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::Extension;
use sha2::{Digest, Sha256};
use store::models::case::Case;
use store::models::moment::Moment;

use crate::auth::{tokens, User};
use crate::cases::{own_case, rule};
use crate::csrf::CsrfExpected;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// The kinds of file a moment accepts, by their sniffed type.
const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

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

/// Why a file was refused: the message key for the «Fil» field.
enum Refusal {
    Missing,
    Empty,
    TooLarge,
    WrongType,
}

/// Why no file was received: a refusal the form shows on its «Fil» field, or a failure
/// that is a page of its own (bad token, broken stream, storage error).
enum NotReceived {
    Refused(Refusal),
    Failed(AppError),
}

impl From<Refusal> for NotReceived {
    fn from(r: Refusal) -> Self {
        NotReceived::Refused(r)
    }
}

impl From<AppError> for NotReceived {
    fn from(e: AppError) -> Self {
        NotReceived::Failed(e)
    }
}

/// Reads the form: the `csrf` field first (checked against the cookie), then `file`,
/// streamed to storage with the size counted as it comes. The file that passed the
/// checks is in storage under its `storage_key`.
async fn receive(
    state: &AppState,
    expected: &str,
    multipart: &mut Multipart,
) -> Result<app::cases::NewFile, NotReceived> {
    let limit = state.config.upload_limit_bytes;
    let first = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-bad-upload"))?;
    let csrf_ok = match first {
        Some(f) if f.name() == Some("csrf") => {
            let sent = f.text().await.map_err(|_| AppError::Csrf)?;
            tokens::equal(&sent, expected)
        }
        _ => false,
    };
    if !csrf_ok {
        return Err(AppError::Csrf.into());
    }
    let field = loop {
        match multipart.next_field().await {
            Ok(Some(f)) if f.name() == Some("file") => break f, // not a status: the field's name
            Ok(Some(_)) => continue,
            Ok(None) => return Err(Refusal::Missing.into()),
            Err(e) if is_too_large(&e) => return Err(Refusal::TooLarge.into()),
            Err(_) => return Err(AppError::BadRequest("error-bad-upload").into()),
        }
    };
    let name = clean_name(field.file_name().unwrap_or(""));
    let mut field = field;
    let mut incoming = state.storage.begin().await.map_err(AppError::Internal)?;
    let mut hasher = Sha256::new();
    let mut head: Vec<u8> = Vec::with_capacity(8192);
    let mut size = 0usize;
    let outcome = loop {
        match field.chunk().await {
            Ok(Some(bytes)) => {
                size += bytes.len();
                if size > limit {
                    break Err(Refusal::TooLarge);
                }
                if head.len() < 8192 {
                    let take = (8192 - head.len()).min(bytes.len());
                    head.extend_from_slice(&bytes[..take]);
                }
                hasher.update(&bytes);
                if let Err(e) = incoming.write(&bytes).await {
                    state.storage.discard(incoming).await;
                    return Err(AppError::Internal(e).into());
                }
            }
            Ok(None) => break Ok(()),
            Err(e) if is_too_large(&e) => break Err(Refusal::TooLarge),
            Err(_) => {
                state.storage.discard(incoming).await;
                return Err(AppError::BadRequest("error-bad-upload").into());
            }
        }
    };
    if let Err(refusal) = outcome {
        state.storage.discard(incoming).await;
        return Err(refusal.into());
    }
    if size == 0 {
        state.storage.discard(incoming).await;
        return Err(if name.is_empty() {
            Refusal::Missing
        } else {
            Refusal::Empty
        }
        .into());
    }
    let sniffed = infer::get(&head).map(|k| k.mime_type());
    let Some(content_type) = ACCEPTED.into_iter().find(|a| Some(*a) == sniffed) else {
        state.storage.discard(incoming).await;
        return Err(Refusal::WrongType.into());
    };
    let key = store::new_id();
    state
        .storage
        .commit(incoming, &key)
        .await
        .map_err(AppError::Internal)?;
    Ok(app::cases::NewFile {
        storage_key: key,
        name: if name.is_empty() { "fil".into() } else { name },
        content_type: content_type.to_string(),
        size_bytes: size as i64,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// The body limit cut the stream (axum reports 413; the tower-http layer's cut shows in
/// the message only).
fn is_too_large(e: &axum::extract::multipart::MultipartError) -> bool {
    e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE
        || e.body_text().contains("length limit")
}

/// The name as the person's device gave it, without any folder part, kept short.
fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    base.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
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
    let actor = app::Actor::of(&user.person);
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
