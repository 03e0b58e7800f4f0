//! «Sök certifierade» at `/certifierade` (certified persons) and `/certifierade/foretag`
//! (companies with a company certificate): public, no login, plain GET forms that work
//! without JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::certification::CaseStatus;
use domain::identifiers::Orgnr;
use serde::Deserialize;
use store::models::company::Company;
use store::models::register::{self, CompanyQuery, Entry, Filter, Holders, MAX_HITS};
use store::models::Page;
use store::DbConn;

use super::facts::{status_line_key, status_now};
use crate::auth::user::urlencode;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::paging::{page_no, PER_PAGE};
use crate::render::render;
use crate::state::AppState;

/// Fewer characters than this search nothing: a single letter would page through a
/// twentieth of the register.
pub const MIN_CHARS: usize = 2;

/// What a typed search means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    Nothing,
    TooShort,
    /// An exact certificate number (any status but «Omcertifierad»).
    Number(String),
    /// An organisationsnummer: that company's certified employees.
    Company(Orgnr),
    /// Name prefixes (`domain::text::search_prefixes`).
    Names(Vec<String>),
}

/// Reads the search box: digits alone are a certificate number (padded as numbers are
/// printed), a valid organisationsnummer is a company, anything else of at least two
/// characters is a name.
pub fn interpret(q: &str) -> Wanted {
    let q = q.trim();
    if q.is_empty() {
        return Wanted::Nothing;
    }
    if let Ok(orgnr) = Orgnr::parse(q) {
        return Wanted::Company(orgnr);
    }
    let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() <= 9 && digits.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(n) = digits.parse::<i64>() {
            return Wanted::Number(domain::certification::certificate_number(n));
        }
    }
    if q.chars().count() < MIN_CHARS {
        return Wanted::TooShort;
    }
    Wanted::Names(domain::text::search_prefixes(q))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub area: String,
    #[serde(rename = "type")]
    pub cert_type: String,
    pub status: String,
    /// A company's organisationsnummer (as stored): list its certified employees.
    pub org: String,
    pub page: String,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl SearchQuery {
    pub fn filter(&self) -> Filter {
        Filter {
            area_id: non_empty(&self.area),
            type_id: non_empty(&self.cert_type),
            status: register::LISTED
                .into_iter()
                .find(|s| s.code() == self.status.trim()),
        }
    }
}

/// The results of a search, as the page and the API both need them.
pub struct Found {
    pub wanted: Wanted,
    pub entries: Page<Entry>,
    /// For a name search: companies whose name starts the same way (at most five).
    pub companies: Vec<Company>,
    /// The company whose employees are listed.
    pub company: Option<Company>,
}

/// Runs the search on one connection (one pool round trip). `offer_companies`: also the
/// few companies a name search offers beside its hits (the page shows them, the API not).
pub fn find(
    c: &mut DbConn,
    q: &SearchQuery,
    page: i64,
    offer_companies: bool,
) -> store::StoreResult<Found> {
    let filter = q.filter();
    let wanted = match Orgnr::from_stored(q.org.trim()) {
        Some(orgnr) => Wanted::Company(orgnr),
        None => interpret(&q.q),
    };
    let empty = |page| Page {
        items: vec![],
        total: 0,
        page,
        per_page: PER_PAGE,
    };
    let mut found = Found {
        wanted: wanted.clone(),
        entries: empty(1),
        companies: vec![],
        company: None,
    };
    match wanted {
        Wanted::Nothing | Wanted::TooShort => {}
        Wanted::Number(n) => {
            if let Some((e, _)) = register::by_number(c, &n)? {
                found.entries = Page {
                    items: vec![e],
                    total: 1,
                    page: 1,
                    per_page: PER_PAGE,
                };
            }
        }
        Wanted::Company(orgnr) => {
            if let Some(company) = Company::find_by_orgnr(c, orgnr.as_str())? {
                found.entries = register::search(
                    c,
                    &Holders::EmployedBy(company.id.clone()),
                    &filter,
                    page,
                    PER_PAGE,
                )?;
                found.company = Some(company);
            }
        }
        Wanted::Names(prefixes) => {
            if let Some(first) = prefixes.first().filter(|_| offer_companies) {
                found.companies = register::companies_named(c, first, 5)?;
            }
            found.entries =
                register::search(c, &Holders::Named(prefixes), &filter, page, PER_PAGE)?;
        }
    }
    Ok(found)
}

