//! The certificate's life after issue: yearly attestations, reminders, decisions after
//! issue and the queries of the daily jobs. Every status write is an update guarded on
//! the status `domain` allowed the change from.

use diesel::dsl::{exists, not};
use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::{AttestationBasis, CaseStatus, ReminderKind};
use domain::employment::EmploymentStatus;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::case::{to_row, Case, RowTuple};
use crate::models::catalog::{Area, CertificateType};
use crate::models::{Change, Page};
use crate::prepared::PreparedDsl;
use crate::schema::{
    annual_attestations, areas, cases, certificate_types, company_annual_due, employments, persons,
    reminders,
};

/// A yearly attestation as recorded: who, when, for which due date, on which basis.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = annual_attestations)]
pub struct AnnualAttestation {
    pub id: String,
    pub case_id: String,
    pub due_on: Date,
    pub basis: AttestationBasis,
    pub attested_by: String,
    pub company_id: Option<String>,
    pub note: String,
    pub at: PrimitiveDateTime,
}

/// A certificate a daily job acts on: its case, holder and number.
#[derive(Debug, Clone, Queryable)]
pub struct Due {
    pub case_id: String,
    pub person_id: String,
    pub certificate_number: Option<String>,
    /// The date the job is about (the attestation's or the validity's).
    pub on: Option<Date>,
}

/// One employee's certificate whose yearly attestation is open or overdue (the company
/// page's «Årlig förlängning»).
#[derive(Debug, Clone, Queryable)]
pub struct OpenAttestation {
    pub case_id: String,
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub type_name_sv: String,
    pub type_name_en: String,
    pub certificate_number: Option<String>,
    pub status: CaseStatus,
    pub due_on: Option<Date>,
}

impl AnnualAttestation {
    pub fn insert(conn: &mut DbConn, a: &AnnualAttestation) -> StoreResult<()> {
        diesel::insert_into(annual_attestations::table)
            .values(a)
            .execute(conn)?;
        Ok(())
    }

    /// A certificate's attestations, newest first (one a year).
    pub fn for_case(conn: &mut DbConn, case_id: &str) -> StoreResult<Vec<AnnualAttestation>> {
        // The page of every issued certificate: on the backend's own connection.
        Ok(crate::native!(conn, c => annual_attestations::table
            .filter(annual_attestations::case_id.eq(case_id))
            .order(annual_attestations::due_on.desc())
            .select(AnnualAttestation::as_select())
            .prepared()
            .load(c))?)
    }

    /// As `for_case`, each with the name of who attested it, in one statement (the staff
    /// case page lists both; a statement per name was a round trip each on PostgreSQL).
    pub fn for_case_named(
        conn: &mut DbConn,
        case_id: &str,
    ) -> StoreResult<Vec<(AnnualAttestation, String)>> {
        let rows: Vec<(AnnualAttestation, Option<(String, String)>)> = crate::native!(conn, c => annual_attestations::table
            .left_join(persons::table.on(persons::id.eq(annual_attestations::attested_by)))
            .filter(annual_attestations::case_id.eq(case_id))
            .order(annual_attestations::due_on.desc())
            .select((
                AnnualAttestation::as_select(),
                (persons::first_name, persons::last_name).nullable(),
            ))
            .prepared()
            .load(c))?;
        Ok(rows
            .into_iter()
            .map(|(a, name)| {
                let name = name.map(|(f, l)| format!("{f} {l}")).unwrap_or_default();
                (a, name)
            })
            .collect())
    }
}

/// Records that the reminder `kind` for `due_on` went out for the case; false when it had
/// already (the primary key makes it once per certificate, kind and due date).
pub fn record_reminder(
    conn: &mut DbConn,
    case_id: &str,
    kind: ReminderKind,
    due_on: Date,
) -> StoreResult<bool> {
    let sent: i64 = reminders::table
        .filter(reminders::case_id.eq(case_id))
        .filter(reminders::kind.eq(kind))
        .filter(reminders::due_on.eq(due_on))
        .count()
        .get_result(conn)?;
    if sent > 0 {
        return Ok(false);
    }
    diesel::insert_into(reminders::table)
        .values((
            reminders::case_id.eq(case_id),
            reminders::kind.eq(kind),
            reminders::due_on.eq(due_on),
            reminders::sent_at.eq(crate::now()),
        ))
        .execute(conn)?;
    Ok(true)
}

