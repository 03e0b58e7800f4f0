//! Certificate cases: one record from application to the end of the certificate's life.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::{CaseStatus, DecisionKind, MomentStatus};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::catalog::{Area, Catalogue, CertificateType, MomentTemplate};
use crate::models::file::FileMeta;
use crate::models::moment::{Moment, MomentRow, Name};
use crate::models::person::Person;
use crate::models::{Change, Page};
use crate::prepared::PreparedDsl;
use crate::schema::{
    annual_attestations, areas, attestations, cases, certificate_types, decision_queue,
    decision_queue_count, decisions, files, invoice_recipients, moments, persons,
};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cases)]
pub struct Case {
    pub id: String,
    pub number: i64,
    pub person_id: String,
    pub type_id: String,
    pub status: CaseStatus,
    pub certificate_number: Option<String>,
    pub issued_on: Option<Date>,
    pub valid_until: Option<Date>,
    pub latest_decision_on: Option<Date>,
    pub annual_renewal_on: Option<Date>,
    pub recertification_on: Option<Date>,
    pub external_body: String,
    pub external_country: String,
    pub external_number: String,
    pub decision_reason: String,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub created_at: PrimitiveDateTime,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub updated_at: PrimitiveDateTime,
    /// While «Suspenderat»: the day the suspension ends.
    pub suspended_until: Option<Date>,
    /// «Begränsa omfattning»: the reduced scope, shown with the certificate.
    pub scope_note: String,
    /// A recertification case: the case whose certificate it recertifies.
    pub renews_case_id: Option<String>,
    /// A recertified case: the case that took its certificate over.
    pub renewed_by_case_id: Option<String>,
    /// The certificate's place in the Bitstring Status Lists of its credential (issued
    /// certificates of our own; none for an external one).
    pub status_index: Option<i64>,
}

/// A case with the names the lists show.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub case: Case,
    pub cert_type: CertificateType,
    pub area: Area,
    pub person_name: String,
}

/// What issuing writes on the case.
#[derive(Debug, Clone)]
pub struct Issue {
    pub certificate_number: String,
    pub issued_on: Date,
    pub valid_until: Date,
    pub external_body: String,
    pub external_country: String,
    pub external_number: String,
    /// The first yearly attestation's due date, for a type that has them.
    pub annual_renewal_on: Option<Date>,
    /// «Omcertifiering»: the date recertification is due by, for a type that has it.
    pub recertification_on: Option<Date>,
    /// Its place in the credential's status lists (`None` for an external certificate).
    pub status_index: Option<i64>,
}

pub(crate) type RowTuple = (Case, CertificateType, Area, String, String);

/// A case's row with the holder's whole record at hand (the staff pages that show the
/// holder's personnummer and e-mail read it with the case).
pub(crate) fn row_of(
    case: Case,
    cert_type: CertificateType,
    area: Area,
    holder: &Person,
) -> CaseRow {
    to_row((
        case,
        cert_type,
        area,
        holder.first_name.clone(),
        holder.last_name.clone(),
    ))
}

pub(crate) fn to_row((case, cert_type, area, first, last): RowTuple) -> CaseRow {
    CaseRow {
        case,
        cert_type,
        area,
        person_name: format!("{first} {last}"),
    }
}

/// A case page's case and what its page asks of other tables (`Case::find_for_page`).
#[derive(Debug, Clone)]
pub struct PageCase {
    pub row: CaseRow,
    /// The recertification application open for this certificate, if any.
    pub open_renewal: Option<String>,
    pub attested: bool,
    pub invoiced: bool,
    /// Whether the certificate has a yearly attestation («Årlig förlängning») on record.
    pub annual_attested: bool,
    /// Whether a decision after issue (a suspension, a revocation…) is on record.
    pub decided_after_issue: bool,
}

/// A case with its holder's first and last name, before its type and area are named.
type Unnamed = (Case, String, String);

/// Names the cases' types and areas from the catalogue, which the server reads at start
/// (joined instead, those two tables' rows were read and decoded anew for every case on
/// every view); `Catalogue::or_fresh` reads it again for a type it does not know.
fn named(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    rows: Vec<Unnamed>,
) -> StoreResult<Vec<CaseRow>> {
    let cat = catalogue.or_fresh(conn, |cat| {
        rows.iter()
            .all(|(case, ..)| cat.of_type(&case.type_id).is_some())
    })?;
    rows.into_iter()
        .map(|(case, first, last)| {
            let (cert_type, area) = cat
                .of_type(&case.type_id)
                .ok_or(diesel::result::Error::NotFound)?;
            Ok(to_row((case, cert_type.clone(), area.clone(), first, last)))
        })
        .collect()
}

