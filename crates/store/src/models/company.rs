//! Companies («Företag») and their administrators.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::company_certificate::Standing;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::employment::EmployeeCounts;
use crate::prepared::PreparedDsl;
use crate::schema::{companies, company_admins, company_words, persons};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: String,
    pub orgnr: String,
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub invoice_address_line1: String,
    pub invoice_address_line2: String,
    pub invoice_postal_code: String,
    pub invoice_city: String,
    pub invoice_country: String,
    pub invoice_email: String,
    pub created_at: PrimitiveDateTime,
    /// The company certificate's standing.
    pub certificate_status: Standing,
    pub certificate_status_since: Option<PrimitiveDateTime>,
}

/// A company as a list or a menu names it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = companies)]
pub struct CompanyName {
    pub id: String,
    pub orgnr: String,
    pub name: String,
}

impl Company {
    /// Creates a company with just its number and name; returns its id.
    pub fn create(conn: &mut DbConn, orgnr: &str, name: &str) -> StoreResult<String> {
        let id = crate::new_id();
        diesel::insert_into(companies::table)
            .values((
                companies::id.eq(&id),
                companies::orgnr.eq(orgnr),
                companies::name.eq(name),
                companies::name_key.eq(domain::text::search_key(&[name])),
                companies::created_at.eq(crate::now()),
            ))
            .execute(conn)?;
        set_words(conn, &id, name)?;
        Ok(id)
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Company>> {
        Ok(crate::native!(conn, c => companies::table
            .find(id)
            .select(Company::as_select())
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// The company and whether the person administers it, in one statement: the company
    /// page and its forms ask both first (two round trips on PostgreSQL before).
    pub fn find_with_admin(
        conn: &mut DbConn,
        id: &str,
        person_id: &str,
    ) -> StoreResult<Option<(Company, bool)>> {
        let administers = diesel::dsl::exists(
            company_admins::table
                .filter(company_admins::company_id.eq(companies::id))
                .filter(company_admins::person_id.eq(person_id)),
        );
        Ok(crate::native!(conn, c => companies::table
            .find(id)
            .select((Company::as_select(), administers))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// The company page's head in one statement: the company, its administrators (by
    /// name) and its count of employments per list (`company_employment_counts`, read as
    /// four uncorrelated subqueries, one per status). A row per administrator, each
    /// carrying the company and the counts; a company without one is a single row. The
    /// page asked these three times, three round trips on PostgreSQL.
    pub fn find_for_page(conn: &mut DbConn, id: &str) -> StoreResult<Option<CompanyHead>> {
        use crate::schema::company_employment_counts as counts;
        use domain::employment::EmploymentStatus;
        macro_rules! count {
            ($status:expr) => {
                counts::table
                    .filter(counts::company_id.eq(id.to_string()))
                    .filter(counts::status.eq($status))
                    .select(counts::n)
                    .single_value()
            };
        }
        type Admin = (String, String, String, String, String, String);
        type Counted = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);
        let rows: Vec<(Company, Option<Admin>, Counted)> = crate::native!(conn, c => companies::table
            // Joined one after the other: SQLite read a nested join's administrators
            // whole, for every company.
            .left_join(company_admins::table)
            .left_join(persons::table.on(persons::id.nullable().eq(company_admins::person_id.nullable())))
            .filter(companies::id.eq(id))
            .select((
                Company::as_select(),
                (
                    persons::id,
                    persons::first_name,
                    persons::last_name,
                    persons::email,
                    persons::language,
                    persons::name_key,
                )
                    .nullable(),
                (
                    count!(EmploymentStatus::Pending),
                    count!(EmploymentStatus::Confirmed),
                    count!(EmploymentStatus::Rejected),
                    count!(EmploymentStatus::Ended),
                ),
            ))
            .prepared()
            .load(c))?;
        let mut rows = rows.into_iter();
        let Some((company, first, (pending, current, rejected, ended))) = rows.next() else {
            return Ok(None);
        };
        let mut admins: Vec<(String, AdminContact)> = first
            .into_iter()
            .chain(rows.filter_map(|(_, admin, _)| admin))
            .map(|(person_id, first_name, last_name, email, language, key)| {
                let contact = AdminContact {
                    person_id,
                    first_name,
                    last_name,
                    email,
                    language,
                };
                (key, contact)
            })
            .collect();
        // By the name key, as the company's lists of people are ordered.
        admins.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.person_id.cmp(&b.1.person_id))
        });
        let counts = EmployeeCounts {
            pending: pending.unwrap_or(0),
            current: current.unwrap_or(0),
            former: rejected.unwrap_or(0) + ended.unwrap_or(0),
        };
        Ok(Some(CompanyHead {
            company,
            admins: admins.into_iter().map(|(_, a)| a).collect(),
            counts,
        }))
    }

    /// Exact match only: the manual's «Endast exakt matchning ger resultat».
    pub fn find_by_orgnr(conn: &mut DbConn, orgnr: &str) -> StoreResult<Option<Company>> {
        Ok(companies::table
            .filter(companies::orgnr.eq(orgnr))
            .select(Company::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn add_admin(conn: &mut DbConn, company_id: &str, person_id: &str) -> StoreResult<()> {
        diesel::insert_into(company_admins::table)
            .values((
                company_admins::company_id.eq(company_id),
                company_admins::person_id.eq(person_id),
                company_admins::created_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn is_admin(conn: &mut DbConn, company_id: &str, person_id: &str) -> StoreResult<bool> {
        let n: i64 = crate::native!(conn, c => company_admins::table
            .filter(company_admins::company_id.eq(company_id))
            .filter(company_admins::person_id.eq(person_id))
            .count()
            .prepared()
            .get_result(c))?;
        Ok(n > 0)
    }
}

/// What the company page shows above its lists: [`Company::find_for_page`].
#[derive(Debug, Clone)]
pub struct CompanyHead {
    pub company: Company,
    /// By name.
    pub admins: Vec<AdminContact>,
    pub counts: EmployeeCounts,
}

impl CompanyHead {
    /// Whether the person is one of the company's administrators.
    pub fn is_admin(&self, person_id: &str) -> bool {
        self.admins.iter().any(|a| a.person_id == person_id)
    }
}

/// A company administrator's name and where to write to them.
#[derive(Debug, Clone)]
pub struct AdminContact {
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub language: String,
}

impl AdminContact {
    /// «Förnamn Efternamn (e-post)», as the company pages list them.
    pub fn label(&self) -> String {
        format!("{} {} ({})", self.first_name, self.last_name, self.email)
    }
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends, for case-insensitive name search.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

impl Company {
    /// The company's administrators, to show and to e-mail.
    pub fn admins(conn: &mut DbConn, company_id: &str) -> StoreResult<Vec<AdminContact>> {
        let rows: Vec<(String, String, String, String, String)> = crate::native!(conn, c => company_admins::table
            .inner_join(persons::table)
            .filter(company_admins::company_id.eq(company_id))
            .order((persons::last_name.asc(), persons::first_name.asc()))
            .select((
                persons::id,
                persons::first_name,
                persons::last_name,
                persons::email,
                persons::language,
            ))
            .prepared()
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(
                |(person_id, first_name, last_name, email, language)| AdminContact {
                    person_id,
                    first_name,
                    last_name,
                    email,
                    language,
                },
            )
            .collect())
    }

    pub fn remove_admin(conn: &mut DbConn, company_id: &str, person_id: &str) -> StoreResult<bool> {
        let n = diesel::delete(
            company_admins::table
                .filter(company_admins::company_id.eq(company_id))
                .filter(company_admins::person_id.eq(person_id)),
        )
        .execute(conn)?;
        Ok(n > 0)
    }

    pub fn set_certificate_status(
        conn: &mut DbConn,
        company_id: &str,
        status: Standing,
    ) -> StoreResult<()> {
        diesel::update(companies::table.find(company_id))
            .set((
                companies::certificate_status.eq(status),
                companies::certificate_status_since.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn at_risk(conn: &mut DbConn) -> StoreResult<Vec<Company>> {
        Ok(companies::table
            .filter(companies::certificate_status.eq(Standing::AtRisk))
            .order(companies::certificate_status_since.desc())
            .select(Company::as_select())
            .load(conn)?)
    }

    /// Companies by name; with a search, those with a word starting with each word of
    /// `search` (any case: «kyl andersson» finds «Andersson Kyl AB»), or, when the search
    /// is an organisationsnummer (`orgnr`), the company with exactly that number.
    pub fn list(
        conn: &mut DbConn,
        search: &str,
        orgnr: Option<&str>,
        page: i64,
        per_page: i64,
    ) -> StoreResult<crate::models::Page<Company>> {
        let words = domain::text::key_words(&domain::text::search_key(&[search]));
        match orgnr {
            None if !words.is_empty() => return by_words(conn, words, page, per_page),
            _ => {}
        }
        let orgnr = orgnr.map(str::to_string);
        let filtered = || {
            let mut q = companies::table.into_boxed();
            if let Some(orgnr) = &orgnr {
                q = q.filter(companies::orgnr.eq(orgnr.clone()));
            }
            q
        };
        let total = filtered().count().get_result(conn)?;
        let items = filtered()
            .order((companies::name.asc(), companies::id.asc()))
            .limit(per_page)
            .offset(crate::models::Page::<()>::offset(page, per_page))
            .select(Company::as_select())
            .load(conn)?;
        Ok(crate::models::Page {
            items,
            total,
            page,
            per_page,
        })
    }

    pub fn update_details(conn: &mut DbConn, c: &Company) -> StoreResult<()> {
        diesel::update(companies::table.find(&c.id))
            .set((
                companies::name.eq(&c.name),
                companies::name_key.eq(domain::text::search_key(&[&c.name])),
                companies::address_line1.eq(&c.address_line1),
                companies::address_line2.eq(&c.address_line2),
                companies::postal_code.eq(&c.postal_code),
                companies::city.eq(&c.city),
                companies::country.eq(&c.country),
                companies::invoice_address_line1.eq(&c.invoice_address_line1),
                companies::invoice_address_line2.eq(&c.invoice_address_line2),
                companies::invoice_postal_code.eq(&c.invoice_postal_code),
                companies::invoice_city.eq(&c.invoice_city),
                companies::invoice_country.eq(&c.invoice_country),
                companies::invoice_email.eq(&c.invoice_email),
            ))
            .execute(conn)?;
        set_words(conn, &c.id, &c.name)
    }
}

/// What «Administration» shows: a page of companies and the outbox's two counts.
#[derive(Debug)]
pub struct AdminList {
    pub page: crate::models::Page<Company>,
    /// Mail waiting to go out, and mail given up on («Utgående e-post»).
    pub mail_queued: i64,
    pub mail_failed: i64,
}

impl Company {
    /// «Administration»'s reads: [`Company::list`] and the outbox's counts. A search of one
    /// word (what an administrator types, a name) is one statement of fixed shape,
    /// prepared once per connection: the page's companies, picked by `company_words` in a
    /// subquery, each row with the match's count and the outbox's counts. Those were six
    /// statements, four of them boxed and so parsed and planned anew on every view, then
    /// two.
    pub fn list_for_admin(
        conn: &mut DbConn,
        search: &str,
        orgnr: Option<&str>,
        page: i64,
        per_page: i64,
    ) -> StoreResult<AdminList> {
        use crate::schema::outbox;
        // As `Mail::pending_count` and `Mail::failed_count` count them, as subqueries.
        let queued = outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .count()
            .single_value();
        let failed = outbox::table
            .filter(outbox::failed_at.is_not_null())
            .count()
            .single_value();
        let words = domain::text::key_words(&domain::text::search_key(&[search]));
        // No search, several words, or an organisationsnummer (an exact match): `list`.
        let ([word], None) = (words.as_slice(), orgnr) else {
            let page = Self::list(conn, search, orgnr, page, per_page)?;
            let (queued, failed): (Option<i64>, Option<i64>) = crate::native!(conn, c => diesel::select((queued, failed)).prepared().get_result(c))?;
            return Ok(AdminList {
                page,
                mail_queued: queued.unwrap_or(0),
                mail_failed: failed.unwrap_or(0),
            });
        };
        let (lo, hi) = (word.clone(), domain::text::prefix_end(word));
        let in_range = || {
            company_words::word
                .ge(lo.clone())
                .and(company_words::word.lt(hi.clone()))
        };
        let total = || {
            company_words::table
                .filter(in_range())
                .select(diesel::dsl::count(company_words::company_id).aggregate_distinct())
                .single_value()
        };
        let offset = crate::models::Page::<()>::offset(page, per_page);
        // A company with two words in the range is one group of the subquery (its name is
        // the same on each of its words), so a page is a whole page.
        let on_page = company_words::table
            .filter(in_range())
            .group_by((company_words::name, company_words::company_id))
            .order((company_words::name.asc(), company_words::company_id.asc()))
            .limit(per_page)
            .offset(offset)
            .select(company_words::company_id);
        // The page's companies with the three counts on each row, uncorrelated subqueries
        // the database answers once: one statement, one round trip on PostgreSQL. Only a
        // page with no company to carry them (no match, or past the last page) counts on
        // its own.
        type Counted = (Company, Option<i64>, Option<i64>, Option<i64>);
        let rows: Vec<Counted> = crate::native!(conn, c => companies::table
            .filter(companies::id.eq_any(on_page))
            .order((companies::name.asc(), companies::id.asc()))
            .select((Company::as_select(), total(), queued, failed))
            .prepared()
            .load(c))?;
        let (total, queued, failed) = match rows.first() {
            Some((_, total, queued, failed)) => (*total, *queued, *failed),
            None => crate::native!(conn, c => diesel::select((total(), queued, failed))
                .prepared()
                .get_result(c))?,
        };
        Ok(AdminList {
            page: crate::models::Page {
                items: rows.into_iter().map(|(company, ..)| company).collect(),
                total: total.unwrap_or(0),
                page,
                per_page,
            },
            mail_queued: queued.unwrap_or(0),
            mail_failed: failed.unwrap_or(0),
        })
    }
}

/// The companies with a word starting with each of `words` (not empty), by name. The count
/// and the page's ids come from `company_words` alone: the longest word's range of its
/// primary key, each other word a range of it too; then the page's companies by id.
fn by_words(
    conn: &mut DbConn,
    mut words: Vec<String>,
    page: i64,
    per_page: i64,
) -> StoreResult<crate::models::Page<Company>> {
    // More words than this narrow nothing a person types.
    const MAX_WORDS: usize = 4;
    // The longest word is likely the rarest: its range is the one walked.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.truncate(MAX_WORDS);
    let matching = || {
        let mut q = company_words::table.into_boxed();
        for (i, w) in words.iter().enumerate() {
            let (lo, hi) = (w.clone(), domain::text::prefix_end(w));
            if i == 0 {
                q = q
                    .filter(company_words::word.ge(lo))
                    .filter(company_words::word.lt(hi));
            } else {
                let other = diesel::alias!(company_words as other);
                q = q.filter(
                    company_words::company_id.eq_any(
                        other
                            .filter(other.field(company_words::word).ge(lo))
                            .filter(other.field(company_words::word).lt(hi))
                            .select(other.field(company_words::company_id)),
                    ),
                );
            }
        }
        q
    };
    let total: i64 = matching()
        .select(diesel::dsl::count(company_words::company_id).aggregate_distinct())
        .get_result(conn)?;
    let ids: Vec<(String, String)> = matching()
        .select((company_words::name, company_words::company_id))
        .distinct()
        .order((company_words::name.asc(), company_words::company_id.asc()))
        .limit(per_page)
        .offset(crate::models::Page::<()>::offset(page, per_page))
        .load(conn)?;
    let ids: Vec<String> = ids.into_iter().map(|(_, id)| id).collect();
    let mut found: std::collections::HashMap<String, Company> = companies::table
        .filter(companies::id.eq_any(&ids))
        .select(Company::as_select())
        .load(conn)?
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    Ok(crate::models::Page {
        items: ids.iter().filter_map(|id| found.remove(id)).collect(),
        total,
        page,
        per_page,
    })
}

/// Writes the words the company search finds the company `id` by, from its `name`.
pub(crate) fn set_words(conn: &mut DbConn, id: &str, name: &str) -> StoreResult<()> {
    diesel::delete(company_words::table.filter(company_words::company_id.eq(id))).execute(conn)?;
    let rows: Vec<_> = domain::text::key_words(&domain::text::search_key(&[name]))
        .into_iter()
        .map(|w| {
            (
                company_words::word.eq(w),
                company_words::company_id.eq(id),
                company_words::name.eq(name),
            )
        })
        .collect();
    if !rows.is_empty() {
        match conn {
            DbConn::Sqlite(c) => diesel::insert_into(company_words::table)
                .values(&rows)
                .execute(c)?,
            DbConn::Postgres(c) => diesel::insert_into(company_words::table)
                .values(&rows)
                .execute(c)?,
        };
    }
    Ok(())
}