/// How many reminders of `kind` a case has had (tests and the case page).
pub fn reminders_sent(conn: &mut DbConn, case_id: &str, kind: ReminderKind) -> StoreResult<i64> {
    Ok(reminders::table
        .filter(reminders::case_id.eq(case_id))
        .filter(reminders::kind.eq(kind))
        .count()
        .get_result(conn)?)
}

impl Case {
    /// A yearly attestation for the year due on `due_on`: the status as `change` says,
    /// the next due date. Guarded on the status and the due date, so two attestations of
    /// the same year racing each other record one.
    pub fn attest_annual(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
        due_on: Date,
        next_due: Option<Date>,
    ) -> StoreResult<bool> {
        let n = diesel::update(
            cases::table
                .find(id)
                .filter(cases::status.eq(change.from))
                .filter(cases::annual_renewal_on.eq(due_on)),
        )
        .set((
            cases::status.eq(change.to),
            cases::annual_renewal_on.eq(next_due),
            cases::updated_at.eq(crate::now()),
        ))
        .execute(conn)?;
        Ok(n == 1)
    }

    /// A change of status and nothing else (a lapse, an expiry), guarded on `from`.
    pub fn change_status(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(change.from)))
            .set((
                cases::status.eq(change.to),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// A decision after issue that changes the status: the status, the decision's day
    /// and reason, and the suspension's end (None clears it).
    pub fn decide_status(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
        on: Date,
        reason: &str,
        suspended_until: Option<Date>,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(change.from)))
            .set((
                cases::status.eq(change.to),
                cases::latest_decision_on.eq(on),
                cases::decision_reason.eq(reason),
                cases::suspended_until.eq(suspended_until),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// «Begränsa omfattning»: the scope text, on a certificate still in `status`.
    pub fn reduce_scope(
        conn: &mut DbConn,
        id: &str,
        status: CaseStatus,
        on: Date,
        scope: &str,
        reason: &str,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(status)))
            .set((
                cases::scope_note.eq(scope),
                cases::latest_decision_on.eq(on),
                cases::decision_reason.eq(reason),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// Links a recertification case to the certificate it recertifies.
    pub fn set_renews(conn: &mut DbConn, id: &str, renews: &str) -> StoreResult<()> {
        diesel::update(cases::table.find(id))
            .set(cases::renews_case_id.eq(renews))
            .execute(conn)?;
        Ok(())
    }

    /// The old case hands its certificate over: «Omcertifierad», linked to the new case.
    pub fn mark_recertified(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
        by_case: &str,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(change.from)))
            .set((
                cases::status.eq(change.to),
                cases::renewed_by_case_id.eq(by_case),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// The open recertification case of a certificate, if one was applied for.
    pub fn open_renewal(conn: &mut DbConn, renews: &str) -> StoreResult<Option<String>> {
        Ok(cases::table
            .filter(cases::renews_case_id.eq(renews))
            .filter(cases::status.eq(CaseStatus::InProgress))
            .select(cases::id)
            .first(conn)
            .optional()?)
    }

    /// Certificates in `status` whose yearly attestation fell due before `today`.
    pub fn annual_overdue(
        conn: &mut DbConn,
        status: CaseStatus,
        today: Date,
        limit: i64,
    ) -> StoreResult<Vec<Due>> {
        Ok(cases::table
            .filter(cases::status.eq(status))
            .filter(cases::annual_renewal_on.lt(today))
            .order((cases::annual_renewal_on.asc(), cases::id.asc()))
            .limit(limit)
            .select((
                cases::id,
                cases::person_id,
                cases::certificate_number,
                cases::annual_renewal_on,
            ))
            .load(conn)?)
    }

    /// Live certificates whose «Giltigt till» lies before `today`, in `status`.
    pub fn validity_ended(
        conn: &mut DbConn,
        status: CaseStatus,
        today: Date,
        limit: i64,
    ) -> StoreResult<Vec<Due>> {
        Ok(cases::table
            .filter(cases::status.eq(status))
            .filter(cases::valid_until.lt(today))
            .order((cases::valid_until.asc(), cases::id.asc()))
            .limit(limit)
            .select((
                cases::id,
                cases::person_id,
                cases::certificate_number,
                cases::valid_until,
            ))
            .load(conn)?)
    }

    /// Active certificates whose yearly attestation opens by `opens_by` (due from today
    /// to `opens_by` + the window) and whose reminder for that due date has not gone out.
    pub fn annual_to_remind(
        conn: &mut DbConn,
        today: Date,
        due_by: Date,
        limit: i64,
    ) -> StoreResult<Vec<Due>> {
        Ok(cases::table
            .filter(cases::status.eq(CaseStatus::Active))
            .filter(cases::annual_renewal_on.ge(today))
            .filter(cases::annual_renewal_on.le(due_by))
            .filter(not(exists(
                reminders::table
                    .filter(reminders::case_id.eq(cases::id))
                    .filter(reminders::kind.eq(ReminderKind::Annual))
                    .filter(reminders::due_on.nullable().eq(cases::annual_renewal_on)),
            )))
            .order((cases::annual_renewal_on.asc(), cases::id.asc()))
            .limit(limit)
            .select((
                cases::id,
                cases::person_id,
                cases::certificate_number,
                cases::annual_renewal_on,
            ))
            .load(conn)?)
    }

    /// Certificates in `status` of a type with recertification, valid until a day from
    /// today to `valid_by`, not yet reminded of it and not already being recertified.
    pub fn recertification_to_remind(
        conn: &mut DbConn,
        status: CaseStatus,
        today: Date,
        valid_by: Date,
        limit: i64,
    ) -> StoreResult<Vec<Due>> {
        Ok(cases::table
            .inner_join(certificate_types::table)
            .filter(cases::status.eq(status))
            .filter(cases::valid_until.ge(today))
            .filter(cases::valid_until.le(valid_by))
            .filter(certificate_types::recertification_years.gt(0))
            .filter(not(exists(
                reminders::table
                    .filter(reminders::case_id.eq(cases::id))
                    .filter(reminders::kind.eq(ReminderKind::Recertification))
                    .filter(reminders::due_on.nullable().eq(cases::valid_until)),
            )))
            .order((cases::valid_until.asc(), cases::id.asc()))
            .limit(limit)
            .select((
                cases::id,
                cases::person_id,
                cases::certificate_number,
                cases::valid_until,
            ))
            .load(conn)?)
    }

    /// How many suspended certificates' suspensions end by `today` («Handläggning»).
    pub fn suspensions_ending_count(conn: &mut DbConn, today: Date) -> StoreResult<i64> {
        Ok(cases::table
            .filter(cases::status.eq(CaseStatus::Suspended))
            .filter(cases::suspended_until.le(today))
            .count()
            .get_result(conn)?)
    }

    /// «Suspensioner som löper ut»: suspended certificates whose suspension ends by
    /// `today`, the longest overdue first, a page of them.
    pub fn suspensions_ending(
        conn: &mut DbConn,
        today: Date,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<crate::models::case::CaseRow>> {
        let total = Self::suspensions_ending_count(conn, today)?;
        // One query for the page's rows with their names, as the other queues read them.
        let items = cases::table
            .inner_join(certificate_types::table.inner_join(areas::table))
            .inner_join(persons::table)
            .filter(cases::status.eq(CaseStatus::Suspended))
            .filter(cases::suspended_until.le(today))
            .order((cases::suspended_until.asc(), cases::id.asc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select((
                Case::as_select(),
                CertificateType::as_select(),
                Area::as_select(),
                persons::first_name,
                persons::last_name,
            ))
            .load::<RowTuple>(conn)?
            .into_iter()
            .map(to_row)
            .collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// The company's confirmed employees' certificates whose yearly attestation is open
    /// or overdue by `today` (due by `due_by`), a page of them, the earliest due first.
    ///
    /// One statement where reading every due employee's certificates and their names to
    /// sort them took 1.7 ms for a company with 170 employees due. Its parts:
    /// - the page's bound `D`, an uncorrelated subquery: the earliest renewal of the
    ///   employee at the page's last place, employees taken in the order of their earliest
    ///   renewal (`employments.annual_due_on`, an index range);
    /// - the page itself, among the employees whose earliest renewal is by `D`. Each of
    ///   the employees up to that place has a certificate due by `D` (the one that gives
    ///   their earliest renewal), so the rows up to the page's last have dates by `D`,
    ///   and every such row belongs to an employee whose earliest renewal is by `D`;
    /// - the count, on each row, another uncorrelated subquery: the sum of the company's
    ///   rows of `company_annual_due` up to `due_by` (a range of its key, about 60 rows
    ///   for the big company), which the triggers keep. Counted from the employments and
    ///   their certificates it probed every due employee's certificates: 0.27 ms of the
    ///   statement's 0.41 on PostgreSQL, 2.4 M instructions on SQLite. Only a page past
    ///   the last, which has no row to carry it, counts on its own; an empty first page
    ///   has nothing to count.
    ///
    /// The three were a statement each, each a round trip on PostgreSQL.
    pub fn open_attestations(
        conn: &mut DbConn,
        company_id: &str,
        due_by: Date,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<OpenAttestation>> {
        let offset = Page::<()>::offset(page, per_page);
        let last_place = offset.saturating_add(per_page).saturating_sub(1);
        let placed = diesel::alias!(employments as placed);
        // Fewer employees due than the page's last place: all of them (`due_by`).
        let bound = date_or(
            placed
                .filter(
                    placed
                        .field(employments::company_id)
                        .eq(company_id.to_string()),
                )
                .filter(
                    placed
                        .field(employments::status)
                        .eq(EmploymentStatus::Confirmed),
                )
                .filter(placed.field(employments::annual_due_on).le(due_by))
                .order(placed.field(employments::annual_due_on).asc())
                .offset(last_place)
                .select(placed.field(employments::annual_due_on))
                .single_value(),
            due_by,
        );
        let due_count = || {
            company_annual_due::table
                .filter(company_annual_due::company_id.eq(company_id.to_string()))
                .filter(company_annual_due::due_on.le(due_by))
                .select(diesel::dsl::sum(company_annual_due::n))
        };
        let total = due_count().single_value();
        // The company page's: on the backend's own connection.
        let rows: Vec<(OpenAttestation, Option<i64>)> = crate::native!(conn, c => employments::table
            .inner_join(cases::table.on(cases::person_id.eq(employments::person_id)))
            .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
            .inner_join(certificate_types::table.on(certificate_types::id.eq(cases::type_id)))
            // The employees whose earliest renewal (kept on the employment) is by the
            // page's bound, and of them the certificates due by `due_by`: the bound lets
            // `employments_company_annual` pick the employees with something due instead
            // of probing every employee. The statuses as two comparisons, not a list: a
            // statement with a bound list is parsed anew on every request (SQLite), this
            // one is prepared once.
            .filter(employments::company_id.eq(company_id.to_string()))
            .filter(employments::status.eq(EmploymentStatus::Confirmed))
            .filter(employments::annual_due_on.le(bound.nullable()))
            .filter(
                cases::status
                    .eq(CaseStatus::Active)
                    .or(cases::status.eq(CaseStatus::Inactive)),
            )
            .filter(cases::annual_renewal_on.le(due_by))
            .order((
                cases::annual_renewal_on.asc(),
                persons::last_name.asc(),
                cases::id.asc(),
            ))
            .limit(per_page)
            .offset(offset)
            .select((
                (
                    cases::id,
                    persons::id,
                    persons::first_name,
                    persons::last_name,
                    certificate_types::name_sv,
                    certificate_types::name_en,
                    cases::certificate_number,
                    cases::status,
                    cases::annual_renewal_on,
                ),
                total,
            ))
            .prepared()
            .load(c))?;
        let total = match rows.first() {
            Some((_, total)) => total.unwrap_or(0),
            // An empty first page: nothing is due (most companies, on every view).
            None if offset == 0 => 0,
            None => crate::native!(conn, c => due_count()
                .prepared()
                .get_result::<Option<i64>>(c))?
            .unwrap_or(0),
        };
        Ok(Page {
            items: rows.into_iter().map(|(item, _)| item).collect(),
            total,
            page,
            per_page,
        })
    }
}

diesel::define_sql_function! {
    /// SQL `coalesce()` of a date that may be null and one that is not.
    #[sql_name = "coalesce"]
    fn date_or(x: diesel::sql_types::Nullable<diesel::sql_types::Date>, y: diesel::sql_types::Date) -> diesel::sql_types::Date;
}
