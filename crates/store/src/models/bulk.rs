//! Whole rows for the benchmark's bulk loader (`app::seed`): one struct a table with every
//! column, inserted many rows to a statement. Every column is given (none left to its
//! default), which is what SQLite's multi-row INSERT needs; the statements are sent on the
//! backend's own connection because a multi-row insert does not compile through the
//! `MultiConnection` enum.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use domain::certification::{
    CaseStatus, DecisionKind, InvoiceRecipientKind, MomentStatus, ReminderKind,
};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;
use domain::events::EventKind;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::{
    attestations, cases, companies, company_admins, company_words, counters, decisions,
    employments, events, files, invoice_recipients, moment_reviews, moments, persons, reminders,
};

/// SQLite's bound on parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER, 32 766 since
/// 3.32); PostgreSQL's is 65 535, so the smaller one serves both.
const MAX_PARAMS: usize = 32_766;

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = persons, treat_none_as_default_value = false)]
pub struct PersonRow {
    pub id: String,
    pub personnummer: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub email_verified_at: Option<PrimitiveDateTime>,
    pub password_hash: Option<String>,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: String,
    pub is_handlaggare: bool,
    pub is_beslutsfattare: bool,
    pub is_administrator: bool,
    pub created_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
    /// `domain::text::search_key(&[last_name, first_name])`.
    pub name_key: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = companies, treat_none_as_default_value = false)]
pub struct CompanyRow {
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
    pub certificate_status: Standing,
    pub certificate_status_since: Option<PrimitiveDateTime>,
    /// `domain::text::search_key(&[name])`.
    pub name_key: String,
}

/// A word the company search finds a company by (`domain::text::key_words` of its key).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = company_words)]
pub struct CompanyWordRow {
    pub word: String,
    pub company_id: String,
    /// The company's name: the search's order.
    pub name: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = company_admins)]
pub struct CompanyAdminRow {
    pub company_id: String,
    pub person_id: String,
    pub created_at: PrimitiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = employments, treat_none_as_default_value = false)]
pub struct EmploymentRow {
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

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = cases, treat_none_as_default_value = false)]
pub struct CaseRow {
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
    pub created_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
    /// The holder's `persons.name_key` (a trigger keeps it outside the load).
    pub holder_key: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = moments, treat_none_as_default_value = false)]
pub struct MomentRow {
    pub id: String,
    pub case_id: String,
    pub template_id: String,
    pub status: MomentStatus,
    pub review_comment: String,
    pub created_at: PrimitiveDateTime,
    pub created_by: String,
    pub updated_at: PrimitiveDateTime,
    pub updated_by: String,
    pub awaiting_since: Option<PrimitiveDateTime>,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = files)]
pub struct FileRow {
    pub id: String,
    pub moment_id: String,
    pub case_id: String,
    pub uploaded_by: String,
    pub uploaded_at: PrimitiveDateTime,
    pub original_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = moment_reviews)]
pub struct ReviewRow {
    pub id: String,
    pub moment_id: String,
    pub case_id: String,
    pub reviewer_id: String,
    pub approved: bool,
    pub comment: String,
    pub at: PrimitiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = events, treat_none_as_default_value = false)]
pub struct EventRow {
    pub id: String,
    pub at: PrimitiveDateTime,
    pub actor_id: Option<String>,
    pub person_id: Option<String>,
    pub company_id: Option<String>,
    pub case_id: Option<String>,
    pub kind: EventKind,
    pub detail: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = decisions)]
pub struct DecisionRow {
    pub id: String,
    pub case_id: String,
    pub kind: DecisionKind,
    pub decided_by: String,
    pub decided_at: PrimitiveDateTime,
    pub reason: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = attestations)]
pub struct AttestationRow {
    pub id: String,
    pub case_id: String,
    pub person_id: String,
    pub commitment_id: String,
    pub answer: String,
    pub at: PrimitiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invoice_recipients, treat_none_as_default_value = false)]
pub struct InvoiceRow {
    pub case_id: String,
    pub kind: InvoiceRecipientKind,
    pub company_id: Option<String>,
    pub name: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub reference: String,
    pub updated_at: PrimitiveDateTime,
    pub updated_by: String,
}

/// A reminder e-mail sent earlier (the calendar's jobs send one per certificate, kind
/// and due date).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reminders)]
pub struct ReminderRow {
    pub case_id: String,
    pub kind: ReminderKind,
    pub due_on: Date,
    pub sent_at: PrimitiveDateTime,
}

