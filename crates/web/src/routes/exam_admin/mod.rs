//! «Provcenter» in «Administration»: the centres (a page of them), registering one with
//! the exam kinds it may hold, and a centre's page with its kinds and examiners, where
//! «Lägg till provförrättare» makes a person an examiner. Every page is for an
//! «Administratör»; the changes are `app::exams::{create_centre, grant_examiner}`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use domain::RuleError;
use store::models::exam::{ExamCentre, ExamKind};
use store::models::Page;

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::paging::{page_no, PageQuery, PER_PAGE};
use crate::render::render;
use crate::state::AppState;

/// A centre in the list, with how many exam kinds it may hold.
pub struct CentreItem {
    pub centre: ExamCentre,
    pub kinds: usize,
}

#[derive(Template)]
#[template(path = "exam_admin_centres.html")]
struct CentresPage {
    ctx: Ctx,
    page: Page<CentreItem>,
    page_base: String,
}

/// «Provcenter»: every centre, by name, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let n = page_no(&q.page);
    let page = state
        .db
        .run(move |c| {
            let p = ExamCentre::list(c, n, PER_PAGE)?;
            let mut items = Vec::with_capacity(p.items.len());
            for centre in p.items {
                let kinds = ExamCentre::kinds(c, &centre.id)?.len();
                items.push(CentreItem { centre, kinds });
            }
            Ok(Page {
                items,
                total: p.total,
                page: p.page,
                per_page: p.per_page,
            })
        })
        .await?;
    render(&CentresPage {
        ctx,
        page,
        page_base: "/admin/exam-centres?".into(),
    })
}

/// The «Nytt provcenter» form as posted: the kinds are repeated `kind` fields.
#[derive(Debug, Default, Clone)]
pub struct CentreForm {
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub postal_code: String,
    pub city: String,
    pub kinds: Vec<String>,
}

impl CentreForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> CentreForm {
        let mut f = CentreForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "orgnr" => f.orgnr = v,
                "name" => f.name = v,
                "address_line1" => f.address_line1 = v,
                "postal_code" => f.postal_code = v,
                "city" => f.city = v,
                "kind" => f.kinds.push(v),
                _ => {}
            }
        }
        f
    }
}

#[derive(Template)]
#[template(path = "exam_admin_centre_new.html")]
struct NewCentrePage {
    ctx: Ctx,
    form: CentreForm,
    errors: FormErrors,
    kinds: Vec<ExamKind>,
}

impl NewCentrePage {
    fn checked(&self, kind_id: &str) -> bool {
        self.form.kinds.iter().any(|k| k == kind_id)
    }
}

async fn all_kinds(state: &AppState) -> AppResult<Vec<ExamKind>> {
    Ok(state.db.run(ExamKind::all).await?)
}

