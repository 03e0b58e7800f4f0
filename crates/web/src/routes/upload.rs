//! «Ladda upp fil»: a new version of a moment's evidence. Accepted by content (PDF, JPEG,
//! PNG), not by name; the size limit is enforced while the file streams in; a refused
//! file leaves nothing behind.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::Extension;
use domain::events::EventKind;
use sha2::{Digest, Sha256};
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::file::FileMeta;
use store::models::moment::Moment;
use store::write_tx;

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
    if !row.case.status.is_open() {
        return Err(rule(domain::certification::RuleError::CaseClosed));
    }
    let kind = template.kind;
    let status = moment.status;
    status.after_upload(kind).map_err(rule)?;
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

/// A received file that passed the checks, in storage under `key`.
struct Received {
    key: String,
    name: String,
    content_type: &'static str,
    size: i64,
    sha256: String,
}

/// Why a file was refused: the message key for the «Fil» field.
enum Refusal {
    Missing,
    Empty,
    TooLarge,
    WrongType,
}

/// Reads the form: the `csrf` field first (checked against the cookie), then `file`,
/// streamed to storage with the size counted as it comes.
async fn receive(
    state: &AppState,
    expected: &str,
    multipart: &mut Multipart,
) -> AppResult<Result<Received, Refusal>> {
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
        return Err(AppError::Csrf);
    }
    let field = loop {
        match multipart.next_field().await {
            Ok(Some(f)) if f.name() == Some("file") => break f, // not a status: the field's name
            Ok(Some(_)) => continue,
            Ok(None) => return Ok(Err(Refusal::Missing)),
            Err(e) if is_too_large(&e) => return Ok(Err(Refusal::TooLarge)),
            Err(_) => return Err(AppError::BadRequest("error-bad-upload")),
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
                    return Err(AppError::Internal(e));
                }
            }
            Ok(None) => break Ok(()),
            Err(e) if is_too_large(&e) => break Err(Refusal::TooLarge),
            Err(_) => {
                state.storage.discard(incoming).await;
                return Err(AppError::BadRequest("error-bad-upload"));
            }
        }
    };
    if let Err(refusal) = outcome {
        state.storage.discard(incoming).await;
        return Ok(Err(refusal));
    }
    if size == 0 {
        state.storage.discard(incoming).await;
        return Ok(Err(if name.is_empty() {
            Refusal::Missing
        } else {
            Refusal::Empty
        }));
    }
    let sniffed = infer::get(&head).map(|k| k.mime_type());
    let Some(content_type) = ACCEPTED.into_iter().find(|a| Some(*a) == sniffed) else {
        state.storage.discard(incoming).await;
        return Ok(Err(Refusal::WrongType));
    };
    let key = store::new_id();
    state
        .storage
        .commit(incoming, &key)
        .await
        .map_err(AppError::Internal)?;
    Ok(Ok(Received {
        key,
        name: if name.is_empty() { "fil".into() } else { name },
        content_type,
        size: size as i64,
        sha256: hex::encode(hasher.finalize()),
    }))
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
    let received = match receive(&state, &expected, &mut multipart).await? {
        Ok(r) => r,
        Err(refusal) => {
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
    let key = received.key.clone();
    let pid = user.person.id.clone();
    let moment_id = t.moment.id.clone();
    let case_id = t.case.id.clone();
    let result = state
        .db
        .run(move |c| {
            write_tx(c, |c| {
                // Re-read inside the lock: a review may have happened since the form opened.
                let Some((moment, template)) = Moment::find(c, &moment_id)? else {
                    return Ok(Err(domain::certification::RuleError::CaseClosed));
                };
                let kind = template.kind;
                let old = moment.status;
                let new = match old.after_upload(kind) {
                    Ok(s) => s,
                    Err(e) => return Ok(Err(e)),
                };
                FileMeta::insert(
                    c,
                    &FileMeta {
                        id: store::new_id(),
                        moment_id: moment_id.clone(),
                        case_id: case_id.clone(),
                        uploaded_by: pid.clone(),
                        uploaded_at: store::now(),
                        original_name: received.name.clone(),
                        content_type: received.content_type.to_string(),
                        size_bytes: received.size,
                        sha256: received.sha256.clone(),
                        storage_key: received.key.clone(),
                    },
                )?;
                Moment::set_status(c, &moment_id, old, new, "", &pid)?;
                Case::touch(c, &case_id)?;
                Event::record(
                    c,
                    NewEvent {
                        actor_id: Some(&pid),
                        person_id: Some(&pid),
                        case_id: Some(&case_id),
                        detail: &format!("{}: {}", template.name_sv, received.name),
                        ..NewEvent::of(EventKind::FileUploaded)
                    },
                )?;
                Ok(Ok(()))
            })
        })
        .await;
    match result {
        Ok(Ok(())) => Ok(redirect_with_flash(
            &format!("/cases/{}", t.case.id),
            "file-uploaded",
            state.config.secure_cookies(),
        )),
        Ok(Err(e)) => {
            state.storage.remove(&key).await;
            Err(rule(e))
        }
        Err(e) => {
            state.storage.remove(&key).await;
            Err(e.into())
        }
    }
}