/// Everything one slice of the loader writes, inserted table by table in the order the
/// foreign keys need.
#[derive(Debug, Default)]
pub struct Batch {
    pub persons: Vec<PersonRow>,
    pub companies: Vec<CompanyRow>,
    pub company_words: Vec<CompanyWordRow>,
    pub company_admins: Vec<CompanyAdminRow>,
    pub employments: Vec<EmploymentRow>,
    pub cases: Vec<CaseRow>,
    pub moments: Vec<MomentRow>,
    pub files: Vec<FileRow>,
    pub reviews: Vec<ReviewRow>,
    pub events: Vec<EventRow>,
    pub decisions: Vec<DecisionRow>,
    pub attestations: Vec<AttestationRow>,
    pub invoices: Vec<InvoiceRow>,
    pub reminders: Vec<ReminderRow>,
}

/// Inserts `$rows` into `$table`, as many rows to a statement as the parameter bound
/// allows for `$columns` columns.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {{
        let per_statement = (MAX_PARAMS / $columns).max(1);
        for chunk in $rows.chunks(per_statement) {
            match &mut *$conn {
                DbConn::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConn::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    }};
}

impl Batch {
    /// Writes every row of the batch (the caller holds the transaction).
    pub fn insert(&self, conn: &mut DbConn) -> StoreResult<()> {
        insert_all!(conn, persons::table, self.persons, 20);
        insert_all!(conn, companies::table, self.companies, 18);
        insert_all!(conn, company_words::table, self.company_words, 3);
        insert_all!(conn, company_admins::table, self.company_admins, 3);
        insert_all!(conn, employments::table, self.employments, 10);
        insert_all!(conn, cases::table, self.cases, 18);
        insert_all!(conn, moments::table, self.moments, 11);
        insert_all!(conn, files::table, self.files, 10);
        insert_all!(conn, moment_reviews::table, self.reviews, 7);
        insert_all!(conn, events::table, self.events, 8);
        insert_all!(conn, decisions::table, self.decisions, 6);
        insert_all!(conn, attestations::table, self.attestations, 6);
        insert_all!(conn, invoice_recipients::table, self.invoices, 14);
        insert_all!(conn, reminders::table, self.reminders, 4);
        Ok(())
    }

    pub fn rows(&self) -> usize {
        self.persons.len()
            + self.companies.len()
            + self.company_words.len()
            + self.company_admins.len()
            + self.employments.len()
            + self.cases.len()
            + self.moments.len()
            + self.files.len()
            + self.reviews.len()
            + self.events.len()
            + self.decisions.len()
            + self.attestations.len()
            + self.invoices.len()
            + self.reminders.len()
    }
}

/// Moves a counter to at least `value` (the loader numbers cases and certificates itself).
pub fn raise_counter(conn: &mut DbConn, name: &str, value: i64) -> StoreResult<()> {
    diesel::update(counters::table.find(name).filter(counters::value.lt(value)))
        .set(counters::value.eq(value))
        .execute(conn)?;
    Ok(())
}

/// Gives every issued certificate of our own without one its place in the credentials'
/// status lists, numbered on from the counter 'status-list' in order of issue, and moves the
/// counter past them (the loader inserts cases as issued; migration 000011 does the same
/// for the certificates issued before it). One statement each; it reads every case.
pub fn assign_status_indexes(conn: &mut DbConn) -> StoreResult<()> {
    diesel::connection::SimpleConnection::batch_execute(
        conn,
        "UPDATE cases SET status_index = n.rn + (SELECT value FROM counters WHERE name = 'status-list') \
           FROM (SELECT c.id, row_number() OVER (ORDER BY c.issued_on, c.id) AS rn \
                   FROM cases c JOIN certificate_types t ON t.id = c.type_id \
                  WHERE c.certificate_number IS NOT NULL AND c.status_index IS NULL \
                    AND NOT t.is_external) AS n \
          WHERE cases.id = n.id; \
         UPDATE counters SET value = (SELECT COALESCE(MAX(status_index), 0) FROM cases) \
          WHERE name = 'status-list';",
    )?;
    Ok(())
}

/// A counter's current value.
pub fn counter(conn: &mut DbConn, name: &str) -> StoreResult<i64> {
    Ok(counters::table
        .find(name)
        .select(counters::value)
        .first(conn)?)
}

/// What a load suspended, for `finish_load` to restore: the triggers' definitions on
/// SQLite (which cannot switch a trigger off, only drop and create it again), and on both
/// the definitions of the plain secondary indexes of the tables that grow most.
#[derive(Debug, Default)]
pub struct Load {
    sqlite_triggers: Vec<String>,
    indexes: Vec<String>,
    /// The session runs as a replica (no foreign-key checks) until `finish_load`.
    pg_replica: bool,
    /// The SQLite load left WAL mode (`leave_wal`): `finish_load` goes back to it.
    sqlite_left_wal: bool,
}