pub async fn show_new(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
) -> AppResult<Response> {
    user.require_administrator()?;
    let kinds = all_kinds(&state).await?;
    render(&NewCentrePage {
        ctx,
        form: CentreForm::default(),
        errors: FormErrors::default(),
        kinds,
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let mut form = CentreForm::from_pairs(pairs);
    let kinds = all_kinds(&state).await?;
    let mut errors = FormErrors::default();
    let orgnr = domain::identifiers::Orgnr::parse(&form.orgnr);
    if let Err(e) = &orgnr {
        errors.add("orgnr", ctx.t(e.message_key()));
    }
    form.name = crate::forms::required_line(
        &mut errors,
        &ctx,
        "name",
        &form.name,
        domain::text::COMPANY_NAME_MAX,
        "err-exam-centre-name-empty",
    );
    form.address_line1 = crate::forms::single_line(
        &mut errors,
        &ctx,
        "address_line1",
        &form.address_line1,
        domain::text::LINE_MAX,
    );
    form.postal_code =
        crate::forms::postal_code(&mut errors, &ctx, "postal_code", &form.postal_code, "");
    form.city = crate::forms::single_line(
        &mut errors,
        &ctx,
        "city",
        &form.city,
        domain::text::LINE_MAX,
    );
    // Only kinds of the catalogue count; anything else no form sends.
    form.kinds.retain(|k| kinds.iter().any(|x| &x.id == k));
    form.kinds.dedup();
    if form.kinds.is_empty() {
        errors.add("kinds", ctx.t("err-exam-centre-kinds-empty"));
    }
    let (Ok(orgnr), true) = (orgnr, errors.is_empty()) else {
        return Ok(with_errors(render(&NewCentrePage {
            ctx,
            form,
            errors,
            kinds,
        })?));
    };
    let actor = user.actor();
    let centre = app::exams::NewCentre {
        orgnr: orgnr.as_str().to_string(),
        name: form.name.clone(),
        address_line1: form.address_line1.clone(),
        postal_code: form.postal_code.clone(),
        city: form.city.clone(),
        kind_ids: form.kinds.clone(),
    };
    let outcome = state
        .db
        .run(move |c| Ok(app::exams::create_centre(c, Some(&actor), &centre)))
        .await?;
    match outcome {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/admin/exam-centres/{id}"),
            "exam-centre-created",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Rule(RuleError::CompanyExists)) => {
            errors.add("orgnr", ctx.t("err-exam-centre-exists"));
            Ok(with_errors(render(&NewCentrePage {
                ctx,
                form,
                errors,
                kinds,
            })?))
        }
        Err(e) => Err(e.into()),
    }
}

/// An examiner as the centre's page lists them: name and e-mail.
pub struct ExaminerItem {
    pub name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "exam_admin_centre.html")]
struct CentrePage {
    ctx: Ctx,
    centre: ExamCentre,
    kinds: Vec<ExamKind>,
    examiners: Vec<ExaminerItem>,
    errors: FormErrors,
    email: String,
}

async fn centre_page(
    state: &AppState,
    ctx: Ctx,
    id: String,
    errors: FormErrors,
    email: String,
) -> AppResult<Response> {
    let (centre, kinds, examiners) = state
        .db
        .run(move |c| {
            let Some(centre) = ExamCentre::find(c, &id)? else {
                return Ok(None);
            };
            let kinds = ExamCentre::kinds(c, &id)?;
            let examiners = ExamCentre::examiners(c, &id)?
                .into_iter()
                .map(|(_, first, last, email)| ExaminerItem {
                    name: format!("{first} {last}"),
                    email,
                })
                .collect::<Vec<_>>();
            Ok(Some((centre, kinds, examiners)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let page = render(&CentrePage {
        ctx,
        centre,
        kinds,
        examiners,
        errors,
        email,
    })?;
    Ok(page)
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
) -> AppResult<Response> {
    user.require_administrator()?;
    centre_page(&state, ctx, id, FormErrors::default(), String::new()).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ExaminerForm {
    email: String,
}

/// «Lägg till provförrättare»: the person with the address becomes an examiner here.
pub async fn add_examiner(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Form(form): Form<ExaminerForm>,
) -> AppResult<Response> {
    user.require_administrator()?;
    let mut errors = FormErrors::default();
    let email = form.email.trim().to_lowercase();
    if email.is_empty() {
        errors.add("email", ctx.t("err-email-empty"));
    } else if domain::email::Email::parse(&email).is_err() {
        errors.add("email", ctx.t("err-email-format"));
    }
    if !errors.is_empty() {
        return Ok(with_errors(
            centre_page(&state, ctx, id, errors, form.email).await?,
        ));
    }
    let actor = user.actor();
    let centre_id = id.clone();
    let outcome = state
        .db
        .run(move |c| {
            Ok(app::exams::grant_examiner(
                c,
                Some(&actor),
                &centre_id,
                &email,
            ))
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with_flash(
            &format!("/admin/exam-centres/{id}"),
            "examiner-granted",
            state.config.secure_cookies(),
        )),
        Err(app::Error::Conflict(key)) => {
            errors.add("email", ctx.t(key));
            Ok(with_errors(
                centre_page(&state, ctx, id, errors, form.email).await?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}
