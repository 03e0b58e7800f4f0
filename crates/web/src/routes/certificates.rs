//! «Certifikat»: the person's cases with search, grouping, sorting and paging, and
//! «+ Ansök om nytt certifikat».

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::Form;
use domain::certification::life::{annual_state, AnnualState};
use domain::certification::RuleError;
use serde::Deserialize;
use store::models::case::{Case, CaseRow};
use store::models::catalog::{Area, CertificateType};

use crate::auth::User;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::state::AppState;

/// The person's list pages like every other list.
const PER_PAGE: usize = crate::paging::PER_PAGE as usize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub group: String,
    pub sort: String,
    pub dir: String,
    pub page: String,
}

/// A sortable column header: its link and `aria-sort`.
pub struct Column {
    pub label: String,
    pub href: String,
    pub aria_sort: &'static str,
    pub arrow: &'static str,
}

pub struct Group {
    pub label: String,
    pub rows: Vec<ListRow>,
}

pub struct ListRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub status: domain::certification::CaseStatus,
    pub annual_renewal: String,
    /// «Öppen för intygande» or «Försenad» beside the date: its tone and text.
    pub annual_tag: Option<(&'static str, String)>,
    pub recertification: String,
}

/// The next «Årlig förlängning» of a live certificate and, when it can be given now or
/// is overdue, its tag. An ended certificate has none.
pub fn annual_column(
    ctx: &Ctx,
    case: &Case,
    today: time::Date,
) -> (Option<time::Date>, Option<(&'static str, String)>) {
    let Some(due) = case.annual_renewal_on.filter(|_| case.status.is_live()) else {
        return (None, None);
    };
    // A suspended certificate takes no attestation: the date only.
    let attestable = case.status.after_annual_attestation().is_ok();
    let tag = annual_tag(ctx, due, today).filter(|_| attestable);
    (Some(due), tag)
}

/// «Öppen för intygande» or «Försenad».
pub fn annual_tag(ctx: &Ctx, due: time::Date, today: time::Date) -> Option<(&'static str, String)> {
    match annual_state(due, today) {
        AnnualState::Open => Some(("blue", ctx.t("annual-open"))),
        AnnualState::Overdue => Some(("amber", ctx.t("annual-overdue"))),
        AnnualState::Later => None,
    }
}

/// «Omcertifiering»: «Giltigt till» of a certificate whose type has recertification.
pub fn recertification_column(row: &CaseRow) -> Option<time::Date> {
    row.case
        .valid_until
        .filter(|_| row.cert_type.recertification_years > 0 && row.case.status.is_live())
}

#[derive(Template)]
#[template(path = "certificates.html")]
struct ListPage {
    ctx: Ctx,
    q: String,
    group: String,
    total: i64,
    columns: Vec<Column>,
    groups: Vec<Group>,
    page: store::models::Page<()>,
    page_base: String,
}

fn title(row: &CaseRow, lang: &str) -> String {
    crate::cases::certificate_title(&row.area, &row.cert_type, lang)
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let pid = user.person.id.clone();
    let catalogue = state.catalogue.clone();
    let rows = state
        .db
        .run_short(move |c| Case::for_person(c, &catalogue, &pid))
        .await?;
    let lang = ctx.lang.code();
    let needle = q.q.trim().to_lowercase();
    let mut rows: Vec<CaseRow> = rows
        .into_iter()
        .filter(|r| {
            needle.is_empty() || {
                let status = ctx.tp("case-status", r.case.status);
                [
                    r.case.number.to_string(),
                    title(r, "sv"),
                    title(r, "en"),
                    status,
                    r.case.certificate_number.clone().unwrap_or_default(),
                ]
                .iter()
                .any(|s| s.to_lowercase().contains(&needle))
            }
        })
        .collect();

    let sort = match q.sort.as_str() {
        "cert" | "status" | "renewal" | "recert" => q.sort.as_str(),
        _ => "nr",
    };
    let desc = if q.sort.is_empty() {
        true
    } else {
        q.dir == "desc"
    };
    rows.sort_by(|a, b| {
        let o = match sort {
            "cert" => title(a, lang).cmp(&title(b, lang)),
            "status" => a.case.status.cmp(&b.case.status),
            "renewal" => a.case.annual_renewal_on.cmp(&b.case.annual_renewal_on),
            "recert" => recertification_column(a).cmp(&recertification_column(b)),
            _ => a.case.number.cmp(&b.case.number),
        };
        if desc {
            o.reverse()
        } else {
            o
        }
    });

    let total = rows.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page_no = (crate::paging::page_no(&q.page) as usize).clamp(1, pages);
    let group = match q.group.as_str() {
        "status" | "area" => q.group.clone(),
        _ => String::new(),
    };
    let dash = "–".to_string();
    let today = app::today();
    let mut groups: Vec<Group> = Vec::new();
    for r in rows
        .into_iter()
        .skip((page_no - 1) * PER_PAGE)
        .take(PER_PAGE)
    {
        let label = match group.as_str() {
            "status" => ctx.tp("case-status", r.case.status),
            "area" => r.area.name(lang).to_string(),
            _ => String::new(),
        };
        let (annual_due, annual_tag) = annual_column(&ctx, &r.case, today);
        let row = ListRow {
            id: r.case.id.clone(),
            number: r.case.number,
            title: title(&r, lang),
            status: r.case.status,
            annual_renewal: annual_due
                .map(|d| ctx.date(d))
                .unwrap_or_else(|| dash.clone()),
            annual_tag,
            recertification: recertification_column(&r)
                .map(|d| ctx.date(d))
                .unwrap_or_else(|| dash.clone()),
        };
        match groups.iter_mut().find(|g| g.label == label) {
            Some(g) => g.rows.push(row),
            None => groups.push(Group {
                label,
                rows: vec![row],
            }),
        }
    }

    let enc = crate::auth::user::urlencode;
    let base = format!("/certificates?q={}&group={}", enc(&q.q), enc(&group));
    let columns = [
        ("nr", "col-nr"),
        ("cert", "col-certificate"),
        ("status", "col-status"),
        ("renewal", "col-annual-renewal"),
        ("recert", "col-recertification"),
    ]
    .into_iter()
    .map(|(key, label)| {
        let active = key == sort;
        let next_dir = if active && !desc { "desc" } else { "asc" };
        Column {
            label: ctx.t(label),
            href: format!("{base}&sort={key}&dir={next_dir}"),
            aria_sort: if !active {
                "none" // not a status: the aria-sort value of an unsorted column
            } else if desc {
                "descending"
            } else {
                "ascending"
            },
            arrow: if !active {
                ""
            } else if desc {
                "▼"
            } else {
                "▲"
            },
        }
    })
    .collect();
    let page_base = format!(
        "{base}&sort={sort}&dir={}&",
        if desc { "desc" } else { "asc" }
    );
    render(&ListPage {
        ctx,
        q: q.q,
        group,
        total: total as i64,
        columns,
        groups,
        page: store::models::Page {
            items: vec![],
            total: total as i64,
            page: page_no as i64,
            per_page: PER_PAGE as i64,
        },
        page_base,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub area: String,
    pub certificate: String,
}

#[derive(Template)]
#[template(path = "certificate_new.html")]
struct NewPage {
    ctx: Ctx,
    areas: Vec<Area>,
    types: Vec<CertificateType>,
    form: NewForm,
    errors: FormErrors,
}

/// Person certificates only; company certificates are applied for elsewhere.
fn catalogue(state: &AppState) -> (Vec<Area>, Vec<CertificateType>) {
    let (areas, types) = (&state.catalogue.areas, &state.catalogue.types);
    (
        areas.clone(),
        types
            .iter()
            // Kat I–IV and the like are closed to new applications: not offered.
            .filter(|t| {
                t.subject == domain::certification::Subject::Person && t.accepts_applications
            })
            .cloned()
            .collect(),
    )
}

pub async fn show_new(
    State(state): State<AppState>,
    ctx: Ctx,
    User(_user): User,
) -> AppResult<Response> {
    let (areas, types) = catalogue(&state);
    render(&NewPage {
        ctx,
        areas,
        types,
        form: NewForm::default(),
        errors: FormErrors::default(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let (areas, types) = catalogue(&state);
    let mut errors = FormErrors::default();
    let area = areas.iter().find(|a| a.id == form.area);
    let cert = types.iter().find(|t| t.id == form.certificate);
    if area.is_none() {
        errors.add("area", ctx.t("err-area-required"));
    }
    match (area, cert) {
        (_, None) => errors.add("certificate", ctx.t("err-certificate-required")),
        (Some(a), Some(t)) if t.area_id != a.id => {
            errors.add("certificate", ctx.t("err-certificate-mismatch"))
        }
        _ => {}
    }
    let (Some(type_id), true) = (cert.map(|t| t.id.clone()), errors.is_empty()) else {
        return Ok(with_errors(render(&NewPage {
            ctx,
            areas,
            types,
            form,
            errors,
        })?));
    };
    let actor = user.actor();
    let created = state
        .db
        .run(move |c| Ok(app::cases::apply(c, &actor, &type_id, app::today())))
        .await?;
    match created {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/cases/{id}"),
            "case-created",
            state.config.secure_cookies(),
        )),
        // The one refusal the form shows on its field; the others are pages of their own.
        Err(app::Error::Rule(e @ RuleError::OpenCaseExists)) => {
            errors.add("certificate", ctx.t(e.message_key()));
            Ok(with_errors(render(&NewPage {
                ctx,
                areas,
                types,
                form,
                errors,
            })?))
        }
        Err(e) => Err(e.into()),
    }
}
