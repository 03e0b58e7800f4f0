//! The seeder suspends the triggers that keep derived rows while it loads, computes those
//! rows once at the end and restores the triggers: a seeded body's queues hold what its
//! tables say, the employments carry their people's name keys and earliest yearly
//! renewals, and a change after the load moves the queues again.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::prelude::*;
use domain::certification::{CaseStatus, MomentStatus};
use domain::employment::EmploymentStatus;
use store::models::case::Case;
use store::models::catalog::Catalogue;
use store::models::employment::Employment;
use store::models::moment::{Moment, QueueFilter};
use store::models::Change;
use store::schema::{cases, employments, persons};
use time::Date;

use super::case_page::Sent;
use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(a_seeded_body_has_its_queues_and_its_triggers);

#[derive(QueryableByName, Debug, PartialEq)]
struct IndexDef {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Every index of the database with its definition, by name.
pub(super) fn indexes(c: &mut store::DbConn) -> store::StoreResult<Vec<(String, String)>> {
    let sql = match c {
        store::DbConn::Sqlite(_) => {
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             ORDER BY name"
        }
        store::DbConn::Postgres(_) => {
            "SELECT indexname AS name, indexdef AS sql FROM pg_indexes \
             WHERE schemaname = current_schema() ORDER BY indexname"
        }
    };
    let rows: Vec<IndexDef> = match c {
        store::DbConn::Sqlite(c) => diesel::sql_query(sql).load(c)?,
        store::DbConn::Postgres(c) => diesel::sql_query(sql).load(c)?,
    };
    Ok(rows.into_iter().map(|r| (r.name, r.sql)).collect())
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

/// Whether this connection checks foreign keys: SQLite's `foreign_keys` pragma, or
/// PostgreSQL's `session_replication_role` back at `origin`.
pub(super) fn foreign_keys_checked(c: &mut store::DbConn) -> store::StoreResult<bool> {
    Ok(match c {
        store::DbConn::Sqlite(c) => {
            let on: Vec<Setting> = diesel::sql_query(
                "SELECT CAST(foreign_keys AS TEXT) AS value FROM pragma_foreign_keys",
            )
            .load(c)?;
            on.first().is_some_and(|s| s.value == "1")
        }
        store::DbConn::Postgres(c) => {
            let role: Vec<Setting> =
                diesel::sql_query("SELECT current_setting('session_replication_role') AS value")
                    .load(c)?;
            role.first().is_some_and(|s| s.value == "origin")
        }
    })
}

/// SQLite's `temp_store` (the load keeps its statement journals in memory), or None on
/// PostgreSQL, which has no such setting.
fn temp_store(c: &mut store::DbConn) -> store::StoreResult<Option<String>> {
    Ok(match c {
        store::DbConn::Sqlite(c) => {
            let rows: Vec<Setting> = diesel::sql_query(
                "SELECT CAST(temp_store AS TEXT) AS value FROM pragma_temp_store",
            )
            .load(c)?;
            rows.into_iter().next().map(|s| s.value)
        }
        store::DbConn::Postgres(_) => None,
    })
}

/// Rows whose foreign key names no row: SQLite's own check of every key (the loader's
/// rows are the same on both databases).
fn broken_references(c: &mut store::DbConn) -> store::StoreResult<usize> {
    #[derive(QueryableByName)]
    struct Broken {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = "table")]
        _table: String,
    }
    Ok(match c {
        store::DbConn::Sqlite(c) => diesel::sql_query("PRAGMA foreign_key_check")
            .load::<Broken>(c)?
            .len(),
        store::DbConn::Postgres(_) => 0,
    })
}

