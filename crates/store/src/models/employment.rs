//! Employments («Anställningar»): waiting for confirmation → confirmed | rejected;
//! confirmed → ended (the transitions are `domain::employment`'s), and the employees'
//! certificates that the company certificate's standing follows from.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::CaseStatus;
use domain::employment::EmploymentStatus;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::company::{Company, CompanyName};
use crate::models::{Change, Page};
use crate::prepared::PreparedDsl;
use crate::schema::{
    cases, certificate_types, companies, company_employment_counts, employments, persons,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = employments)]
pub struct Employment {
    pub id: String,
    pub person_id: String,
    pub company_id: String,
    pub status: EmploymentStatus,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub requested_at: PrimitiveDateTime,
    pub decided_at: Option<PrimitiveDateTime>,
    pub decided_by: Option<String>,
    pub updated_at: PrimitiveDateTime,
}

/// An employment with its whole company (the invoice recipient's default).
#[derive(Debug, Clone)]
pub struct WithCompany {
    pub employment: Employment,
    pub company: Company,
}

/// An employment with its company as «Anställningar» names it.
#[derive(Debug, Clone)]
pub struct AtCompany {
    pub employment: Employment,
    pub company: CompanyName,
}

/// The company page's lists of employments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmployeeList {
    /// Requests «Väntar på bekräftelse».
    Pending,
    /// «Anställda»: confirmed and current.
    Current,
    /// «Tidigare anställda»: ended, or requests declined.
    Former,
}

/// How many employments a company's lists hold, as `company_employment_counts` keeps them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmployeeCounts {
    pub pending: i64,
    pub current: i64,
    /// Declined requests and ended employments.
    pub former: i64,
}

impl EmployeeCounts {
    pub fn of(&self, list: EmployeeList) -> i64 {
        match list {
            EmployeeList::Pending => self.pending,
            EmployeeList::Current => self.current,
            EmployeeList::Former => self.former,
        }
    }
}

/// An employment as the company page's lists show it: whose, its dates, its status and
/// what may be done with it. Not the whole row: the page's three lists are up to 75 rows,
/// and the request's, decision's and last change's times were parsed on every one of them
/// to go unshown.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = employments)]
pub struct Listed {
    pub id: String,
    pub person_id: String,
    pub status: EmploymentStatus,
    pub start_date: Date,
    pub end_date: Option<Date>,
}

/// An employment with its person's name (the company page).
#[derive(Debug, Clone)]
pub struct WithPerson {
    pub employment: Listed,
    pub person_name: String,
}

/// One employee's certificate as the company page shows it: never files or personnummer.
#[derive(Debug, Clone)]
pub struct EmployeeCertificate {
    pub person_id: String,
    pub person_name: String,
    pub type_name_sv: String,
    pub type_name_en: String,
    pub certificate_number: Option<String>,
    pub status: CaseStatus,
    pub valid_until: Option<Date>,
    pub qualifies_company: bool,
    /// The next «Årlig förlängning», if the certificate has one.
    pub annual_renewal_on: Option<Date>,
    /// The case, for the certificate's PDF.
    pub case_id: String,
    /// Issued by another body (no PDF from us).
    pub is_external: bool,
}

/// Person id, first and last name, and the certificate ([`CaseCertificate`]).
type CertificateTuple = (String, String, String, CaseCertificate);

/// A certificate as the company page lists it: the case's number (the list's order), type
/// names, certificate number, status, validity, qualifies, next yearly attestation, case id,
/// issued by another body.
type CaseCertificate = (
    i64,
    String,
    String,
    Option<String>,
    CaseStatus,
    Option<Date>,
    bool,
    Option<Date>,
    String,
    bool,
);

/// The columns of [`CaseCertificate`], in its order.
type CaseCertificateColumns = (
    cases::number,
    certificate_types::name_sv,
    certificate_types::name_en,
    cases::certificate_number,
    cases::status,
    cases::valid_until,
    certificate_types::qualifies_company,
    cases::annual_renewal_on,
    cases::id,
    certificate_types::is_external,
);
const CASE_CERTIFICATE_COLUMNS: CaseCertificateColumns = (
    cases::number,
    certificate_types::name_sv,
    certificate_types::name_en,
    cases::certificate_number,
    cases::status,
    cases::valid_until,
    certificate_types::qualifies_company,
    cases::annual_renewal_on,
    cases::id,
    certificate_types::is_external,
);