/// The tables whose plain secondary indexes a load drops and builds again after: the
/// largest, indexed on random ids. Kept up row by row, their index pages outgrow the
/// cache, and each is read and written again many times over (on PostgreSQL with a full
/// page image in the WAL after every checkpoint, on SQLite as a WAL frame at every batch's
/// commit and again by the checkpoint that copies it back); built at the end, each index
/// is one sort, its pages written once and full.
const REINDEXED: [&str; 7] = [
    "events",
    "moments",
    "moment_reviews",
    "files",
    "cases",
    "decisions",
    "invoice_recipients",
];

/// [`REINDEXED`] as an SQL list of strings.
fn reindexed_list() -> String {
    REINDEXED.map(|t| format!("'{t}'")).join(", ")
}

/// The tables whose triggers keep derived rows: the officers' queues and their counts, the
/// employments' copies of the person's name key and earliest yearly renewal, and the
/// companies' counts of employments.
const TRIGGERED: [&str; 8] = [
    "moments",
    "cases",
    "attestations",
    "invoice_recipients",
    "employments",
    "persons",
    "review_queue",
    "decision_queue",
];

/// The derived rows, computed afresh from the tables they follow (what the triggers keep
/// row by row; the same statements as the migrations that made them).
fn rebuild_derived(postgres: bool) -> String {
    let awaiting = MomentStatus::AwaitingReview.code();
    let open = CaseStatus::InProgress.code();
    let approved = MomentStatus::Approved.code();
    let active = CaseStatus::Active.code();
    let inactive = CaseStatus::Inactive.code();
    let confirmed = EmploymentStatus::Confirmed.code();
    let day = if postgres {
        "CAST(awaiting_since AS DATE)"
    } else {
        "date(awaiting_since)"
    };
    format!("\
    DELETE FROM review_queue; \
    INSERT INTO review_queue (moment_id, case_id, type_id, area_id, awaiting_since) \
    SELECT m.id, c.id, c.type_id, t.area_id, COALESCE(m.awaiting_since, m.updated_at) \
      FROM moments m JOIN cases c ON c.id = m.case_id \
      JOIN certificate_types t ON t.id = c.type_id \
     WHERE m.status = '{awaiting}' AND c.status = '{open}'; \
    DELETE FROM review_queue_counts; \
    INSERT INTO review_queue_counts (type_id, area_id, n) \
    SELECT type_id, area_id, COUNT(*) FROM review_queue GROUP BY type_id, area_id; \
    DELETE FROM review_queue_days; \
    INSERT INTO review_queue_days (area_id, type_id, day, n) \
    SELECT area_id, type_id, {day}, COUNT(*) FROM review_queue GROUP BY area_id, type_id, {day} \
    UNION ALL SELECT area_id, '', {day}, COUNT(*) FROM review_queue GROUP BY area_id, {day} \
    UNION ALL SELECT '', type_id, {day}, COUNT(*) FROM review_queue GROUP BY type_id, {day} \
    UNION ALL SELECT '', '', {day}, COUNT(*) FROM review_queue GROUP BY {day}; \
    DELETE FROM decision_queue; \
    INSERT INTO decision_queue (case_id, updated_at) \
    SELECT c.id, c.updated_at FROM cases c \
     WHERE c.status = '{open}' \
       AND EXISTS (SELECT 1 FROM attestations a WHERE a.case_id = c.id) \
       AND EXISTS (SELECT 1 FROM invoice_recipients i WHERE i.case_id = c.id) \
       AND NOT EXISTS (SELECT 1 FROM moments m WHERE m.case_id = c.id AND m.status <> '{approved}'); \
    UPDATE decision_queue_count SET n = (SELECT COUNT(*) FROM decision_queue) WHERE id = 1; \
    DELETE FROM company_employment_counts; \
    INSERT INTO company_employment_counts (company_id, status, n) \
    SELECT company_id, status, COUNT(*) FROM employments GROUP BY company_id, status; \
    DELETE FROM company_annual_due; \
    INSERT INTO company_annual_due (company_id, due_on, n) \
    SELECT e.company_id, c.annual_renewal_on, COUNT(*) \
      FROM employments e JOIN cases c ON c.person_id = e.person_id \
     WHERE e.status = '{confirmed}' AND c.status IN ('{active}', '{inactive}') \
       AND c.annual_renewal_on IS NOT NULL \
     GROUP BY e.company_id, c.annual_renewal_on ORDER BY e.company_id, c.annual_renewal_on; \
    UPDATE cases SET holder_key = \
      COALESCE((SELECT p.name_key FROM persons p WHERE p.id = cases.person_id), '') \
     WHERE holder_key = ''; \
    UPDATE employments SET person_name_key = \
      COALESCE((SELECT p.name_key FROM persons p WHERE p.id = employments.person_id), ''), \
      annual_due_on = NULL; \
    UPDATE employments SET annual_due_on = d.due \
      FROM (SELECT person_id, MIN(annual_renewal_on) AS due FROM cases \
             WHERE status IN ('{active}', '{inactive}') AND annual_renewal_on IS NOT NULL \
             GROUP BY person_id) AS d \
     WHERE d.person_id = employments.person_id;")
}

