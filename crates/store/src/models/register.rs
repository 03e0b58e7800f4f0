//! «Sök certifierade», the public register: the certificates anyone may look up, and the
//! companies with a company certificate. Every query here answers a public page or the
//! public API, so each one reads by an index and never more rows than a page shows (with a
//! capped hit count: the register is searched, not downloaded).

use std::collections::HashMap;

use diesel::prelude::*;
use time::Date;

use domain::certification::{CaseStatus, DecisionKind};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::case::Case;
use crate::models::catalog::{Area, CertificateType};
use crate::models::company::Company;
use crate::models::Page;
use crate::schema::{areas, cases, certificate_types, companies, decisions, employments, persons};

/// The statuses a search lists. A withdrawn or expired certificate is answered only when
/// asked for by its number; a case still being handled or rejected has no certificate.
pub const LISTED: [CaseStatus; 3] = [
    CaseStatus::Active,
    CaseStatus::Inactive,
    CaseStatus::Suspended,
];

/// The most hits a search counts and pages through: more means the search should be
/// narrowed (and the register is not to be copied page by page).
pub const MAX_HITS: i64 = 500;

/// The company standings the companies' tab lists: those that have (or had, and may soon
/// lose) a company certificate.
pub const LISTED_STANDINGS: [Standing; 2] = [Standing::Active, Standing::AtRisk];

/// One certificate as the register shows it: public facts only. The holder's name and the
/// employer's name are all it says of persons.
#[derive(Debug, Clone)]
pub struct Entry {
    pub case: Case,
    pub cert_type: CertificateType,
    pub area: Area,
    pub first_name: String,
    pub last_name: String,
    /// The holder's current employer (the earliest confirmed employment), if any.
    pub employer: Option<String>,
}

impl Entry {
    pub fn holder_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// What the search narrows to besides the text.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub area_id: Option<String>,
    pub type_id: Option<String>,
    /// One of `LISTED`; `None` for all three.
    pub status: Option<CaseStatus>,
}

type Tuple = (Case, CertificateType, Area, String, String);

fn entry((case, cert_type, area, first_name, last_name): Tuple) -> Entry {
    Entry {
        case,
        cert_type,
        area,
        first_name,
        last_name,
        employer: None,
    }
}

/// The certificate with this number, in whatever status it has (but the recertified case
/// that handed its number on), with its latest decision: the verification page.
pub fn by_number(
    conn: &mut DbConn,
    number: &str,
) -> StoreResult<Option<(Entry, Option<DecisionKind>)>> {
    let q = cases::table
        .filter(cases::certificate_number.eq(number.to_string()))
        .filter(cases::status.ne(CaseStatus::Recertified))
        .into_boxed();
    one(conn, q)
}

/// The issued certificate of this case (the PDF and the credential), any status.
pub fn by_case(
    conn: &mut DbConn,
    case_id: &str,
) -> StoreResult<Option<(Entry, Option<DecisionKind>)>> {
    let q = cases::table
        .filter(cases::id.eq(case_id.to_string()))
        .filter(cases::certificate_number.is_not_null())
        .into_boxed();
    one(conn, q)
}

fn one(
    conn: &mut DbConn,
    q: cases::BoxedQuery<'static, <DbConn as diesel::Connection>::Backend>,
) -> StoreResult<Option<(Entry, Option<DecisionKind>)>> {
    let found: Option<Tuple> = q
        .inner_join(certificate_types::table.inner_join(areas::table))
        .inner_join(persons::table)
        .select((
            Case::as_select(),
            CertificateType::as_select(),
            Area::as_select(),
            persons::first_name,
            persons::last_name,
        ))
        .first(conn)
        .optional()?;
    let Some(found) = found else {
        return Ok(None);
    };
    let mut e = entry(found);
    let latest: Option<DecisionKind> = decisions::table
        .filter(decisions::case_id.eq(&e.case.id))
        .order((decisions::decided_at.desc(), decisions::id.desc()))
        .select(decisions::kind)
        .first(conn)
        .optional()?;
    e.employer =
        employers(conn, std::slice::from_ref(&e.case.person_id))?.remove(&e.case.person_id);
    Ok(Some((e, latest)))
}