/// The columns of [`CertificateTuple`], in its order.
const CERTIFICATE_COLUMNS: (
    persons::id,
    persons::first_name,
    persons::last_name,
    CaseCertificateColumns,
) = (
    persons::id,
    persons::first_name,
    persons::last_name,
    CASE_CERTIFICATE_COLUMNS,
);

fn to_certificate((person_id, f, l, certificate): CertificateTuple) -> EmployeeCertificate {
    certificate_of(person_id, format!("{f} {l}"), certificate)
}

fn certificate_of(
    person_id: String,
    person_name: String,
    (
        _number,
        type_name_sv,
        type_name_en,
        certificate_number,
        status,
        valid_until,
        qualifies_company,
        annual_renewal_on,
        case_id,
        is_external,
    ): CaseCertificate,
) -> EmployeeCertificate {
    EmployeeCertificate {
        case_id,
        is_external,
        person_id,
        person_name,
        type_name_sv,
        type_name_en,
        certificate_number,
        status,
        valid_until,
        qualifies_company,
        annual_renewal_on,
    }
}

impl Employment {
    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Employment>> {
        Ok(employments::table
            .find(id)
            .select(Employment::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn request(
        conn: &mut DbConn,
        person_id: &str,
        company_id: &str,
        start: Date,
    ) -> StoreResult<String> {
        let id = crate::new_id();
        let now = crate::now();
        diesel::insert_into(employments::table)
            .values((
                employments::id.eq(&id),
                employments::person_id.eq(person_id),
                employments::company_id.eq(company_id),
                employments::status.eq(EmploymentStatus::Pending),
                employments::start_date.eq(start),
                employments::requested_at.eq(now),
                employments::updated_at.eq(now),
            ))
            .execute(conn)?;
        Ok(id)
    }

    pub fn has_open(conn: &mut DbConn, person_id: &str, company_id: &str) -> StoreResult<bool> {
        let n: i64 = employments::table
            .filter(employments::person_id.eq(person_id))
            .filter(employments::company_id.eq(company_id))
            .filter(
                employments::status.eq_any(
                    EmploymentStatus::ALL
                        .iter()
                        .filter(|s| s.is_open())
                        .copied(),
                ),
            )
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// Moves `pending` to `confirmed` or `rejected`; false when it was no longer pending.
    pub fn decide(
        conn: &mut DbConn,
        id: &str,
        change: Change<EmploymentStatus>,
        by: &str,
    ) -> StoreResult<bool> {
        let now = crate::now();
        let n = diesel::update(
            employments::table
                .find(id)
                .filter(employments::status.eq(change.from)),
        )
        .set((
            employments::status.eq(change.to),
            employments::decided_at.eq(now),
            employments::decided_by.eq(by),
            employments::updated_at.eq(now),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// Ends a confirmed employment on `end`; false when it was not confirmed.
    pub fn end(
        conn: &mut DbConn,
        id: &str,
        change: Change<EmploymentStatus>,
        end: Date,
    ) -> StoreResult<bool> {
        let n = diesel::update(
            employments::table
                .find(id)
                .filter(employments::status.eq(change.from)),
        )
        .set((
            employments::status.eq(change.to),
            employments::end_date.eq(end),
            employments::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// «Anställningar»: the person's employments, the newest request first, each with its
    /// company's number and name.
    pub fn for_person(conn: &mut DbConn, person_id: &str) -> StoreResult<Vec<AtCompany>> {
        // On every view: on the backend's own connection.
        let rows: Vec<(Employment, CompanyName)> = crate::native!(conn, c => employments::table
            .inner_join(companies::table)
            .filter(employments::person_id.eq(person_id))
            .order(employments::requested_at.desc())
            .select((Employment::as_select(), CompanyName::as_select()))
            .prepared()
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(|(employment, company)| AtCompany {
                employment,
                company,
            })
            .collect())
    }

    /// The person's confirmed, current employment, if any (the invoice recipient's default).
    pub fn current_confirmed(
        conn: &mut DbConn,
        person_id: &str,
    ) -> StoreResult<Option<WithCompany>> {
        // Every open case page asks it: on the backend's own connection.
        Ok(crate::native!(conn, c => employments::table
            .inner_join(companies::table)
            .filter(employments::person_id.eq(person_id))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .order(employments::start_date.desc())
            .select((Employment::as_select(), Company::as_select()))
            .first::<(Employment, Company)>(c)
            .optional())?
        .map(|(employment, company)| WithCompany {
            employment,
            company,
        }))
    }

    /// How many employments of the company each list holds: the company's rows of
    /// `company_employment_counts` (a row per status, kept by the database's triggers), in
    /// one statement. Counted from the employments, the big company's 2 000 current
    /// employees were 2 000 index entries on every view of its page, and each list's count
    /// a statement of its own.
    pub fn company_counts(conn: &mut DbConn, company_id: &str) -> StoreResult<EmployeeCounts> {
        let rows: Vec<(EmploymentStatus, i64)> = crate::native!(conn, c => company_employment_counts::table
            .filter(company_employment_counts::company_id.eq(company_id))
            .select((company_employment_counts::status, company_employment_counts::n))
            .prepared()
            .load(c))?;
        let mut counts = EmployeeCounts::default();
        for (status, n) in rows {
            match status {
                EmploymentStatus::Pending => counts.pending += n,
                EmploymentStatus::Confirmed => counts.current += n,
                EmploymentStatus::Rejected | EmploymentStatus::Ended => counts.former += n,
            }
        }
        Ok(counts)
    }

    /// One of the company page's lists of employments, a page of them by the person's
    /// name, its count from `counts` ([`Employment::company_counts`]): a range of
    /// `employments_company_names` (the name key is kept
    /// on the employment). Past the first page, the page's employments are picked from that
    /// index alone and only they are read with their people, so page 80 of 2 000 employees
    /// costs little more than page 1: joined first, PostgreSQL read all 2 000 employments
    /// and their people to skip 1 975 of them (27 ms); picked first, 0.7 ms. Page 1 stays
    /// joined first, three times cheaper there (0.10 ms against 0.32). Each list is a
    /// statement of its own fixed shape, so that each connection prepares it once.
    pub fn company_page(
        conn: &mut DbConn,
        company_id: &str,
        list: EmployeeList,
        page: i64,
        per_page: i64,
        counts: &EmployeeCounts,
    ) -> StoreResult<Page<WithPerson>> {
        use EmploymentStatus::{Confirmed, Pending};
        // Each a statement of a fixed shape, prepared once per connection.
        // `$status => $condition`: the list's condition on a status column.
        let offset = Page::<()>::offset(page, per_page);
        // A macro, not a value: `as_select` is of one backend.
        macro_rules! columns {
            () => {
                (Listed::as_select(), persons::first_name, persons::last_name)
            };
        }
        macro_rules! rows {
            ($status:ident => $condition:expr) => {
                if offset == 0 {
                    crate::native!(conn, c => employments::table
                        .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
                        .filter(employments::company_id.eq(company_id))
                        .filter({
                            let $status = employments::status;
                            $condition
                        })
                        .order((employments::person_name_key.asc(), employments::id.asc()))
                        .limit(per_page)
                        .select(columns!())
                        .prepared()
                        .load::<(Listed, String, String)>(c))?
                } else {
                    // The same table again, by another name: Diesel's subquery of the
                    // table it is in.
                    let listed = diesel::alias!(employments as listed);
                    let on_page = listed
                        .filter(listed.field(employments::company_id).eq(company_id))
                        .filter({
                            let $status = listed.field(employments::status);
                            $condition
                        })
                        .order((
                            listed.field(employments::person_name_key).asc(),
                            listed.field(employments::id).asc(),
                        ))
                        .limit(per_page)
                        .offset(offset)
                        .select(listed.field(employments::id));
                    crate::native!(conn, c => employments::table
                        .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
                        .filter(employments::id.eq_any(on_page))
                        .order((employments::person_name_key.asc(), employments::id.asc()))
                        .select(columns!())
                        .prepared()
                        .load::<(Listed, String, String)>(c))?
                }
            };
        }
        let total = counts.of(list);
        // A list the counts say is empty is not read.
        let rows = if total == 0 {
            vec![]
        } else {
            match list {
                EmployeeList::Pending => rows!(status => status.eq(Pending)),
                EmployeeList::Current => rows!(status => status.eq(Confirmed)),
                EmployeeList::Former => rows!(status => Former(status)),
            }
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(|(employment, f, l)| WithPerson {
                    employment,
                    person_name: format!("{f} {l}"),
                })
                .collect(),
            total,
            page,
            per_page,
        })
    }

    /// The people who keep the company certificate active today (the rule of
    /// `domain::company_certificate::keeps_active`, as a filter): the first `shown` of
    /// them by name, and whether there are more. The employees are read in name order from
    /// `employments_company_names` and the reading stops at `shown + 1` holders, so a
    /// company of 2 000 employees costs what one of twenty does.
    pub fn holders(
        conn: &mut DbConn,
        company_id: &str,
        today: Date,
        shown: usize,
    ) -> StoreResult<(Vec<String>, bool)> {
        // EXISTS, not a join: a person with several qualifying certificates counts once,
        // and the database walks the employees in name order and stops at `shown + 1`
        // (a DISTINCT over the join first read every employee's certificates).
        let qualifying = cases::table
            .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
            .filter(cases::person_id.eq(employments::person_id))
            .filter(cases::status.eq(CaseStatus::Active))
            .filter(certificate_types::qualifies_company.eq(true))
            .filter(
                cases::valid_until
                    .is_null()
                    .or(cases::valid_until.ge(today)),
            )
            .select(cases::id);
        let rows: Vec<(String, String)> = crate::native!(conn, c => employments::table
            .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
            .filter(employments::company_id.eq(company_id))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .filter(diesel::dsl::exists(qualifying))
            .order((employments::person_name_key.asc(), employments::id.asc()))
            .select((persons::first_name, persons::last_name))
            .limit(i64::try_from(shown).unwrap_or(i64::MAX).saturating_add(1))
            .prepared()
            .load(c))?;
        let more = rows.len() > shown;
        let names = rows
            .into_iter()
            .take(shown)
            .map(|(f, l)| format!("{f} {l}"))
            .collect();
        Ok((names, more))
    }

    /// The certificates of the confirmed employees on one page of «Anställda»: `people`,
    /// the page [`Employment::company_page`] read for [`EmployeeList::Current`] (page `page`
    /// of `per_page`), in its order and then by case number.
    /// - On PostgreSQL by the people's ids, bound as one array, with their names from
    ///   `people`: neither the page's people nor their names are read a second time (that
    ///   was a tenth of the big company's page in the database).
    /// - On SQLite by the same range of `employments_company_names` as a subquery, so the
    ///   statement is prepared once per connection (a list of ids bound anew was parsed on
    ///   every request).
    pub fn certificates_of(
        conn: &mut DbConn,
        company_id: &str,
        page: i64,
        per_page: i64,
        people: &[WithPerson],
    ) -> StoreResult<Vec<EmployeeCertificate>> {
        if conn.is_postgres() {
            return certificates_of_people(conn, people);
        }
        let people = employments::table
            .filter(employments::company_id.eq(company_id))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .order((employments::person_name_key.asc(), employments::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select(employments::person_id);
        // Persons first: the employment is already the subquery's, and starting from it
        // had SQLite walk all of the company's employments to find the page's 25.
        let rows: Vec<CertificateTuple> = crate::native!(conn, c => persons::table
            .inner_join(cases::table.on(cases::person_id.eq(persons::id)))
            .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
            .filter(persons::id.eq_any(people))
            .filter(cases::status.ne(CaseStatus::InProgress))
            // `name_key` is what the employment's `person_name_key` copies.
            .order((
                persons::name_key.asc(),
                persons::id.asc(),
                cases::number.asc(),
            ))
            .select(CERTIFICATE_COLUMNS)
            .prepared()
            .load(c))?;
        Ok(rows.into_iter().map(to_certificate).collect())
    }

    /// Whether the person is a confirmed, current employee of the company.
    pub fn is_confirmed_employee(
        conn: &mut DbConn,
        person_id: &str,
        company_id: &str,
    ) -> StoreResult<bool> {
        let n: i64 = employments::table
            .filter(employments::person_id.eq(person_id))
            .filter(employments::company_id.eq(company_id))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// The certificates of the company's confirmed, current employees (all of them: the
    /// standing's recount; the page reads [`Employment::certificates_of`] a page).
    pub fn employee_certificates(
        conn: &mut DbConn,
        company_id: &str,
    ) -> StoreResult<Vec<EmployeeCertificate>> {
        let rows: Vec<CertificateTuple> = employments::table
            .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
            .inner_join(cases::table.on(cases::person_id.eq(employments::person_id)))
            .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
            .filter(employments::company_id.eq(company_id))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .filter(cases::status.ne(CaseStatus::InProgress))
            .order((persons::last_name.asc(), cases::number.asc()))
            .select(CERTIFICATE_COLUMNS)
            .load(conn)?;
        Ok(rows.into_iter().map(to_certificate).collect())
    }

    /// The companies whose standing may change when this person's employments or
    /// certificates change.
    pub fn companies_of(conn: &mut DbConn, person_id: &str) -> StoreResult<Vec<String>> {
        Ok(employments::table
            .filter(employments::person_id.eq(person_id))
            .select(employments::company_id)
            .distinct()
            .load(conn)?)
    }
}

/// [`Employment::certificates_of`] on PostgreSQL: the certificates of `people` by their
/// ids (`cases_person_number`), put in the page's order here.
fn certificates_of_people(
    conn: &mut DbConn,
    people: &[WithPerson],
) -> StoreResult<Vec<EmployeeCertificate>> {
    let ids: Vec<&str> = people
        .iter()
        .map(|p| p.employment.person_id.as_str())
        .collect();
    let rows: Vec<(String, CaseCertificate)> = crate::native!(conn, c => cases::table
        .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
        .filter(cases::person_id.eq_any(&ids))
        .filter(cases::status.ne(CaseStatus::InProgress))
        .select((cases::person_id, CASE_CERTIFICATE_COLUMNS))
        .load(c))?;
    let mut rows: Vec<(usize, i64, EmployeeCertificate)> = rows
        .into_iter()
        .filter_map(|(person_id, c)| {
            let place = ids.iter().position(|id| *id == person_id)?;
            let number = c.0;
            let person = &people[place];
            let certificate = certificate_of(person_id, person.person_name.clone(), c);
            Some((place, number, certificate))
        })
        .collect();
    rows.sort_by_key(|(place, number, _)| (*place, *number));
    Ok(rows.into_iter().map(|(_, _, c)| c).collect())
}

/// `status IN ('rejected', 'ended')` of an employments column: the former employments,
/// written into the statement rather than bound. It is the condition of the partial index
/// `employments_company_former`, which a database uses only for a statement that names it
/// (PostgreSQL's generic plan cannot see into bound values). Its type fixes its SQL, so a
/// statement with it stays prepared.
#[derive(Debug, Clone, Copy, diesel::query_builder::QueryId, diesel::expression::ValidGrouping)]
struct Former<C>(C);

impl<C> diesel::Expression for Former<C> {
    type SqlType = diesel::sql_types::Bool;
}

impl<C: diesel::AppearsOnTable<QS>, QS> diesel::AppearsOnTable<QS> for Former<C> {}

impl<C: diesel::SelectableExpression<QS>, QS> diesel::SelectableExpression<QS> for Former<C> {}

impl<C, DB> diesel::query_builder::QueryFragment<DB> for Former<C>
where
    C: diesel::query_builder::QueryFragment<DB>,
    DB: diesel::backend::Backend,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(" IN ('");
        out.push_sql(EmploymentStatus::Rejected.code());
        out.push_sql("', '");
        out.push_sql(EmploymentStatus::Ended.code());
        out.push_sql("')");
        Ok(())
    }
}