#[derive(diesel::QueryableByName)]
struct IndexRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

#[derive(diesel::QueryableByName)]
struct TriggerRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Settings that make a bulk load fast: on SQLite a large page cache for the indexes
/// being built, and no fsync while loading (a crash mid-load leaves a data set to throw
/// away, nothing of value). On both, the triggers that keep derived rows are suspended:
/// `finish_load` computes those rows once, in one statement each, rather than a trigger
/// per loaded row (which took the full-size seed from 3 to 8 minutes), and restores them.
/// On both the plain indexes of the largest tables are dropped too, and built again once
/// at the end ([`REINDEXED`]).
///
/// On SQLite, when the loading connection is the file's only one, the load also leaves WAL
/// mode for a rollback journal (`leave_wal`); the seeder loads on a connection of its own.
///
/// The drops are one transaction: the caller gets no `Load` to restore from when this
/// fails, so a drop that fails takes back those before it, and no trigger or index stays
/// away. The connection's settings are put back too.
pub fn prepare_for_load(conn: &mut DbConn) -> StoreResult<Load> {
    use diesel::connection::SimpleConnection;
    let mut load = Load::default();
    // Outside the transaction: SQLite ignores `foreign_keys` inside one, and a refused
    // `SET` would abort PostgreSQL's.
    match &mut *conn {
        DbConn::Sqlite(c) => {
            // The loader's rows refer to each other consistently by construction: checking
            // each foreign key per row is work for nothing (`finish_load` turns it back on).
            // Each multi-row INSERT inside a batch's transaction keeps a statement journal
            // of the pages it touches first, to undo itself alone; in a temporary file that
            // was a tenth of the load's time, in `pwrite`s. In memory it is one statement's
            // pages.
            c.batch_execute(
                "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF; \
                 PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY;",
            )?;
            load.sqlite_left_wal = leave_wal(c);
        }
        DbConn::Postgres(c) => {
            // No foreign-key check per loaded row (PostgreSQL runs each as a query: most
            // of a full-size load's time): the loader's rows are consistent by
            // construction. Only a superuser may; anyone else loads with the checks.
            load.pg_replica = c
                .batch_execute("SET session_replication_role = replica")
                .is_ok();
        }
    }
    match conn.transaction(|c| suspend(c, &mut load)) {
        Ok(()) => Ok(load),
        Err(e) => {
            // Nothing was dropped: only the settings above are to put back.
            let _ = reset_settings(conn, &load);
            Err(e)
        }
    }
}

#[derive(diesel::QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = diesel::sql_types::Text)]
    journal_mode: String,
}

/// SQLite's journal mode now (`PRAGMA journal_mode` without a value reads it).
pub fn journal_mode(c: &mut diesel::SqliteConnection) -> StoreResult<String> {
    let mode: JournalMode = diesel::sql_query("PRAGMA journal_mode").get_result(c)?;
    Ok(mode.journal_mode)
}

/// Takes a SQLite load out of WAL mode, into a rollback journal; false when the load
/// stays in WAL. In WAL mode each batch's pages were written twice: as frames at its
/// commit, and again by the checkpoint that copies them into the database, with the WAL's
/// pages read back in between. With a rollback journal a new page is written once, into
/// the database; the journal keeps only the pages a batch changes that were there before
/// it (the load appends, its ids growing with time), and no more than before is lost to a
/// crash: the journal is on disk, if not flushed (`synchronous = OFF`), so a load whose
/// process is killed (Ctrl-C) is rolled back by the next connection to open the file, as
/// WAL mode did; one that a crash of the machine interrupts leaves a data set to throw
/// away. A journal in memory was no faster, and a killed load would have left the file
/// corrupt (`scale::load` kills one).
///
/// Leaving WAL needs the file to itself: every other connection holds a lock on it (a
/// portal serving it, the pool's other connections). Then SQLite refuses the switch at
/// once ("database is locked", without waiting out the busy timeout) and the load runs in
/// WAL mode as before.
fn leave_wal(c: &mut diesel::SqliteConnection) -> bool {
    if journal_mode(c).ok().as_deref() != Some("wal") {
        return false;
    }
    diesel::sql_query("PRAGMA journal_mode = DELETE")
        .get_result::<JournalMode>(c)
        .is_ok_and(|mode| mode.journal_mode == "delete")
}

