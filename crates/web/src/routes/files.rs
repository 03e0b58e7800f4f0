//! Downloading an uploaded file: its owner and the staff only; anyone else gets 404.
//! `?inline=1` shows it in the page (the staff's review), otherwise it downloads.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use store::models::case::Case;
use store::models::file::FileMeta;

use crate::auth::User;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct FileQuery {
    inline: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    User(user): User,
    Path(id): Path<String>,
    Query(q): Query<FileQuery>,
) -> AppResult<Response> {
    let (meta, case) = state
        .db
        .run(move |c| {
            let Some(meta) = FileMeta::find(c, &id)? else {
                return Ok(None);
            };
            let case = Case::find(c, &meta.case_id)?;
            Ok(case.map(|case| (meta, case)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    if case.person_id != user.person.id && !user.person.is_staff() {
        return Err(AppError::NotFound);
    }
    let bytes = state
        .storage
        .read(&meta.storage_key)
        .await
        .map_err(AppError::Internal)?;
    let inline = q.inline.is_some();
    let disposition =
        crate::download_name::content_disposition(inline, &meta.original_name, &meta.content_type);
    let mut response = (
        [
            (header::CONTENT_TYPE, meta.content_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response();
    if inline {
        // Only our own review page may frame it; nothing in it may run.
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'"),
        );
        h.insert(
            header::X_FRAME_OPTIONS,
            header::HeaderValue::from_static("SAMEORIGIN"),
        );
    }
    Ok(response)
}