async fn a_seeded_body_has_its_queues_and_its_triggers(app: TestApp) {
    let hash = web::auth::password::hash(PASSWORD.to_string())
        .await
        .unwrap();
    let indexes_before = app.state.db.run(indexes).await.unwrap();
    let (seeded, checks_after, temp_store_after) = app
        .state
        .db
        .run(move |c| {
            let seeded = app::seed::seed(
                c,
                app::seed::Size {
                    persons: 200,
                    companies: 20,
                },
                &hash,
                app::today(),
            );
            // The same connection afterwards: the load's session settings are undone.
            Ok((seeded, foreign_keys_checked(c)?, temp_store(c)?))
        })
        .await
        .unwrap();
    let seeded = seeded.unwrap();
    assert!(
        checks_after,
        "foreign keys are checked again after the load"
    );
    // SQLite's default (0: as compiled, a file).
    if let Some(t) = temp_store_after {
        assert_eq!(t, "0", "temp_store is the default again after the load");
    }
    // The load skipped the foreign-key checks: its rows satisfy them all the same.
    let broken = app.state.db.run(broken_references).await.unwrap();
    assert_eq!(broken, 0);
    let (queued, ready, stale_keys) = app
        .state
        .db
        .run(|c| {
            let stale: i64 = employments::table
                .inner_join(persons::table.on(persons::id.eq(employments::person_id)))
                .filter(employments::person_name_key.ne(persons::name_key))
                .count()
                .get_result::<i64>(c)?
                + cases::table
                    .inner_join(persons::table.on(persons::id.eq(cases::person_id)))
                    .filter(cases::holder_key.ne(persons::name_key))
                    .count()
                    .get_result::<i64>(c)?;
            Ok((Moment::queue_count(c)?, Case::ready_count(c)?, stale))
        })
        .await
        .unwrap();
    // Every index the load dropped (each database builds them again at the end) is back,
    // as it was.
    let indexes_after = app.state.db.run(indexes).await.unwrap();
    assert!(indexes_before.iter().any(|(name, _)| name == "events_case"));
    assert_eq!(indexes_after, indexes_before);

    // The seeder counts what it wrote; the queues were computed from the tables.
    assert!(seeded.awaiting_review > 0 && seeded.ready_for_decision > 0);
    assert_eq!(queued, seeded.awaiting_review as i64, "{seeded:?}");
    assert_eq!(ready, seeded.ready_for_decision as i64, "{seeded:?}");
    assert_eq!(stale_keys, 0, "every employment has its person's name key");

    // The final-review queue as /staff/cases reads it: every ready case once, oldest
    // change first, named from the catalogue, the same rows whatever the page size.
    let (whole, by_size) = app
        .state
        .db
        .run(|c| {
            let catalogue = Catalogue::read(c)?;
            let whole = Case::ready_for_decision(c, &catalogue, 1, 1_000)?;
            // A page with rows carries the total in its first statement: on SQLite it is
            // one statement, on PostgreSQL the ids and then the rows. A page past the last
            // has no row to carry it and counts on its own: two on both.
            let with_rows = if c.is_postgres() { 2 } else { 1 };
            let sent = Arc::new(AtomicUsize::new(0));
            c.set_instrumentation(Sent(sent.clone()));
            let mut by_size = Vec::new();
            for per_page in 1..=4 {
                let mut ids = Vec::new();
                for n in 1.. {
                    let before = sent.load(Ordering::Relaxed);
                    let page = Case::ready_for_decision(c, &catalogue, n, per_page)?;
                    let statements = sent.load(Ordering::Relaxed) - before;
                    assert_eq!(page.total, whole.total);
                    if page.items.is_empty() {
                        assert_eq!(statements, 2, "page {n} past the last, by {per_page}");
                        break;
                    }
                    assert_eq!(statements, with_rows, "page {n} by {per_page}");
                    ids.extend(page.items.into_iter().map(|r| r.case.id));
                }
                by_size.push(ids);
            }
            Ok((whole, by_size))
        })
        .await
        .unwrap();
    assert_eq!(whole.total, ready);
    assert_eq!(whole.items.len() as i64, ready);
    assert!(ready > 1, "the seed makes a queue to page through");
    let keys: Vec<_> = whole
        .items
        .iter()
        .map(|r| (r.case.updated_at, r.case.id.clone()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    for r in &whole.items {
        assert_eq!(r.cert_type.id, r.case.type_id);
        assert_eq!(r.area.id, r.cert_type.area_id);
        assert!(!r.person_name.trim().is_empty());
    }
    let ids: Vec<String> = keys.into_iter().map(|(_, id)| id).collect();
    for paged in by_size {
        assert_eq!(paged, ids);
    }

    // An instance whose catalogue is older than the database's (here: empty) reads the
    // catalogue again and names the same rows: the final-review queue, a person's
    // «Certifikat», a case page's case and the moment queue.
    let named = |rows: &[store::models::case::CaseRow]| -> Vec<(String, String, String, String)> {
        rows.iter()
            .map(|r| {
                (
                    r.case.id.clone(),
                    r.cert_type.id.clone(),
                    r.area.id.clone(),
                    r.person_name.clone(),
                )
            })
            .collect()
    };
    let first = whole.items[0].case.clone();
    let (stale, mine, mine_stale, one, moments, moments_stale) = app
        .state
        .db
        .run(move |c| {
            let empty = Catalogue {
                areas: vec![],
                types: vec![],
                templates: vec![],
            };
            let fresh = Catalogue::read(c)?;
            let all = QueueFilter::default();
            Ok((
                Case::ready_for_decision(c, &empty, 1, 1_000)?,
                Case::for_person(c, &fresh, &first.person_id)?,
                Case::for_person(c, &empty, &first.person_id)?,
                Case::find_for_page(c, &empty, &first.id)?.map(|f| f.row),
                Moment::review_queue(c, &fresh, &all, 1, 25, None)?,
                Moment::review_queue(c, &empty, &all, 1, 25, None)?,
            ))
        })
        .await
        .unwrap();
    // The moment queue too: its moments' templates, types and areas.
    let names = |p: &store::models::Page<store::models::moment::QueueRow>| {
        p.items
            .iter()
            .map(|r| {
                (
                    r.moment.id.clone(),
                    r.template.id.clone(),
                    r.cert_type.id.clone(),
                    r.area.id.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(!moments.items.is_empty());
    assert_eq!(names(&moments_stale), names(&moments));
    assert_eq!(named(&stale.items), named(&whole.items));
    assert!(mine.iter().any(|r| r.case.id == whole.items[0].case.id));
    assert_eq!(named(&mine_stale), named(&mine));
    let one = one.expect("the case is found");
    assert_eq!(named(&[one]), named(&whole.items[..1]));

    // The queue's counts per filter and day (where a page by number starts) are the
    // queue's own, over the many days it spans.
    let (queue, days) = app
        .state
        .db
        .run(crate::harness::queue_and_days)
        .await
        .unwrap();
    let expected = crate::harness::queue_days(&queue);
    let spanned: std::collections::BTreeSet<Date> = expected.iter().map(|(.., d, _)| *d).collect();
    assert!(spanned.len() > 1, "{spanned:?}");
    assert_eq!(days, expected);

    // Each employment carries its person's earliest renewal among the active and inactive
    // certificates, and the seeder gives active certificates of yearly types one.
    let (due, renewals) = app
        .state
        .db
        .run(|c| {
            let due: Vec<(String, Option<Date>)> = employments::table
                .select((employments::person_id, employments::annual_due_on))
                .load(c)?;
            let renewals: Vec<(String, String, Option<Date>)> = cases::table
                .select((cases::person_id, cases::status, cases::annual_renewal_on))
                .load(c)?;
            Ok((due, renewals))
        })
        .await
        .unwrap();
    let earliest = |person: &str| {
        renewals
            .iter()
            .filter(|(p, s, _)| {
                p == person && (s == CaseStatus::Active.code() || s == CaseStatus::Inactive.code())
            })
            .filter_map(|(.., on)| *on)
            .min()
    };
    assert!(
        due.iter().any(|(_, on)| on.is_some()),
        "some renewal is due"
    );
    for (person, on) in &due {
        assert_eq!(*on, earliest(person), "the employment of {person}");
    }

    // Each company's counts of employments per status are its employments' own.
    let (kept, counted) = app.state.db.run(employment_counts).await.unwrap();
    assert!(counted.len() > 20, "{counted:?}");
    assert_eq!(kept, counted);
    // And its certificates due per day for the yearly attestation.
    let (kept, counted) = app.state.db.run(annual_due_counts).await.unwrap();
    assert!(counted.len() > 20, "{counted:?}");
    assert_eq!(kept, counted);

    // The reminders due by today are on record as sent: the first day's jobs on a seeded
    // body send none (or a first start would send thousands at once).
    let (sent, report) = app
        .state
        .db
        .run(|c| {
            let sent: i64 = store::schema::reminders::table.count().get_result(c)?;
            let report = app::jobs::run_all(c, app::today(), "http://127.0.0.1").unwrap();
            Ok((sent, report))
        })
        .await
        .unwrap();
    assert!(sent > 0, "some reminder was due");
    assert_eq!(
        (
            report.annual_reminders,
            report.recertification_reminders,
            report.expired
        ),
        (0, 0, 0),
        "{report}"
    );

    // The triggers are back: approving the first queued moment takes it out of the queue
    // and its count.
    let first = app
        .state
        .db
        .run(|c| crate::harness::review_queue(c, &QueueFilter::default(), 1, 1, None))
        .await
        .unwrap();
    let moment = first.items[0].moment.id.clone();
    let officer = first.items[0].moment.updated_by.clone();
    let after = app
        .state
        .db
        .run(move |c| {
            let changed = Moment::set_status(
                c,
                &moment,
                MomentStatus::AwaitingReview,
                MomentStatus::Approved,
                "",
                &officer,
            )?;
            assert!(changed);
            Moment::queue_count(c)
        })
        .await
        .unwrap();
    assert_eq!(after, queued - 1);

    // And an employment's change moves its company's counts.
    let (employed, due) = app
        .state
        .db
        .run(|c| {
            let (id, company_id): (String, String) = employments::table
                .filter(employments::status.eq(EmploymentStatus::Confirmed))
                .select((employments::id, employments::company_id))
                .order(employments::id)
                .first(c)?;
            let before = Employment::company_counts(c, &company_id)?;
            let change = Change {
                from: EmploymentStatus::Confirmed,
                to: EmploymentStatus::Ended,
            };
            assert!(Employment::end(c, &id, change, app::today())?);
            let after = Employment::company_counts(c, &company_id)?;
            assert_eq!(
                (after.current, after.former),
                (before.current - 1, before.former + 1)
            );
            Ok((employment_counts(c)?, annual_due_counts(c)?))
        })
        .await
        .unwrap();
    assert_eq!(employed.0, employed.1);
    assert_eq!(due.0, due.1);
}

#[derive(QueryableByName, Debug, PartialEq)]
struct DueRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    company_id: String,
    #[diesel(sql_type = diesel::sql_types::Date)]
    due_on: Date,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `company_annual_due` (all of it: a row at zero is a defect too), and the same counted
/// from the confirmed employments and their people's active and inactive certificates.
fn annual_due_counts(c: &mut store::DbConn) -> store::StoreResult<(Vec<DueRow>, Vec<DueRow>)> {
    let (confirmed, active, inactive) = (
        EmploymentStatus::Confirmed.code(),
        CaseStatus::Active.code(),
        CaseStatus::Inactive.code(),
    );
    let kept = "SELECT company_id, due_on, CAST(n AS BIGINT) AS n FROM company_annual_due \
                ORDER BY company_id, due_on"
        .to_string();
    let counted = format!(
        "SELECT e.company_id, c.annual_renewal_on AS due_on, COUNT(*) AS n \
           FROM employments e JOIN cases c ON c.person_id = e.person_id \
          WHERE e.status = '{confirmed}' AND c.status IN ('{active}', '{inactive}') \
            AND c.annual_renewal_on IS NOT NULL \
          GROUP BY e.company_id, c.annual_renewal_on ORDER BY e.company_id, due_on"
    );
    Ok(match c {
        store::DbConn::Sqlite(c) => (
            diesel::sql_query(&kept).load(c)?,
            diesel::sql_query(&counted).load(c)?,
        ),
        store::DbConn::Postgres(c) => (
            diesel::sql_query(&kept).load(c)?,
            diesel::sql_query(&counted).load(c)?,
        ),
    })
}

#[derive(QueryableByName, Debug, PartialEq)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    company_id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    status: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// `company_employment_counts` (its rows above zero), and the same counted from the
/// employments.
fn employment_counts(c: &mut store::DbConn) -> store::StoreResult<(Vec<CountRow>, Vec<CountRow>)> {
    let kept = "SELECT company_id, status, n FROM company_employment_counts WHERE n <> 0 \
                ORDER BY company_id, status";
    let counted = "SELECT company_id, status, COUNT(*) AS n FROM employments \
                   GROUP BY company_id, status ORDER BY company_id, status";
    Ok(match c {
        store::DbConn::Sqlite(c) => (
            diesel::sql_query(kept).load(c)?,
            diesel::sql_query(counted).load(c)?,
        ),
        store::DbConn::Postgres(c) => (
            diesel::sql_query(kept).load(c)?,
            diesel::sql_query(counted).load(c)?,
        ),
    })
}
