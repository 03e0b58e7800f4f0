//! «Företagssida»: for a company's administrators (and readable by the staff): employment
//! requests to confirm or decline, current and former employees, their certificates and
//! the company certificate's standing. Only the company's own administrators act here;
//! who may is `app::companies::{visible, administered}`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;
use store::models::case::Case;
use store::models::company::Company;
use store::models::employment::{EmployeeCertificate, EmployeeList, Employment, WithPerson};
use store::models::life::OpenAttestation;
use store::models::person::Person;
use store::models::Page;

use crate::auth::{CurrentUser, User};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::forms::{redirect_with_flash, with_errors, FormErrors};
use crate::render::render;
use crate::routes::employments::end::{submit_end, EndForm, EndPage};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "company.html")]
struct CompanyPage {
    ctx: Ctx,
    company: Company,
    orgnr: String,
    is_admin: bool,
    pending: Page<WithPerson>,
    /// A page of the current employees, and the certificates of those on it.
    current: Page<WithPerson>,
    certificates: Vec<EmployeeCertificate>,
    former: Page<WithPerson>,
    /// The names of the first people who keep the company certificate active, and
    /// whether there are more.
    holders: Vec<String>,
    more_holders: bool,
    admins: Vec<(String, String)>,
    /// «Årlig förlängning»: the employees' attestations open or overdue, a page of them
    /// (administrators only).
    annual: Page<AnnualRow>,
    /// The page's address with every list's page but the one a pager sets.
    annual_base: String,
    pending_base: String,
    current_base: String,
    former_base: String,
    errors: FormErrors,
}

impl CompanyPage {
    /// Whether the person is one of the company's administrators.
    fn is_company_admin(&self, person_id: &str) -> bool {
        self.admins.iter().any(|(id, _)| id == person_id)
    }
}

/// One row of «Årlig förlängning» on the company page.
pub struct AnnualRow {
    pub open: OpenAttestation,
    pub title: String,
    /// Open or overdue: the tag's tone and text.
    pub tag: Option<(&'static str, String)>,
    /// The administrator's own certificate: another administrator attests it.
    pub own: bool,
}

/// Which page of each of the company page's lists to show (`?page=` is «Årlig
/// förlängning», as before the other lists were paged).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pages {
    pub annual: i64,
    pub pending: i64,
    pub current: i64,
    pub former: i64,
}

impl Pages {
    pub(crate) fn first() -> Pages {
        Pages {
            annual: 1,
            pending: 1,
            current: 1,
            former: 1,
        }
    }

    /// The page's address with every list's page number except `except`'s, ending so
    /// that the pager can append `except=N`.
    fn base(&self, company_id: &str, except: &str) -> String {
        let mut url = format!("/companies/{company_id}?");
        for (name, n) in [
            ("page", self.annual),
            ("requests", self.pending),
            ("employees", self.current),
            ("former", self.former),
        ] {
            if name != except && n > 1 {
                url.push_str(&format!("{name}={n}&"));
            }
        }
        url
    }
}

/// The company page's query string: a page number per list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompanyQuery {
    page: String,
    /// The employment requests waiting for confirmation.
    requests: String,
    employees: String,
    former: String,
}

/// How many holders' names the standing panel lists before «and more».
const HOLDERS_SHOWN: usize = 10;

/// Everything the page shows, read in one round trip.
struct PageData {
    company: Company,
    is_admin: bool,
    pending: Page<WithPerson>,
    current: Page<WithPerson>,
    former: Page<WithPerson>,
    certificates: Vec<EmployeeCertificate>,
    holders: (Vec<String>, bool),
    admins: Vec<(String, String)>,
    annual: Page<OpenAttestation>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path(id): Path<String>,
    Query(q): Query<CompanyQuery>,
) -> AppResult<Response> {
    use crate::paging::page_no;
    let pages = Pages {
        annual: page_no(&q.page),
        pending: page_no(&q.requests),
        current: page_no(&q.employees),
        former: page_no(&q.former),
    };
    page(state, ctx, user, id, pages, FormErrors::default()).await
}

