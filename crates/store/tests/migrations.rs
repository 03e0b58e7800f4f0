//! Migrations that rebuild tables keep every row and every column in its place, applied to
//! a database that already holds data, and reverted again (the status CHECKs of 000004,
//! the length CHECKs of 000006).
#![allow(clippy::unwrap_used)] // a test that unwraps fails loudly, which is what it should do

use std::collections::BTreeMap;
use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use diesel_migrations::{FileBasedMigrations, MigrationHarness};
use store::conn::ConnectionManager;
use store::DbConn;

mod common;

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn names(conn: &mut DbConn, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

fn migrations(conn: &DbConn) -> FileBasedMigrations {
    let dir = match conn {
        DbConn::Sqlite(_) => "sqlite",
        DbConn::Postgres(_) => "postgres",
    };
    FileBasedMigrations::from_path(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(dir),
    )
    .unwrap()
}

fn run_next(conn: &mut DbConn) {
    let source = migrations(conn);
    match conn {
        DbConn::Sqlite(c) => c.run_next_migration(source).map(drop),
        DbConn::Postgres(c) => c.run_next_migration(source).map(drop),
    }
    .unwrap();
}

/// Runs the pending migrations that come before the one whose name starts with `prefix`.
fn run_until(conn: &mut DbConn, prefix: &str) {
    loop {
        let source = migrations(conn);
        let first = |names: Vec<String>| names.into_iter().next();
        let next = match conn {
            DbConn::Sqlite(c) => first(
                c.pending_migrations(source)
                    .unwrap()
                    .iter()
                    .map(|m| m.name().to_string())
                    .collect(),
            ),
            DbConn::Postgres(c) => first(
                c.pending_migrations(source)
                    .unwrap()
                    .iter()
                    .map(|m| m.name().to_string())
                    .collect(),
            ),
        }
        .expect("the migration is there");
        if next.starts_with(prefix) {
            return;
        }
        run_next(conn);
    }
}

fn revert_last(conn: &mut DbConn) {
    let source = migrations(conn);
    match conn {
        DbConn::Sqlite(c) => c.revert_last_migration(source).map(drop),
        DbConn::Postgres(c) => c.revert_last_migration(source).map(drop),
    }
    .unwrap();
}

/// Every table's columns in order and its rows as text, so that a column moved, a value
/// put in the wrong column or a row lost all show.
fn contents(conn: &mut DbConn) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let (tables, columns) = match conn {
        DbConn::Sqlite(_) => (
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'",
            "SELECT name FROM pragma_table_info('{t}') ORDER BY cid",
        ),
        DbConn::Postgres(_) => (
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = '{t}' ORDER BY ordinal_position",
        ),
    };
    let mut all = BTreeMap::new();
    for table in names(conn, tables) {
        let cols = names(conn, &columns.replace("{t}", &table));
        let row = cols
            .iter()
            .map(|c| format!("COALESCE(CAST({c} AS TEXT), '-')"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let mut rows = names(conn, &format!("SELECT {row} AS name FROM {table}"));
        rows.sort();
        all.insert(table, (cols, rows));
    }
    all
}

/// A row in every table, each referring to the others, so that a rebuilt table's drop and
/// re-creation meets foreign keys (and ON DELETE CASCADE) in both directions.
const ROWS: &str = "
INSERT INTO persons (id, personnummer, first_name, last_name, email, created_at, updated_at, is_handlaggare)
  VALUES ('person-1', '198112189876', 'Pia', 'Persson', 'pia@example.se', '2026-01-01 10:00:00', '2026-01-01 10:00:00', TRUE);
INSERT INTO sessions VALUES ('session-1', 'person-1', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
INSERT INTO email_tokens VALUES ('token-1', 'person-1', 'verify', '2026-01-01 10:00:00', '2026-01-02 10:00:00', NULL);
INSERT INTO login_failures VALUES ('failure-1', 'pia@example.se', '2026-01-01 10:00:00');
INSERT INTO outbox (id, recipient, subject, body, created_at, next_attempt_at)
  VALUES ('mail-1', 'pia@example.se', 'Hej', 'Text', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
INSERT INTO companies (id, orgnr, name, postal_code, created_at, certificate_status, certificate_status_since)
  VALUES ('company-1', '5560125790', 'Kyl AB', '903 25', '2026-01-01 10:00:00', 'active', '2026-01-03 10:00:00');
INSERT INTO company_admins VALUES ('company-1', 'person-1', '2026-01-01 10:00:00');
INSERT INTO events (id, at, actor_id, person_id, company_id, case_id, kind)
  VALUES ('event-1', '2026-01-01 10:00:00', 'person-1', 'person-1', 'company-1', 'case-1', 'case-created');
INSERT INTO areas VALUES ('area-1', 'FGAS', 'F-gas', 'F-gas', 1);
INSERT INTO commitment_texts VALUES ('commitment-1', 'C', 1, 'Jag lovar', 'I promise', '2026-01-01 10:00:00');
INSERT INTO certificate_types VALUES
  ('type-1', 'KAT-I', 'area-1', 'Kat I', 'Cat I', 'person', TRUE, 1500, FALSE, 5, 5, TRUE, 'C', 1),
  ('type-2', 'FORETAG', 'area-1', 'Företag', 'Company', 'company', FALSE, 3000, TRUE, 0, 1, FALSE, 'C', 2);
INSERT INTO moment_templates VALUES
  ('template-1', 'type-1', 'M1', 'Intyg', 'Certificate', 'file', 'intyg.pdf', 1),
  ('template-2', 'type-1', 'M2', 'Prov', 'Test', 'staff', NULL, 2);
INSERT INTO cases VALUES
  ('case-1', 1, 'person-1', 'type-1', 'active', 'F-0001', '2026-01-05', '2031-01-05', '2026-01-05',
   NULL, '2031-01-05', '', '', '', '', '2026-01-01 10:00:00', '2026-01-05 10:00:00'),
  ('case-2', 2, 'person-1', 'type-2', 'in_progress', NULL, NULL, NULL, NULL,
   NULL, NULL, 'Body', 'NO', 'X1', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
INSERT INTO moments VALUES
  ('moment-1', 'case-1', 'template-1', 'approved', '', '2026-01-01 10:00:00', 'person-1',
   '2026-01-02 10:00:00', 'person-1', NULL, 1),
  ('moment-2', 'case-2', 'template-2', 'awaiting_review', 'Se över', '2026-01-01 10:00:00', 'person-1',
   '2026-01-02 10:00:00', 'person-1', '2026-01-02 10:00:00', 2);
INSERT INTO moment_reviews VALUES ('review-1', 'moment-1', 'case-1', 'person-1', TRUE, '', '2026-01-02 10:00:00');
INSERT INTO files VALUES ('file-1', 'moment-1', 'case-1', 'person-1', '2026-01-01 10:00:00', 'intyg.pdf',
  'application/pdf', 1234, 'abc123', 'key-1');
INSERT INTO attestations VALUES ('attestation-1', 'case-1', 'person-1', 'commitment-1', 'yes', '2026-01-01 10:00:00');
INSERT INTO invoice_recipients VALUES ('case-1', 'company', 'company-1', 'Kyl AB', 'Storgatan 1', '', '903 25',
  'Umeå', 'Sverige', '', 'faktura@kyl.se', 'Ref 1', '2026-01-01 10:00:00', 'person-1');
INSERT INTO decisions VALUES ('decision-1', 'case-1', 'issue', 'person-1', '2026-01-05 10:00:00', '');
INSERT INTO employments VALUES
  ('employment-1', 'person-1', 'company-1', 'confirmed', '2026-01-01', NULL, '2026-01-01 10:00:00',
   '2026-01-02 10:00:00', 'person-1', '2026-01-02 10:00:00');
";

fn status_checks_keep_every_row(url: &str) {
    let mut conn = ConnectionManager::new(url).connect().unwrap();
    for _ in 0..3 {
        run_next(&mut conn);
    }
    conn.batch_execute(ROWS).unwrap();
    let before = contents(&mut conn);
    assert!(before.values().all(|(_, rows)| !rows.is_empty()));

    run_next(&mut conn);
    assert_eq!(contents(&mut conn), before, "up.sql changed the data");
    if let DbConn::Sqlite(_) = conn {
        assert!(names(
            &mut conn,
            "SELECT \"table\" AS name FROM pragma_foreign_key_check"
        )
        .is_empty());
    }

    revert_last(&mut conn);
    assert_eq!(contents(&mut conn), before, "down.sql changed the data");
    run_next(&mut conn);
    assert_eq!(contents(&mut conn), before);
}

/// The throttling migration keeps the failures already recorded (with no client) and
/// reverts and reapplies without losing a row.
fn throttling_reverts_cleanly(url: &str) {
    let mut conn = ConnectionManager::new(url).connect().unwrap();
    for _ in 0..4 {
        run_next(&mut conn);
    }
    conn.batch_execute(ROWS).unwrap();
    run_next(&mut conn);
    conn.batch_execute(
        "INSERT INTO limited_mails VALUES ('limited-1', 'person-1', 'reset', '2026-01-01 10:00:00')",
    )
    .unwrap();
    assert_eq!(
        names(
            &mut conn,
            "SELECT email || '|' || client AS name FROM login_failures"
        ),
        vec!["pia@example.se|".to_string()]
    );
    let applied = contents(&mut conn);
    revert_last(&mut conn);
    assert!(!contents(&mut conn).contains_key("limited_mails"));
    run_next(&mut conn);
    let mut again = contents(&mut conn);
    // The mails sent are forgotten with their table; everything else is as it was.
    assert!(again
        .get("limited_mails")
        .is_some_and(|(_, rows)| rows.is_empty()));
    again.insert("limited_mails".into(), applied["limited_mails"].clone());
    assert_eq!(again, applied);
}

/// The length limits keep every row (on SQLite the rebuilt persons and companies take the
/// rows that ON DELETE CASCADE empties with them: sessions, e-mail links, company
/// administrators, mails counted against the hourly limit), and cut a value longer than its
/// limit instead of failing on it.
fn text_limits_keep_every_row(url: &str) {
    const TEXT_LIMITS: &str = "2026-11-25-000006";
    let mut conn = ConnectionManager::new(url).connect().unwrap();
    for _ in 0..4 {
        run_next(&mut conn);
    }
    conn.batch_execute(ROWS).unwrap();
    run_until(&mut conn, TEXT_LIMITS);
    conn.batch_execute(
        "INSERT INTO limited_mails VALUES ('limited-1', 'person-1', 'reset', '2026-01-01 10:00:00')",
    )
    .unwrap();
    let before = contents(&mut conn);
    assert!(before.values().all(|(_, rows)| !rows.is_empty()));

    run_next(&mut conn);
    assert_eq!(contents(&mut conn), before, "up.sql changed the data");
    if let DbConn::Sqlite(_) = conn {
        assert!(names(
            &mut conn,
            "SELECT \"table\" AS name FROM pragma_foreign_key_check"
        )
        .is_empty());
    }
    revert_last(&mut conn);
    assert_eq!(contents(&mut conn), before, "down.sql changed the data");

    // A name stored before the limit, as the company form allowed, is cut to it.
    conn.batch_execute(&format!(
        "UPDATE companies SET name = '{}' WHERE id = 'company-1'",
        "x".repeat(10_000)
    ))
    .unwrap();
    run_next(&mut conn);
    assert_eq!(
        names(&mut conn, "SELECT name FROM companies"),
        ["x".repeat(200)]
    );
    let mut after = contents(&mut conn);
    after.remove("companies");
    let mut expected = before;
    expected.remove("companies");
    assert_eq!(after, expected);
}

mod sqlite {
    fn url(dir: &tempfile::TempDir) -> String {
        format!("sqlite://{}", dir.path().join("migrations.db").display())
    }

    #[test]
    fn status_checks_keep_every_row() {
        let dir = tempfile::tempdir().unwrap();
        super::status_checks_keep_every_row(&url(&dir));
    }

    #[test]
    fn throttling_reverts_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        super::throttling_reverts_cleanly(&url(&dir));
    }

    #[test]
    fn text_limits_keep_every_row() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("migrations.db").display());
        super::text_limits_keep_every_row(&url);
    }
}

mod postgres {
    #[test]
    fn status_checks_keep_every_row() {
        let db = crate::common::PgDatabase::create();
        super::status_checks_keep_every_row(&db.url);
    }

    #[test]
    fn throttling_reverts_cleanly() {
        let db = crate::common::PgDatabase::create();
        super::throttling_reverts_cleanly(&db.url);
    }

    #[test]
    fn text_limits_keep_every_row() {
        let db = crate::common::PgDatabase::create();
        super::text_limits_keep_every_row(&db.url);
    }
}
