//! The database schema itself: the constraints that hold whatever code writes the rows.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::RunQueryDsl;
use domain::certification::{
    CaseStatus, DecisionKind, InvoiceRecipientKind, MomentKind, MomentStatus, Subject,
};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;
use domain::mail_limit::LimitedMail;
use domain::text::{COMMENT_MAX, COMPANY_NAME_MAX, EMAIL_MAX, LINE_MAX, NAME_MAX, POSTAL_CODE_MAX};
use store::{DbConn, StoreError};

use crate::harness::TestApp;

mod drift;

crate::on_both_backends!(unknown_codes_are_refused, text_limits_hold_in_the_database);

/// The codes of a coded enum, as `domain` declares them.
fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// Every status and fixed-kind column: table, column, the key of the row the test writes,
/// and the codes of its enum in `domain`. The database's CHECK must accept exactly those:
/// a code added to an enum without a migration fails here.
fn coded_columns() -> Vec<(&'static str, &'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "cases",
            "status",
            "id = 'case-1'",
            codes(CaseStatus::ALL, CaseStatus::code),
        ),
        (
            "moments",
            "status",
            "id = 'moment-1'",
            codes(MomentStatus::ALL, MomentStatus::code),
        ),
        (
            "employments",
            "status",
            "id = 'employment-1'",
            codes(EmploymentStatus::ALL, EmploymentStatus::code),
        ),
        (
            "companies",
            "certificate_status",
            "id = 'company-1'",
            codes(Standing::ALL, Standing::code),
        ),
        (
            "invoice_recipients",
            "kind",
            "case_id = 'case-1'",
            codes(InvoiceRecipientKind::ALL, InvoiceRecipientKind::code),
        ),
        (
            "decisions",
            "kind",
            "id = 'decision-1'",
            codes(DecisionKind::ALL, DecisionKind::code),
        ),
        (
            "moment_templates",
            "kind",
            "id = (SELECT MIN(id) FROM moment_templates)",
            codes(MomentKind::ALL, MomentKind::code),
        ),
        (
            "certificate_types",
            "subject",
            "id = (SELECT MIN(id) FROM certificate_types)",
            codes(Subject::ALL, Subject::code),
        ),
        (
            "limited_mails",
            "kind",
            "id = 'limited-mail-1'",
            codes(LimitedMail::ALL, LimitedMail::code),
        ),
    ]
}

/// One row in each table with a coded column (the catalogue's types and moment templates
/// are already there).
const ROWS: &[&str] = &[
    "INSERT INTO persons (id, first_name, last_name, email, created_at, updated_at) \
     VALUES ('person-1', 'Pia', 'Persson', 'pia@example.se', '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
    "INSERT INTO companies (id, orgnr, name, created_at) \
     VALUES ('company-1', '5560125790', 'Kyl AB', '2026-01-01 10:00:00')",
    "INSERT INTO cases (id, number, person_id, type_id, status, created_at, updated_at) \
     VALUES ('case-1', 1, 'person-1', (SELECT MIN(id) FROM certificate_types), 'in_progress', \
     '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
    "INSERT INTO moments (id, case_id, template_id, status, created_at, created_by, updated_at, updated_by) \
     VALUES ('moment-1', 'case-1', (SELECT MIN(id) FROM moment_templates), 'awaiting_file', \
     '2026-01-01 10:00:00', 'person-1', '2026-01-01 10:00:00', 'person-1')",
    "INSERT INTO employments (id, person_id, company_id, status, start_date, requested_at, updated_at) \
     VALUES ('employment-1', 'person-1', 'company-1', 'pending', '2026-01-01', \
     '2026-01-01 10:00:00', '2026-01-01 10:00:00')",
    "INSERT INTO invoice_recipients (case_id, kind, company_id, address_line1, postal_code, city, \
     country, updated_at, updated_by) VALUES ('case-1', 'company', 'company-1', 'Storgatan 1', \
     '903 25', 'Umeå', 'Sverige', '2026-01-01 10:00:00', 'person-1')",
    "INSERT INTO decisions (id, case_id, kind, decided_by, decided_at) \
     VALUES ('decision-1', 'case-1', 'issue', 'person-1', '2026-01-01 10:00:00')",
    "INSERT INTO limited_mails (id, person_id, kind, sent_at) \
     VALUES ('limited-mail-1', 'person-1', 'reset', '2026-01-01 10:00:00')",
];

#[track_caller]
fn assert_check_violation(result: Result<usize, DieselError>, constraint: &str, sql: &str) {
    match result {
        Err(DieselError::DatabaseError(DatabaseErrorKind::CheckViolation, info)) => assert!(
            info.message().contains(constraint),
            "{sql}: refused, but not by {constraint}: {}",
            info.message()
        ),
        other => panic!("{sql}: expected {constraint} to refuse it, got {other:?}"),
    }
}