/// The company page, with `errors` when a form on it was refused («Intyga» with
/// nothing checked).
pub(crate) async fn page(
    state: AppState,
    ctx: Ctx,
    user: CurrentUser,
    id: String,
    pages: Pages,
    errors: FormErrors,
) -> AppResult<Response> {
    let actor = user.actor();
    let today = app::today();
    let due_by = domain::certification::life::add_months(
        today,
        domain::certification::life::ANNUAL_OPENS_MONTHS_BEFORE,
    );
    let per_page = crate::paging::PER_PAGE;
    let data = state
        .db
        .run(move |c| {
            let read = |c: &mut store::DbConn| -> app::Result<PageData> {
                let (head, is_admin) = app::companies::visible_head(c, &actor, &id)?;
                let admins = head
                    .admins
                    .iter()
                    .map(|a| (a.person_id.clone(), a.label()))
                    .collect();
                let (company, counts) = (head.company, head.counts);
                let annual = if is_admin {
                    Case::open_attestations(c, &id, due_by, pages.annual, per_page)?
                } else {
                    Page {
                        items: vec![],
                        total: 0,
                        page: 1,
                        per_page,
                    }
                };
                let list = |c: &mut store::DbConn, list: EmployeeList, n: i64| {
                    Employment::company_page(c, &id, list, n, per_page, &counts)
                };
                let current = list(c, EmployeeList::Current, pages.current)?;
                Ok(PageData {
                    annual,
                    pending: list(c, EmployeeList::Pending, pages.pending)?,
                    former: list(c, EmployeeList::Former, pages.former)?,
                    certificates: Employment::certificates_of(
                        c,
                        &id,
                        pages.current,
                        per_page,
                        &current.items,
                    )?,
                    current,
                    holders: Employment::holders(c, &id, today, HOLDERS_SHOWN)?,
                    company,
                    is_admin,
                    admins,
                })
            };
            Ok(read(c))
        })
        .await??;
    let lang = ctx.lang.code();
    let annual = Page {
        items: data
            .annual
            .items
            .into_iter()
            .map(|open| AnnualRow {
                title: if lang == "en" {
                    open.type_name_en.clone()
                } else {
                    open.type_name_sv.clone()
                },
                tag: open
                    .due_on
                    .and_then(|due| crate::routes::certificates::annual_tag(&ctx, due, today)),
                own: open.person_id == user.person.id,
                open,
            })
            .collect(),
        total: data.annual.total,
        page: data.annual.page,
        per_page: data.annual.per_page,
    };
    let company = data.company;
    let (holders, more_holders) = data.holders;
    let rendered = render(&CompanyPage {
        annual,
        annual_base: pages.base(&company.id, "page"),
        pending_base: pages.base(&company.id, "requests"),
        current_base: pages.base(&company.id, "employees"),
        former_base: pages.base(&company.id, "former"),
        errors,
        orgnr: domain::identifiers::Orgnr::from_stored(&company.orgnr)
            .map(|o| o.display())
            .unwrap_or_default(),
        ctx,
        company,
        is_admin: data.is_admin,
        pending: data.pending,
        current: data.current,
        former: data.former,
        certificates: data.certificates,
        more_holders,
        holders,
        admins: data.admins,
    })?;
    Ok(rendered)
}

/// «Bekräfta» or «Avböj» a request (`app::employments::decide`).
async fn decide(
    state: AppState,
    user: CurrentUser,
    company_id: String,
    employment_id: String,
    confirm: bool,
) -> AppResult<Response> {
    let actor = user.actor();
    let base = state.config.base_url.clone();
    let cid = company_id.clone();
    state
        .db
        .run(move |c| {
            Ok(app::employments::decide(
                c,
                &actor,
                &cid,
                &employment_id,
                confirm,
                &base,
                app::today(),
            ))
        })
        .await??;
    let flash = if confirm {
        "employment-confirmed"
    } else {
        "employment-rejected"
    };
    Ok(redirect_with_flash(
        &format!("/companies/{company_id}"),
        flash,
        state.config.secure_cookies(),
    ))
}

pub async fn confirm(
    State(state): State<AppState>,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    decide(state, user, cid, eid, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    decide(state, user, cid, eid, false).await
}

/// The company, a confirmed employment of it and the employee's name, for the company
/// administrator's «Avsluta anställning». Someone else's company or employment is "not
/// found"; one that is not confirmed cannot be ended (409).
async fn end_target(
    state: &AppState,
    user: &CurrentUser,
    cid: String,
    eid: String,
) -> AppResult<(Company, Employment, String)> {
    let actor = user.actor();
    let target = state
        .db
        .run(move |c| {
            let read = |c: &mut store::DbConn| -> app::Result<(Company, Employment, String)> {
                let company = app::companies::administered(c, &actor, &cid)?;
                let e = Employment::find(c, &eid)?
                    .filter(|e| e.company_id == company.id)
                    .ok_or(app::Error::NotFound)?;
                e.status.after_end()?;
                let name = Person::find(c, &e.person_id)?
                    .map(|p| p.full_name())
                    .unwrap_or_default();
                Ok((company, e, name))
            };
            Ok(read(c))
        })
        .await??;
    Ok(target)
}

pub async fn show_end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (company, _, name) = end_target(&state, &user, cid.clone(), eid.clone()).await?;
    render(&EndPage {
        action: format!("/companies/{cid}/employments/{eid}/end"),
        back: format!("/companies/{cid}"),
        person_name: name,
        company_name: company.name,
        end_date: ctx.date(app::today()),
        errors: FormErrors::default(),
        ctx,
    })
}

pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    User(user): User,
    Path((cid, eid)): Path<(String, String)>,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    let (company, e, name) = end_target(&state, &user, cid.clone(), eid.clone()).await?;
    if let Err(errors) = submit_end(&state, &ctx, &user, e.id, &form.end_date).await? {
        return Ok(with_errors(render(&EndPage {
            action: format!("/companies/{cid}/employments/{eid}/end"),
            back: format!("/companies/{cid}"),
            person_name: name,
            company_name: company.name,
            end_date: form.end_date,
            errors,
            ctx,
        })?));
    }
    Ok(redirect_with_flash(
        &format!("/companies/{cid}"),
        "employment-ended",
        state.config.secure_cookies(),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    person_id: String,
}

/// A company administrator makes another confirmed employee of the same company one
/// (`app::companies::appoint_admin`).
pub async fn grant_admin(
    State(state): State<AppState>,
    User(user): User,
    Path(cid): Path<String>,
    Form(form): Form<GrantForm>,
) -> AppResult<Response> {
    let actor = user.actor();
    let company_id = cid.clone();
    state
        .db
        .run(move |c| {
            Ok(app::companies::appoint_admin(
                c,
                Some(&actor),
                &company_id,
                &form.person_id,
            ))
        })
        .await??;
    Ok(redirect_with_flash(
        &format!("/companies/{cid}"),
        "admin-granted",
        state.config.secure_cookies(),
    ))
}
