//! «Händelselogg»'s index by company holds only the events about a company (migration
//! 2026-11-29-000001): most events concern a person or a case alone, and each was an entry
//! in it. A lookup of a company's events, what the foreign key to `companies` asks, still
//! goes by it on both databases.

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};

use crate::harness::TestApp;

crate::on_both_backends!(the_company_index_of_events_is_partial_and_used);

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

async fn the_company_index_of_events_is_partial_and_used(app: TestApp) {
    let (definition, plan) = app
        .state
        .db
        .run(|c| {
            let (definition, plan): (Vec<Line>, Vec<String>) = match c {
                store::DbConn::Sqlite(c) => (
                    diesel::sql_query(
                        "SELECT sql AS line FROM sqlite_master \
                         WHERE type = 'index' AND name = 'events_company'",
                    )
                    .load(c)?,
                    diesel::sql_query(
                        "EXPLAIN QUERY PLAN SELECT at FROM events WHERE company_id = 'x' \
                         ORDER BY at DESC, id DESC LIMIT 25",
                    )
                    .load::<SqlitePlan>(c)?
                    .into_iter()
                    .map(|p| p.detail)
                    .collect(),
                ),
                store::DbConn::Postgres(c) => {
                    let definition = diesel::sql_query(
                        "SELECT indexdef AS line FROM pg_indexes \
                         WHERE schemaname = current_schema() AND indexname = 'events_company'",
                    )
                    .load(c)?;
                    // The tests' tables are small: without this PostgreSQL reads them whole.
                    diesel::sql_query("SET enable_seqscan = off").execute(c)?;
                    let plan = diesel::sql_query(
                        "EXPLAIN (COSTS OFF) SELECT at FROM events WHERE company_id = 'x' \
                         ORDER BY at DESC, id DESC LIMIT 25",
                    )
                    .load::<PgPlan>(c)?
                    .into_iter()
                    .map(|p| p.query_plan)
                    .collect();
                    diesel::sql_query("RESET enable_seqscan").execute(c)?;
                    (definition, plan)
                }
            };
            let definition: Vec<String> = definition.into_iter().map(|l| l.line).collect();
            Ok((definition, plan.join("\n")))
        })
        .await
        .unwrap();
    assert_eq!(
        definition.len(),
        1,
        "no index events_company: {definition:?}"
    );
    let normalized = definition[0].replace(['(', ')'], "").to_lowercase();
    assert!(
        normalized.ends_with("where company_id is not null"),
        "events_company is not partial: {}",
        definition[0]
    );
    assert!(
        plan.contains("events_company"),
        "a company's events are not looked up by events_company:\n{plan}"
    );
}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = Text)]
    #[diesel(column_name = "QUERY PLAN")]
    query_plan: String,
}