struct Choice {
    id: String,
    label: String,
    selected: bool,
}

struct Row {
    holder: String,
    number: String,
    certificate: String,
    external_from: Option<String>,
    status: CaseStatus,
    status_line: String,
    valid_until: String,
    employer: String,
    scope: String,
}

struct CompanyLink {
    name: String,
    href: String,
}

#[derive(Template)]
#[template(path = "public/search.html")]
struct SearchPage {
    ctx: Ctx,
    q: String,
    areas: Vec<Choice>,
    types: Vec<Choice>,
    statuses: Vec<Choice>,
    searched: bool,
    too_short: bool,
    rows: Vec<Row>,
    companies: Vec<CompanyLink>,
    heading_company: Option<String>,
    page: Page<()>,
    page_base: String,
    capped: bool,
    max_hits: i64,
}

/// GET /certifierade
pub async fn persons(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SearchQuery>,
) -> AppResult<Response> {
    let n = page_no(&q.page);
    let (found, q) = state
        .db
        .run(move |c| Ok((find(c, &q, n, true)?, q)))
        .await?;
    let (areas, types) = (&state.catalogue.areas, &state.catalogue.types);
    let lang = ctx.lang.code();
    let today = app::today();
    let filter = q.filter();
    let rows = found
        .entries
        .items
        .iter()
        .map(|e| {
            let (status, date) = status_now(e, today);
            Row {
                holder: e.holder_name(),
                number: e.case.certificate_number.clone().unwrap_or_default(),
                certificate: crate::cases::certificate_title(&e.area, &e.cert_type, lang),
                external_from: e.cert_type.is_external.then(|| {
                    ctx.t2(
                        "public-external-from",
                        "body",
                        &e.case.external_body,
                        "country",
                        &e.case.external_country,
                    )
                }),
                status,
                status_line: match (status_line_key(status), date) {
                    (Some(key), Some(d)) => ctx.t1(key, "date", ctx.date(d)),
                    _ => String::new(),
                },
                valid_until: e.case.valid_until.map(|d| ctx.date(d)).unwrap_or_default(),
                employer: e.employer.clone().unwrap_or_default(),
                scope: e.case.scope_note.clone(),
            }
        })
        .collect();
    let page_base = format!(
        "/certifierade?q={}&area={}&type={}&status={}&org={}&",
        urlencode(q.q.trim()),
        urlencode(filter.area_id.as_deref().unwrap_or("")),
        urlencode(filter.type_id.as_deref().unwrap_or("")),
        urlencode(filter.status.map(|s| s.code()).unwrap_or("")),
        urlencode(q.org.trim()),
    );
    let page = Page {
        items: vec![],
        total: found.entries.total.min(MAX_HITS),
        page: found.entries.page,
        per_page: found.entries.per_page,
    };
    render(&SearchPage {
        areas: areas
            .iter()
            .map(|a| Choice {
                id: a.id.clone(),
                label: a.name(lang).to_string(),
                selected: filter.area_id.as_deref() == Some(a.id.as_str()),
            })
            .collect(),
        types: types
            .iter()
            .map(|t| Choice {
                id: t.id.clone(),
                label: t.name(lang).to_string(),
                selected: filter.type_id.as_deref() == Some(t.id.as_str()),
            })
            .collect(),
        statuses: register::LISTED
            .iter()
            .map(|s| Choice {
                id: s.code().to_string(),
                label: ctx.tp("case-status", s.code()),
                selected: filter.status == Some(*s),
            })
            .collect(),
        searched: !matches!(found.wanted, Wanted::Nothing | Wanted::TooShort),
        too_short: found.wanted == Wanted::TooShort,
        rows,
        companies: found
            .companies
            .iter()
            .map(|c| CompanyLink {
                name: c.name.clone(),
                href: format!("/certifierade?org={}", urlencode(&c.orgnr)),
            })
            .collect(),
        heading_company: found.company.as_ref().map(|c| {
            ctx.t2(
                "public-employees-of",
                "name",
                &c.name,
                "orgnr",
                ctx.orgnr(&c.orgnr),
            )
        }),
        capped: found.entries.total > MAX_HITS,
        max_hits: MAX_HITS,
        page,
        page_base,
        q: q.q.trim().to_string(),
        ctx,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompanySearchQuery {
    pub q: String,
    pub page: String,
}

struct CompanyRow {
    name: String,
    orgnr: String,
    city: String,
    standing: domain::company_certificate::Standing,
    href: String,
}

#[derive(Template)]
#[template(path = "public/companies.html")]
struct CompaniesPage {
    ctx: Ctx,
    q: String,
    searched: bool,
    too_short: bool,
    rows: Vec<CompanyRow>,
    page: Page<()>,
    page_base: String,
    capped: bool,
    max_hits: i64,
}

/// What the companies' tab searches by.
#[derive(Debug, Clone)]
pub enum CompanySearch {
    Nothing,
    TooShort,
    By(CompanyQuery),
}

pub fn company_query(q: &str) -> CompanySearch {
    let q = q.trim();
    if q.is_empty() {
        return CompanySearch::Nothing;
    }
    if let Ok(orgnr) = Orgnr::parse(q) {
        return CompanySearch::By(CompanyQuery::Orgnr(orgnr.as_str().to_string()));
    }
    if q.chars().count() < MIN_CHARS {
        return CompanySearch::TooShort;
    }
    CompanySearch::By(CompanyQuery::Named(domain::text::search_key(&[q])))
}

/// GET /certifierade/foretag
pub async fn companies(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CompanySearchQuery>,
) -> AppResult<Response> {
    let n = page_no(&q.page);
    let wanted = company_query(&q.q);
    let found = match wanted.clone() {
        CompanySearch::By(by) => {
            state
                .db
                .run(move |c| register::companies(c, &by, n, PER_PAGE))
                .await?
        }
        CompanySearch::Nothing | CompanySearch::TooShort => Page {
            items: vec![],
            total: 0,
            page: 1,
            per_page: PER_PAGE,
        },
    };
    let rows = found
        .items
        .iter()
        .map(|c| CompanyRow {
            name: c.name.clone(),
            orgnr: ctx.orgnr(&c.orgnr),
            city: c.city.clone(),
            standing: c.certificate_status,
            href: format!("/certifierade?org={}", urlencode(&c.orgnr)),
        })
        .collect();
    render(&CompaniesPage {
        searched: matches!(wanted, CompanySearch::By(_)),
        too_short: matches!(wanted, CompanySearch::TooShort),
        rows,
        page: Page {
            items: vec![],
            total: found.total.min(MAX_HITS),
            page: found.page,
            per_page: found.per_page,
        },
        page_base: format!("/certifierade/foretag?q={}&", urlencode(q.q.trim())),
        capped: found.total > MAX_HITS,
        max_hits: MAX_HITS,
        q: q.q.trim().to_string(),
        ctx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_box_reads_numbers_companies_and_names() {
        assert_eq!(interpret("  "), Wanted::Nothing);
        assert_eq!(interpret("42"), Wanted::Number("00042".into()));
        assert_eq!(interpret("0012345"), Wanted::Number("12345".into()));
        assert!(matches!(interpret("556012-5790"), Wanted::Company(_)));
        assert!(matches!(interpret("5560125790"), Wanted::Company(_)));
        assert_eq!(interpret("s"), Wanted::TooShort);
        assert_eq!(
            interpret("Anna Svensson"),
            Wanted::Names(vec!["anna svensson".into(), "svensson anna".into()])
        );
        // Ten digits that are not an organisationsnummer are neither a number we issue.
        assert!(matches!(interpret("1234567890"), Wanted::Names(_)));
    }
}