/// What a case page's statement reads of its case (`page_case_select!`): the case, its
/// holder's first and last name, the recertification application open for it, and
/// whether it is attested, has an invoice recipient, a yearly attestation and a decision
/// after issue.
type PageFound = (
    Case,
    String,
    String,
    Option<String>,
    (bool, bool, bool, bool),
);

/// The columns of `PageFound` for the case `$id`, in a statement of `cases` joined with
/// its holder in `persons`. The other tables are asked about `$id`, not about the row's
/// case: a subquery that names no column of the row is one the database runs once, also
/// when the statement has a row per moment (`Case::find_for_page_with_moments`).
macro_rules! page_case_select {
    ($id:expr) => {{
        let renewals = diesel::alias!(cases as renewals);
        let open_renewal = renewals
            .filter(renewals.field(cases::renews_case_id).eq($id))
            .filter(renewals.field(cases::status).eq(CaseStatus::InProgress))
            .select(renewals.field(cases::id))
            .limit(1)
            .single_value();
        let attested =
            diesel::dsl::exists(attestations::table.filter(attestations::case_id.eq($id)));
        let invoiced = diesel::dsl::exists(invoice_recipients::table.find($id));
        // Whether the page needs to read the yearly attestations and the decisions after
        // issue at all: most certificates have neither, and each read is a round trip.
        let annual_attested = diesel::dsl::exists(
            annual_attestations::table.filter(annual_attestations::case_id.eq($id)),
        );
        // `DecisionKind::is_after_issue` as two comparisons, not a list: a statement with
        // a bound list is not prepared once.
        let [issue, reject] = DecisionKind::FINAL_REVIEW;
        let decided_after_issue = diesel::dsl::exists(
            decisions::table
                .filter(decisions::case_id.eq($id))
                .filter(decisions::kind.ne(issue))
                .filter(decisions::kind.ne(reject)),
        );
        (
            Case::as_select(),
            persons::first_name,
            persons::last_name,
            open_renewal,
            (attested, invoiced, annual_attested, decided_after_issue),
        )
    }};
}

/// A case page's case from what its statement read, its type and area named (`named`).
fn page_case(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    found: PageFound,
) -> StoreResult<Option<PageCase>> {
    let (case, first, last, open_renewal, flags) = found;
    let (attested, invoiced, annual_attested, decided_after_issue) = flags;
    Ok(named(conn, catalogue, vec![(case, first, last)])?
        .pop()
        .map(|row| PageCase {
            row,
            open_renewal,
            attested,
            invoiced,
            annual_attested,
            decided_after_issue,
        }))
}

impl Case {
    /// Whether the case's applicant has attested it, and whether it has an invoice
    /// recipient: two of the facts its rules decide on, asked in one statement (each of
    /// them a round trip of its own on PostgreSQL, on every case page).
    pub fn attested_and_invoiced(conn: &mut DbConn, id: &str) -> StoreResult<(bool, bool)> {
        Ok(crate::native!(conn, c => diesel::select((
            diesel::dsl::exists(attestations::table.filter(attestations::case_id.eq(id))),
            diesel::dsl::exists(invoice_recipients::table.find(id)),
        ))
        .prepared()
        .get_result(c))?)
    }

