//! «Spara granskning»: the review form, checked field by field here and then handed to
//! `app::review::review_moment`, which applies the rules once, in its transaction.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::text::TextError;
use domain::RuleError;
use serde::Deserialize;

use super::super::MAX_TEXT;
use super::page::{load, refusal, review_page};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::state::AppState;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub(super) decision: String,
    pub(super) comment: String,
}

/// POST /staff/moments/{id}/review: «Spara granskning».
pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    let mut errors = FormErrors::default();
    // Several lines may be, but nothing hidden; a long one gets the comment's own message.
    let comment = match domain::text::check_multi_line(&form.comment, MAX_TEXT) {
        Ok(c) => c,
        Err(e) => {
            let message = match e {
                TextError::TooLong { .. } => ctx.t("staff-err-comment-too-long"),
                _ => crate::forms::text_message(&ctx, e),
            };
            errors.add("comment", message);
            form.comment.trim().to_string()
        }
    };
    let approve = match form.decision.as_str() {
        "approve" => Some(true),
        "reject" => Some(false), // not a status: the review form's radio value
        _ => {
            errors.add("decision", ctx.t("staff-err-decision"));
            None
        }
    };
    if approve == Some(false) && comment.is_empty() {
        errors.add("comment", ctx.t(RuleError::CommentRequired.message_key()));
    }
    let (Some(approve), true) = (approve, errors.is_empty()) else {
        // The form goes back with its errors, unless the caller may not review this
        // moment at all: then the rule's refusal, as a correct form would get.
        actor.require_staff()?;
        let d = load(&state, id).await?;
        if let Some(key) = refusal(&user, &d) {
            return Err(AppError::Rule(key));
        }
        return Ok(with_errors(review_page(ctx, &user, d, form, errors)?));
    };

    let base = state.config.base_url.clone();
    state
        .db
        .run(move |c| {
            Ok(app::review::review_moment(
                c, &actor, &id, approve, &comment, &base,
            ))
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