/// Where the searched certificates come from: holders whose name key starts with one of
/// the prefixes, or the confirmed employees of one company.
#[derive(Debug, Clone)]
pub enum Holders {
    Named(Vec<String>),
    EmployedBy(String),
}

/// A page of listed certificates of the holders, by holder name, capped at `MAX_HITS`.
pub fn search(
    conn: &mut DbConn,
    holders: &Holders,
    filter: &Filter,
    page: i64,
    per_page: i64,
) -> StoreResult<Page<Entry>> {
    let last_page = (MAX_HITS + per_page - 1) / per_page;
    let page = page.clamp(1, last_page.max(1));
    if let Holders::Named(p) = holders {
        if p.is_empty() {
            return Ok(Page {
                items: vec![],
                total: 0,
                page,
                per_page,
            });
        }
    }
    // Lean: the cases alone, by their holder's name key (`cases_holder`, which also holds
    // the status and type the filters test), or the employer's confirmed employees in name
    // order (`employments_company_names`) and their cases, so the count and a page's ids
    // are index ranges a LIMIT stops early; the type's area, when filtered on, is a probe
    // of the small catalogue.
    macro_rules! listed {
        ($q:ident) => {{
            match filter.status {
                Some(s) => $q = $q.filter(cases::status.eq(s)),
                None => $q = $q.filter(cases::status.eq_any(LISTED)),
            }
            if let Some(t) = &filter.type_id {
                $q = $q.filter(cases::type_id.eq(t.clone()));
            }
            if let Some(a) = &filter.area_id {
                $q = $q.filter(
                    cases::type_id.eq_any(
                        certificate_types::table
                            .filter(certificate_types::area_id.eq(a.clone()))
                            .select(certificate_types::id),
                    ),
                );
            }
            $q
        }};
    }
    let (counted, page_ids): (Vec<String>, Vec<String>) = match holders {
        Holders::Named(prefixes) => {
            // Each prefix is one range of `cases_holder`, and the ranges of two prefixes
            // are disjoint or one holds the other (`key_ranges`): in key order the hits
            // are the ranges' in turn. Each range is walked in the page's order and read
            // up to the cap, so the ids counted are the register's first ones in order and
            // the page is a slice of them: one index walk a range, which a LIMIT stops,
            // and no sort. An OR of the ranges had the database gather every hit of both
            // (3 248 for «anna andersson» at full size), sort them on SQLite, and on
            // PostgreSQL visit each hit's table row, to count 501 and show 20.
            let mut counted: Vec<String> = Vec::new();
            for lo in key_ranges(prefixes) {
                let room = MAX_HITS + 1 - counted.len() as i64;
                if room <= 0 {
                    break;
                }
                let hi = domain::text::prefix_end(&lo);
                let mut q = cases::table
                    .filter(cases::holder_key.ge(lo).and(cases::holder_key.lt(hi)))
                    .into_boxed();
                q = listed!(q);
                let ids: Vec<String> = q
                    .order((
                        cases::holder_key.asc(),
                        cases::person_id.asc(),
                        cases::certificate_number.asc(),
                        cases::id.asc(),
                    ))
                    .limit(room)
                    .select(cases::id)
                    .load(conn)?;
                counted.extend(ids);
            }
            let skip = usize::try_from(Page::<()>::offset(page, per_page)).unwrap_or(usize::MAX);
            let take = usize::try_from(per_page).unwrap_or(0);
            let page_ids = counted.iter().skip(skip).take(take).cloned().collect();
            (counted, page_ids)
        }
        Holders::EmployedBy(company_id) => {
            // A person has at most one confirmed employment at a company (a unique index
            // refuses a second open one), so the join repeats no case.
            let employed = || {
                let mut q = employments::table
                    .inner_join(cases::table.on(cases::person_id.eq(employments::person_id)))
                    .filter(employments::company_id.eq(company_id.clone()))
                    .filter(employments::status.eq(EmploymentStatus::Confirmed))
                    .into_boxed();
                listed!(q)
            };
            // The ids counted (up to one past the cap: "more than 500" is all the page
            // says then) and the page's, in the employees' name order, then person,
            // number and case.
            (
                employed()
                    .select(cases::id)
                    .limit(MAX_HITS + 1)
                    .load(conn)?,
                employed()
                    .order((
                        employments::person_name_key.asc(),
                        cases::person_id.asc(),
                        cases::certificate_number.asc(),
                        cases::id.asc(),
                    ))
                    .limit(per_page)
                    .offset(Page::<()>::offset(page, per_page))
                    .select(cases::id)
                    .load(conn)?,
            )
        }
    };
    let total = counted.len() as i64;
    // The page's own rows, by key, put back in the page's order.
    let rows: Vec<Tuple> = cases::table
        .inner_join(certificate_types::table.inner_join(areas::table))
        .inner_join(persons::table)
        .filter(cases::id.eq_any(&page_ids))
        .select((
            Case::as_select(),
            CertificateType::as_select(),
            Area::as_select(),
            persons::first_name,
            persons::last_name,
        ))
        .load(conn)?;
    let mut by_id: HashMap<String, Entry> = rows
        .into_iter()
        .map(|t| (t.0.id.clone(), entry(t)))
        .collect();
    let mut items: Vec<Entry> = page_ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let ids: Vec<String> = items.iter().map(|e| e.case.person_id.clone()).collect();
    let names = employers(conn, &ids)?;
    for e in &mut items {
        e.employer = names.get(&e.case.person_id).cloned();
    }
    Ok(Page {
        items,
        total,
        page,
        per_page,
    })
}