    /// A case by id: most pages about a case ask it first, so on the backend's own
    /// connection.
    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<Case>> {
        Ok(crate::native!(conn, c => cases::table
            .find(id)
            .select(Case::as_select())
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?)
    }

    /// A case page's case (on the backend's own connection: every case page runs it).
    pub fn find_row(conn: &mut DbConn, id: &str) -> StoreResult<Option<CaseRow>> {
        Ok(crate::native!(conn, c => cases::table
            .inner_join(certificate_types::table.inner_join(areas::table))
            .inner_join(persons::table)
            .filter(cases::id.eq(id))
            .select((
                Case::as_select(),
                CertificateType::as_select(),
                Area::as_select(),
                persons::first_name,
                persons::last_name,
            ))
            .first::<RowTuple>(c)
            .optional())?
        .map(to_row))
    }

    /// A case page's case, its type and area named from the catalogue (`named`), with what
    /// its page asks of other tables about it: the recertification application open for
    /// it, whether it is attested and whether it has an invoice recipient. One statement
    /// where these were three: on PostgreSQL each is a round trip, on every case page.
    pub fn find_for_page(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        id: &str,
    ) -> StoreResult<Option<PageCase>> {
        let found: Option<PageFound> = crate::native!(conn, c => cases::table
            .inner_join(persons::table)
            .filter(cases::id.eq(id))
            .select(page_case_select!(id))
            .limit(1)
            .prepared()
            .get_result(c)
            .optional())?;
        match found {
            Some(found) => page_case(conn, catalogue, found),
            None => Ok(None),
        }
    }

    /// As `find_for_page` and `Moment::statuses` together, in one statement: a row per
    /// moment, each carrying the case and its moment's status. For a case page's other
    /// tabs («Händelselogg») on PostgreSQL, where the two statements were two of the
    /// page's four round trips. Only the status is joined: with the moments' names and
    /// files (`find_for_page_with_moments`) the database's extra work outweighed the
    /// round trip saved.
    pub fn find_for_page_with_statuses(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        id: &str,
    ) -> StoreResult<Option<(PageCase, Vec<MomentStatus>)>> {
        type Row = (
            Case,
            String,
            String,
            Option<String>,
            (bool, bool, bool, bool),
            Option<MomentStatus>,
        );
        let rows: Vec<Row> = crate::native!(conn, c => {
            // Flat: Diesel reads a `Selectable` only at the top level of a row's tuple.
            let (case, first_name, last_name, open_renewal, flags) = page_case_select!(id);
            cases::table
                .inner_join(persons::table)
                .left_join(moments::table.on(moments::case_id.eq(cases::id)))
                .filter(cases::id.eq(id))
                .select((
                    case,
                    first_name,
                    last_name,
                    open_renewal,
                    flags,
                    moments::status.nullable(),
                ))
                .prepared()
                .load(c)
        })?;
        let mut head = None;
        let mut statuses = Vec::with_capacity(rows.len());
        for (case, first, last, open_renewal, flags, status) in rows {
            head.get_or_insert((case, first, last, open_renewal, flags));
            // A case without moments is one row without one.
            statuses.extend(status);
        }
        let Some(found) = head else {
            return Ok(None);
        };
        Ok(page_case(conn, catalogue, found)?.map(|page| (page, statuses)))
    }

    /// As `find_for_page` and `Moment::for_case` together, in one statement: a row per
    /// moment and file, each carrying the case. For PostgreSQL, where the two statements
    /// were two of a case page's three round trips, each a wake-up of the database and
    /// of the portal; on SQLite, where a statement is a call, the case's columns would be
    /// decoded once per row instead of once. What the page asks of other tables about
    /// the case is asked of its id, not of each row, so the database answers it once.
    pub fn find_for_page_with_moments(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        id: &str,
    ) -> StoreResult<Option<(PageCase, Vec<MomentRow>)>> {
        let (creator, updater) = diesel::alias!(persons as creator, persons as updater);
        type Row = (
            Case,
            String,
            String,
            Option<String>,
            (bool, bool, bool, bool),
            Option<Moment>,
            Name,
            Name,
            Option<FileMeta>,
        );
        let rows: Vec<Row> = crate::native!(conn, c => {
            // Flat: Diesel reads a `Selectable` only at the top level of a row's tuple.
            let (case, first_name, last_name, open_renewal, flags) = page_case_select!(id);
            cases::table
                .inner_join(persons::table)
                .left_join(moments::table.on(moments::case_id.eq(cases::id)))
                .left_join(creator.on(creator.field(persons::id).eq(moments::created_by)))
                .left_join(updater.on(updater.field(persons::id).eq(moments::updated_by)))
                .left_join(files::table.on(files::moment_id.eq(moments::id)))
                .filter(cases::id.eq(id))
            // `Moment::for_case`'s order.
                .order((moments::created_at.desc(), moments::sort_order.asc()))
                .select((
                    case,
                    first_name,
                    last_name,
                    open_renewal,
                    flags,
                    Option::<Moment>::as_select(),
                    creator.fields((persons::first_name, persons::last_name)).nullable(),
                    updater.fields((persons::first_name, persons::last_name)).nullable(),
                    Option::<FileMeta>::as_select(),
            ))
                .prepared()
                .load(c)
        })?;
        let mut head = None;
        let mut moments = Vec::with_capacity(rows.len());
        for (case, first, last, open_renewal, flags, moment, made_by, changed_by, file) in rows {
            head.get_or_insert((case, first, last, open_renewal, flags));
            // A case without moments is one row without one.
            if let Some(moment) = moment {
                moments.push((moment, made_by, changed_by, file));
            }
        }
        let Some(found) = head else {
            return Ok(None);
        };
        let Some(page) = page_case(conn, catalogue, found)? else {
            return Ok(None);
        };
        Ok(Some((
            page,
            crate::models::moment::grouped(conn, catalogue, moments)?,
        )))
    }

    /// All of one person's cases, their types and areas named from the catalogue. A
    /// person has a handful, so the list page filters, sorts and pages them in memory. On
    /// the backend's own connection: «Certifikat» runs it on every view.
    pub fn for_person(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        person_id: &str,
    ) -> StoreResult<Vec<CaseRow>> {
        let rows: Vec<Unnamed> = crate::native!(conn, c => cases::table
            .inner_join(persons::table)
            .filter(cases::person_id.eq(person_id))
            .order(cases::number.desc())
            .select((Case::as_select(), persons::first_name, persons::last_name))
            .prepared()
            .load(c))?;
        named(conn, catalogue, rows)
    }

    pub fn has_open(conn: &mut DbConn, person_id: &str, type_id: &str) -> StoreResult<bool> {
        let n: i64 = cases::table
            .filter(cases::person_id.eq(person_id))
            .filter(cases::type_id.eq(type_id))
            .filter(cases::status.eq(CaseStatus::InProgress))
            .count()
            .get_result(conn)?;
        Ok(n > 0)
    }

    /// Opens a case with its moments made from the type's templates; returns its id.
    pub fn create(
        conn: &mut DbConn,
        person_id: &str,
        type_id: &str,
        templates: &[MomentTemplate],
        initial_status: impl Fn(&MomentTemplate) -> MomentStatus,
    ) -> StoreResult<String> {
        let id = crate::new_id();
        let number = crate::models::counter::next(conn, "case")?;
        let now = crate::now();
        diesel::insert_into(cases::table)
            .values((
                cases::id.eq(&id),
                cases::number.eq(number),
                cases::person_id.eq(person_id),
                cases::type_id.eq(type_id),
                cases::status.eq(CaseStatus::InProgress),
                cases::created_at.eq(now),
                cases::updated_at.eq(now),
            ))
            .execute(conn)?;
        for (i, t) in templates.iter().enumerate() {
            let status = initial_status(t);
            let awaiting = status.awaits_review().then_some(now);
            diesel::insert_into(moments::table)
                .values((
                    moments::id.eq(crate::new_id()),
                    moments::case_id.eq(&id),
                    moments::template_id.eq(&t.id),
                    moments::status.eq(status),
                    moments::created_at.eq(now),
                    moments::created_by.eq(person_id),
                    moments::updated_at.eq(now),
                    moments::updated_by.eq(person_id),
                    moments::awaiting_since.eq(awaiting),
                    moments::sort_order.eq(i as i32),
                ))
                .execute(conn)?;
        }
        Ok(id)
    }

    pub fn touch(conn: &mut DbConn, id: &str) -> StoreResult<()> {
        diesel::update(cases::table.find(id))
            .set(cases::updated_at.eq(crate::now()))
            .execute(conn)?;
        Ok(())
    }

    /// Issues the case; only an open case changes (the caller checked the rules, this
    /// guards against a second decision racing the first).
    pub fn issue(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
        issue: &Issue,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(change.from)))
            .set((
                cases::status.eq(change.to),
                cases::certificate_number.eq(&issue.certificate_number),
                cases::issued_on.eq(issue.issued_on),
                cases::valid_until.eq(issue.valid_until),
                cases::latest_decision_on.eq(issue.issued_on),
                cases::external_body.eq(&issue.external_body),
                cases::external_country.eq(&issue.external_country),
                cases::external_number.eq(&issue.external_number),
                cases::annual_renewal_on.eq(issue.annual_renewal_on),
                cases::recertification_on.eq(issue.recertification_on),
                cases::status_index.eq(issue.status_index),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    pub fn reject(
        conn: &mut DbConn,
        id: &str,
        change: Change<CaseStatus>,
        on: Date,
        reason: &str,
    ) -> StoreResult<bool> {
        let n = diesel::update(cases::table.find(id).filter(cases::status.eq(change.from)))
            .set((
                cases::status.eq(change.to),
                cases::latest_decision_on.eq(on),
                cases::decision_reason.eq(reason),
                cases::updated_at.eq(crate::now()),
            ))
            .execute(conn)?;
        Ok(n == 1)
    }

    /// How many cases wait for the final review: the count the triggers keep beside
    /// `decision_queue` (every staff page reads it; on the backend's own connection).
    pub fn ready_count(conn: &mut DbConn) -> StoreResult<i64> {
        Ok(crate::native!(conn, c => decision_queue_count::table
            .find(1)
            .select(decision_queue_count::n)
            .limit(1)
            .prepared()
            .get_result(c))?)
    }

    /// Open cases with every moment approved, attested and with an invoice recipient:
    /// the decision makers' queue, oldest change first. Which cases those are is kept by
    /// the database's triggers in `decision_queue` (the rule of
    /// [`domain::certification::CaseFacts::ready_for_final_review`], said again in SQL in migration
    /// 2026-11-26-000002); the page's ids are read from its index, and those cases' rows
    /// by key.
    ///
    /// The total is the count the triggers keep (`ready_count`), read as a column of the
    /// page's first statement, an uncorrelated subquery the database answers once: on
    /// PostgreSQL one round trip fewer, on SQLite one statement. Only a page with no row to
    /// carry it (an empty queue, or past the last page) reads it on its own.
    pub fn ready_for_decision(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<CaseRow>> {
        let total = || {
            decision_queue_count::table
                .find(1)
                .select(decision_queue_count::n)
                .single_value()
        };
        // The page's ids from the queue's index (under another name: SQLite's rows
        // statement joins the queue too), and their rows by key, on the backend's own
        // connection (`DbConn` would write the SQL out on every view):
        // - on SQLite in one statement of a fixed shape, the ids as a subquery;
        // - on PostgreSQL the ids first, bound as one array (as a subquery, the LIMIT
        //   parameter made PostgreSQL plan the join anew on every request; see
        //   `Moment::review_queue`), and the rows by key alone, put in the ids' order
        //   here rather than by joining the queue again to sort.
        // The type and area shown are the catalogue's, not joined (as in
        // `Moment::review_queue`).
        let queue = diesel::alias!(decision_queue as page_queue);
        let page_ids = queue
            .order((
                queue.field(decision_queue::updated_at).asc(),
                queue.field(decision_queue::case_id).asc(),
            ))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page));
        let (rows, counted): (Vec<Unnamed>, Option<Option<i64>>) = match conn {
            DbConn::Postgres(c) => {
                let ids: Vec<(String, Option<i64>)> = page_ids
                    .select((queue.field(decision_queue::case_id), total()))
                    .load(c)?;
                let counted = ids.first().map(|(_, total)| *total);
                let ids: Vec<String> = ids.into_iter().map(|(id, _)| id).collect();
                let mut rows: Vec<Unnamed> = if ids.is_empty() {
                    vec![]
                } else {
                    cases::table
                        .inner_join(persons::table)
                        .filter(cases::id.eq_any(&ids))
                        .select((Case::as_select(), persons::first_name, persons::last_name))
                        .load(c)?
                };
                rows.sort_by_key(|r| ids.iter().position(|id| *id == r.0.id));
                (rows, counted)
            }
            DbConn::Sqlite(c) => {
                let rows: Vec<(Case, String, String, Option<i64>)> = cases::table
                    .inner_join(decision_queue::table.on(decision_queue::case_id.eq(cases::id)))
                    .inner_join(persons::table)
                    .filter(cases::id.eq_any(page_ids.select(queue.field(decision_queue::case_id))))
                    .order((
                        decision_queue::updated_at.asc(),
                        decision_queue::case_id.asc(),
                    ))
                    .select((
                        Case::as_select(),
                        persons::first_name,
                        persons::last_name,
                        total(),
                    ))
                    .load(c)?;
                let counted = rows.first().map(|(.., total)| *total);
                let rows = rows
                    .into_iter()
                    .map(|(case, first, last, _)| (case, first, last))
                    .collect();
                (rows, counted)
            }
        };
        let total = match counted {
            Some(total) => total.unwrap_or(0),
            None => Self::ready_count(conn)?,
        };
        let items = named(conn, catalogue, rows)?;
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }
}