async fn unknown_codes_are_refused(app: TestApp) {
    app.state
        .db
        .run(|c: &mut DbConn| {
            for sql in ROWS {
                diesel::sql_query(*sql).execute(c)?;
            }
            for (table, column, row, codes) in coded_columns() {
                // Every code in use is accepted...
                for code in codes {
                    let sql = format!("UPDATE {table} SET {column} = '{code}' WHERE {row}");
                    assert_eq!(diesel::sql_query(&sql).execute(c)?, 1, "{sql}");
                }
                // ...and anything else refused, by the constraint named for the column.
                let constraint = format!("{table}_{column}_check");
                for bogus in ["bogus", "", "Active"] {
                    let sql = format!("UPDATE {table} SET {column} = '{bogus}' WHERE {row}");
                    assert_check_violation(diesel::sql_query(&sql).execute(c), &constraint, &sql);
                }
            }
            // A new row is checked as well as a changed one.
            let sql = "INSERT INTO decisions (id, case_id, kind, decided_by, decided_at) \
                       VALUES ('decision-2', 'case-1', 'approve', 'person-1', '2026-01-02 10:00:00')";
            assert_check_violation(diesel::sql_query(sql).execute(c), "decisions_kind_check", sql);
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}

/// Every text column a person fills: table, column, the key of the row the test writes,
/// and the limit the forms apply (`domain::text`). The database's CHECK must say the same.
fn text_columns() -> Vec<(&'static str, &'static str, &'static str, usize)> {
    let person = "id = 'person-1'";
    let company = "id = 'company-1'";
    let case = "id = 'case-1'";
    let recipient = "case_id = 'case-1'";
    vec![
        ("persons", "first_name", person, NAME_MAX),
        ("persons", "last_name", person, NAME_MAX),
        ("persons", "email", person, EMAIL_MAX),
        ("persons", "phone", person, LINE_MAX),
        ("persons", "address_line1", person, LINE_MAX),
        ("persons", "address_line2", person, LINE_MAX),
        ("persons", "postal_code", person, POSTAL_CODE_MAX),
        ("persons", "city", person, LINE_MAX),
        ("persons", "country", person, LINE_MAX),
        ("companies", "name", company, COMPANY_NAME_MAX),
        ("companies", "address_line1", company, LINE_MAX),
        ("companies", "address_line2", company, LINE_MAX),
        ("companies", "postal_code", company, POSTAL_CODE_MAX),
        ("companies", "city", company, LINE_MAX),
        ("companies", "country", company, LINE_MAX),
        ("companies", "invoice_address_line1", company, LINE_MAX),
        ("companies", "invoice_address_line2", company, LINE_MAX),
        ("companies", "invoice_postal_code", company, POSTAL_CODE_MAX),
        ("companies", "invoice_city", company, LINE_MAX),
        ("companies", "invoice_country", company, LINE_MAX),
        ("companies", "invoice_email", company, EMAIL_MAX),
        ("invoice_recipients", "name", recipient, COMPANY_NAME_MAX),
        ("invoice_recipients", "address_line1", recipient, LINE_MAX),
        ("invoice_recipients", "address_line2", recipient, LINE_MAX),
        (
            "invoice_recipients",
            "postal_code",
            recipient,
            POSTAL_CODE_MAX,
        ),
        ("invoice_recipients", "city", recipient, LINE_MAX),
        ("invoice_recipients", "country", recipient, LINE_MAX),
        ("invoice_recipients", "phone", recipient, LINE_MAX),
        ("invoice_recipients", "email", recipient, EMAIL_MAX),
        ("invoice_recipients", "reference", recipient, LINE_MAX),
        ("cases", "external_body", case, COMPANY_NAME_MAX),
        ("cases", "external_country", case, LINE_MAX),
        ("cases", "external_number", case, LINE_MAX),
        ("cases", "decision_reason", case, COMMENT_MAX),
        ("moments", "review_comment", "id = 'moment-1'", COMMENT_MAX),
        ("moment_reviews", "comment", "id = 'review-1'", COMMENT_MAX),
        ("decisions", "reason", "id = 'decision-1'", COMMENT_MAX),
    ]
}

/// A text exactly at its limit is kept, one character more refused by the CHECK named
/// for the column; counted in characters («å» is two bytes), on both backends. Before,
/// nothing limited them: «Administration»'s company form stored a 10 000-character name.
async fn text_limits_hold_in_the_database(app: TestApp) {
    app.state
        .db
        .run(|c: &mut DbConn| {
            for sql in ROWS {
                diesel::sql_query(*sql).execute(c)?;
            }
            diesel::sql_query(
                "INSERT INTO moment_reviews (id, moment_id, case_id, reviewer_id, approved, at) \
                 VALUES ('review-1', 'moment-1', 'case-1', 'person-1', false, '2026-01-01 10:00:00')",
            )
            .execute(c)?;
            for (table, column, row, max) in text_columns() {
                let sql = format!("UPDATE {table} SET {column} = '{}' WHERE {row}", "å".repeat(max));
                assert_eq!(diesel::sql_query(&sql).execute(c)?, 1, "{table}.{column}");
                let sql = format!(
                    "UPDATE {table} SET {column} = '{}' WHERE {row}",
                    "å".repeat(max + 1)
                );
                let constraint = format!("{table}_{column}_length");
                assert_check_violation(diesel::sql_query(&sql).execute(c), &constraint, &sql);
            }
            // The name the probe stored, written straight into the table.
            let sql = format!(
                "UPDATE companies SET name = '{}' WHERE id = 'company-1'",
                "x".repeat(10_000)
            );
            assert_check_violation(diesel::sql_query(&sql).execute(c), "companies_name_length", "10 000");
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}
