//! «Utfärda certifikat»: the issue form, checked field by field here and then handed to
//! `app::decisions::issue`, which applies every rule once, in its transaction. The page
//! is read only when the form must come back with its errors.

use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use domain::certification::check_valid_until;
use serde::Deserialize;
use time::Date;

use super::super::required_text;
use super::page::{case_page, load, recert_view};
use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::state::AppState;

/// The issue form. The other body's fields are on the form only for an external
/// certificate type, so whether the browser sent them says whether the page offered them.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct IssueForm {
    valid_until: String,
    #[serde(rename = "external_body")]
    body: Option<String>,
    #[serde(rename = "external_country")]
    country: Option<String>,
    #[serde(rename = "external_number")]
    number: Option<String>,
}

impl IssueForm {
    /// The empty form, with «Giltigt till» filled in.
    pub(super) fn with_valid_until(valid_until: String) -> IssueForm {
        IssueForm {
            valid_until,
            ..IssueForm::default()
        }
    }

    // What the template writes into the fields.
    pub(super) fn valid_until(&self) -> &str {
        &self.valid_until
    }

    pub(super) fn external_body(&self) -> &str {
        self.body.as_deref().unwrap_or_default()
    }

    pub(super) fn external_country(&self) -> &str {
        self.country.as_deref().unwrap_or_default()
    }

    pub(super) fn external_number(&self) -> &str {
        self.number.as_deref().unwrap_or_default()
    }

    fn sent_external(&self) -> bool {
        self.body.is_some() || self.country.is_some() || self.number.is_some()
    }
}

/// The form as the decision it asks for, or its field errors. The other body's fields
/// are required when `external` (the case's type is external, or the form says so).
fn parse(
    ctx: &Ctx,
    form: &IssueForm,
    today: Date,
    external: bool,
) -> Result<app::decisions::IssueInput, FormErrors> {
    let mut errors = FormErrors::default();
    let valid_until = match form.valid_until.trim() {
        "" => {
            errors.add("valid_until", ctx.t("staff-err-valid-until-empty"));
            None
        }
        s => match crate::forms::date_field(s) {
            Err(crate::forms::DateError::Format) => {
                errors.add("valid_until", ctx.t("staff-err-valid-until-format"));
                None
            }
            Err(e) => {
                errors.add("valid_until", ctx.t(e.message_key()));
                None
            }
            Ok(date) => match check_valid_until(date, today) {
                Ok(()) => Some(date),
                Err(e) => {
                    errors.add("valid_until", ctx.t(e.message_key()));
                    None
                }
            },
        },
    };
    let external = external.then(|| {
        let mut field = |name: &str, value: &str, empty_key: &str, max: usize| {
            required_text(&mut errors, ctx, name, value, empty_key, max)
        };
        app::decisions::ExternalIssuer {
            body: field(
                "external_body",
                form.external_body(),
                "staff-err-external-body-empty",
                domain::text::COMPANY_NAME_MAX,
            ),
            country: field(
                "external_country",
                form.external_country(),
                "staff-err-external-country-empty",
                domain::text::LINE_MAX,
            ),
            number: field(
                "external_number",
                form.external_number(),
                "staff-err-external-number-empty",
                domain::text::LINE_MAX,
            ),
        }
    });
    match valid_until {
        Some(valid_until) if errors.is_empty() => Ok(app::decisions::IssueInput {
            valid_until,
            external,
        }),
        _ => Err(errors),
    }
}

/// POST /staff/cases/{id}/issue: «Utfärda certifikat».
pub async fn issue(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<IssueForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    let today = app::today();
    let input = match parse(&ctx, &form, today, form.sent_external()) {
        Ok(input) => input,
        Err(_) => {
            // The form goes back with its errors, unless the caller may not decide this
            // case at all: then the rule's refusal, as a correct form would get.
            actor.require_beslutsfattare()?;
            let d = load(&state, &user, id.clone(), Some(1)).await?;
            d.check_may_decide()?;
            // A recertification's «Giltigt till» follows from the certificate it renews
            // (`app` sets it so): the form needs no date of its own.
            let form = match recert_view(&d) {
                Some(r) => IssueForm {
                    valid_until: domain::stockholm::format_date(r.valid_until()),
                    ..form
                },
                None => form,
            };
            // Judged again by the case's type, now that it is read: the other body's
            // fields are errors only where the page asks for them.
            match parse(&ctx, &form, today, d.row.cert_type.is_external) {
                Ok(input) => input,
                Err(errors) => {
                    let page = case_page(ctx, &user, d, form, errors, Default::default())?;
                    return Ok(with_errors(page));
                }
            }
        }
    };
    let base = state.config.base_url.clone();
    let case_id = id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::decisions::issue(
                c, &actor, &case_id, &input, today, &base,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/staff/cases/{id}"),
        "staff-certificate-issued",
        state.config.secure_cookies(),
    ))
}