/// The prefixes' key ranges, each once, in key order. A key range holds every key that
/// starts with its prefix, so two ranges are disjoint unless one prefix starts with the
/// other (then its range holds the other's), and disjoint ranges follow one another in
/// the prefixes' byte order, which is the keys' (`holder_key` compares bytes on both
/// databases). «anna anna» gives the same prefix twice; it is read once.
fn key_ranges(prefixes: &[String]) -> Vec<String> {
    let mut ranges = prefixes.to_vec();
    ranges.sort();
    ranges.dedup_by(|later, kept| later.starts_with(kept.as_str()));
    ranges
}

/// The current employer of each holder (the earliest confirmed employment's company).
pub fn employers(conn: &mut DbConn, person_ids: &[String]) -> StoreResult<HashMap<String, String>> {
    if person_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String, Date)> = employments::table
        .inner_join(companies::table)
        .filter(employments::person_id.eq_any(person_ids))
        .filter(employments::status.eq(EmploymentStatus::Confirmed))
        .select((
            employments::person_id,
            companies::name,
            employments::start_date,
        ))
        .load(conn)?;
    let mut best: HashMap<String, (Date, String)> = HashMap::new();
    for (person, name, start) in rows {
        match best.get(&person) {
            Some((s, n)) if (*s, n.as_str()) <= (start, name.as_str()) => {}
            _ => {
                best.insert(person, (start, name));
            }
        }
    }
    Ok(best.into_iter().map(|(p, (_, n))| (p, n)).collect())
}

/// A page of companies with a company certificate whose name starts with one of the
/// prefixes (or the one with this organisationsnummer), by name, capped at `MAX_HITS`.
pub fn companies(
    conn: &mut DbConn,
    by: &CompanyQuery,
    page: i64,
    per_page: i64,
) -> StoreResult<Page<Company>> {
    let last_page = (MAX_HITS + per_page - 1) / per_page;
    let page = page.clamp(1, last_page.max(1));
    let base = || {
        let mut q = companies::table
            .filter(companies::certificate_status.eq_any(LISTED_STANDINGS))
            .into_boxed();
        match by {
            CompanyQuery::Orgnr(orgnr) => q = q.filter(companies::orgnr.eq(orgnr.clone())),
            CompanyQuery::Named(prefix) => {
                let hi = domain::text::prefix_end(prefix);
                q = q.filter(
                    companies::name_key
                        .ge(prefix.clone())
                        .and(companies::name_key.lt(hi)),
                );
            }
        }
        q
    };
    let counted: Vec<String> = base()
        .select(companies::id)
        .limit(MAX_HITS + 1)
        .load(conn)?;
    let items = base()
        .order((companies::name_key.asc(), companies::id.asc()))
        .limit(per_page)
        .offset(Page::<()>::offset(page, per_page))
        .select(Company::as_select())
        .load(conn)?;
    Ok(Page {
        items,
        total: counted.len() as i64,
        page,
        per_page,
    })
}