/// The triggers and the plain indexes of [`REINDEXED`] away, each noted in `load` to be
/// restored by `finish_load`; inside `prepare_for_load`'s transaction.
fn suspend(conn: &mut DbConn, load: &mut Load) -> StoreResult<()> {
    use diesel::connection::SimpleConnection;
    let indexes: Vec<IndexRow> = match &mut *conn {
        DbConn::Sqlite(c) => {
            let triggers: Vec<TriggerRow> = diesel::sql_query(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
            )
            .load(c)?;
            for t in triggers {
                c.batch_execute(&format!("DROP TRIGGER {}", crate::snapshot::ident(&t.name)))?;
                load.sqlite_triggers.push(t.sql);
            }
            // A key's own index (`sqlite_autoindex_…`) has no SQL and stays.
            diesel::sql_query(format!(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
                 AND tbl_name IN ({}) AND sql IS NOT NULL \
                 AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name",
                reindexed_list()
            ))
            .load(c)?
        }
        DbConn::Postgres(c) => {
            for table in TRIGGERED {
                c.batch_execute(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))?;
            }
            diesel::sql_query(format!(
                "SELECT indexname AS name, indexdef AS sql FROM pg_indexes \
                 WHERE schemaname = current_schema() AND tablename IN ({}) \
                 AND indexdef NOT LIKE 'CREATE UNIQUE %' ORDER BY indexname",
                reindexed_list()
            ))
            .load(c)?
        }
    };
    // Only the plain indexes the query found: a unique one or a key stays, still checking
    // what is loaded. `finish_load` builds them again.
    for i in indexes {
        conn.batch_execute(&format!("DROP INDEX {}", crate::snapshot::ident(&i.name)))?;
        load.indexes.push(i.sql);
    }
    Ok(())
}

/// The connection's own settings again, as `prepare_for_load` found them.
fn reset_settings(conn: &mut DbConn, load: &Load) -> StoreResult<()> {
    use diesel::connection::SimpleConnection;
    match conn {
        DbConn::Sqlite(c) => {
            if load.sqlite_left_wal {
                c.batch_execute("PRAGMA journal_mode = WAL")?;
            }
            c.batch_execute(
                "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000; \
                 PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT;",
            )?
        }
        DbConn::Postgres(c) => {
            if load.pg_replica {
                c.batch_execute("RESET session_replication_role")?;
            }
        }
    }
    Ok(())
}

/// Back to the pool's settings, with the indexes built again, the derived rows computed,
/// the triggers back, the load on disk and the planner's statistics fresh. The seeder
/// calls it also when the load failed half-way, so that no index or trigger stays away.
pub fn finish_load(conn: &mut DbConn, load: Load) -> StoreResult<()> {
    use diesel::connection::SimpleConnection;
    let postgres = conn.is_postgres();
    // SQLite's load settings stay for the indexes and the derived rows (below).
    if postgres {
        reset_settings(conn, &load)?;
    }
    if let DbConn::Postgres(c) = &mut *conn {
        // Room to sort each index in memory, for this session only (SQLite sorts in the
        // load's large page cache).
        c.batch_execute("SET maintenance_work_mem = '512MB'")?;
    }
    for sql in &load.indexes {
        conn.batch_execute(sql)?;
    }
    if let DbConn::Postgres(c) = &mut *conn {
        c.batch_execute("RESET maintenance_work_mem")?;
    }
    conn.transaction(|c| c.batch_execute(&rebuild_derived(postgres)))?;
    if !postgres {
        reset_settings(conn, &load)?;
    }
    match conn {
        DbConn::Sqlite(c) => {
            for sql in &load.sqlite_triggers {
                c.batch_execute(sql)?;
            }
            c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        DbConn::Postgres(c) => {
            for table in TRIGGERED {
                c.batch_execute(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))?;
            }
            // A freshly loaded table has no visibility map: index-only scans would still
            // visit every row until autovacuum comes by.
            c.batch_execute("VACUUM")?;
        }
    }
    analyze(conn)
}

/// Refreshes the planner's statistics after a load.
pub fn analyze(conn: &mut DbConn) -> StoreResult<()> {
    diesel::connection::SimpleConnection::batch_execute(conn, "ANALYZE")?;
    Ok(())
}