/// The first `limit` companies with a company certificate whose name key starts with
/// `prefix`, by name, uncounted: the few a name search offers beside its hits.
pub fn companies_named(conn: &mut DbConn, prefix: &str, limit: i64) -> StoreResult<Vec<Company>> {
    let hi = domain::text::prefix_end(prefix);
    Ok(companies::table
        .filter(
            companies::name_key
                .ge(prefix)
                .and(companies::name_key.lt(hi)),
        )
        .filter(companies::certificate_status.eq_any(LISTED_STANDINGS))
        .order((companies::name_key.asc(), companies::id.asc()))
        .limit(limit)
        .select(Company::as_select())
        .load(conn)?)
}

/// How the companies' tab is searched.
#[derive(Debug, Clone)]
pub enum CompanyQuery {
    Orgnr(String),
    /// A name key prefix (`domain::text::search_key`).
    Named(String),
}

/// The status-list indexes in `[from, to)` of the cases in one of `statuses`: the bits a
/// status list sets. Read from the cases themselves, so a decision's new status and its
/// bit change in the same transaction.
pub fn status_list_members(
    conn: &mut DbConn,
    statuses: &[CaseStatus],
    from: i64,
    to: i64,
) -> StoreResult<Vec<i64>> {
    let found: Vec<Option<i64>> = cases::table
        .filter(cases::status.eq_any(statuses.to_vec()))
        .filter(cases::status_index.ge(from))
        .filter(cases::status_index.lt(to))
        .select(cases::status_index)
        .load(conn)?;
    Ok(found.into_iter().flatten().collect())
}

/// Fills the search keys of persons and companies written before there were any (migration
/// 000011 adds the column empty: SQL's lower() cannot be trusted with Å, Ä and Ö). Runs
/// after every migration; with every key filled it is one index probe per table.
pub fn fill_search_keys(conn: &mut DbConn) -> StoreResult<()> {
    loop {
        let batch: Vec<(String, String, String)> = persons::table
            .filter(persons::name_key.eq(""))
            .filter(persons::first_name.ne("").or(persons::last_name.ne("")))
            .select((persons::id, persons::first_name, persons::last_name))
            .limit(1000)
            .load(conn)?;
        if batch.is_empty() {
            break;
        }
        for (id, first, last) in batch {
            diesel::update(persons::table.find(id))
                .set(persons::name_key.eq(filled(domain::text::search_key(&[&last, &first]))))
                .execute(conn)?;
        }
    }
    loop {
        let batch: Vec<(String, String)> = companies::table
            .filter(companies::name_key.eq(""))
            .filter(companies::name.ne(""))
            .select((companies::id, companies::name))
            .limit(1000)
            .load(conn)?;
        if batch.is_empty() {
            break;
        }
        for (id, name) in batch {
            diesel::update(companies::table.find(&id))
                .set(companies::name_key.eq(filled(domain::text::search_key(&[&name]))))
                .execute(conn)?;
            crate::models::company::set_words(conn, &id, &name)?;
        }
    }
    Ok(())
}

/// A key that is never empty, so that a name of only spaces is not refilled forever.
fn filled(key: String) -> String {
    if key.is_empty() {
        " ".to_string()
    } else {
        key
    }
}

/// Whether `admin_id` administers a company where `holder_id` is a confirmed employee:
/// the employer's administrators may print their employees' certificates.
pub fn administers_employer_of(
    conn: &mut DbConn,
    admin_id: &str,
    holder_id: &str,
) -> StoreResult<bool> {
    use crate::schema::company_admins;
    let found: Option<String> = employments::table
        .filter(employments::person_id.eq(holder_id))
        .filter(employments::status.eq(EmploymentStatus::Confirmed))
        .filter(
            employments::company_id.eq_any(
                company_admins::table
                    .filter(company_admins::person_id.eq(admin_id))
                    .select(company_admins::company_id),
            ),
        )
        .select(employments::id)
        .first(conn)
        .optional()?;
    Ok(found.is_some())
}
