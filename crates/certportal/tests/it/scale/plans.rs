//! Recording the statements a portal instance sends, and reading their plans: `EXPLAIN
//! QUERY PLAN` on SQLite; on PostgreSQL `EXPLAIN EXECUTE` of the statement prepared with
//! a generic plan and `enable_seqscan = off` (on a tiny table PostgreSQL prefers a
//! sequential scan even where an index fits; switched off, a Seq Scan left in the plan
//! means no index can serve the statement). Hash and merge joins are switched off for the
//! same reason: on a few hundred rows they read a whole table or index where, at a real
//! size, a nested loop probes an index; a join that still reads all of a table then has
//! no index to probe.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::sql_types::Text;
use diesel::RunQueryDsl;
use store::DbConn;

/// Tables that grow with use: a scan of one of them costs more every year. The officers'
/// queues (`review_queue`, `decision_queue`) are not among them: they hold the work in
/// hand, not the years behind it, and their counts read one of their indexes whole.
const GROWING: [&str; 20] = [
    "persons",
    "companies",
    "company_words",
    "cases",
    "moments",
    "files",
    "events",
    "employments",
    "outbox",
    "sessions",
    "moment_reviews",
    "decisions",
    "attestations",
    "invoice_recipients",
    "company_admins",
    "annual_attestations",
    "company_annual_due",
    "reminders",
    "exam_sessions",
    "exam_bookings",
];

static RECORDING: AtomicBool = AtomicBool::new(false);
static RECORDED: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Recorder;

impl Instrumentation for Recorder {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if !RECORDING.load(Ordering::Relaxed) {
            return;
        }
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let text = query.to_string();
            let sql = text
                .rsplit_once(" -- binds: ")
                .map_or(text.as_str(), |(s, _)| s);
            RECORDED.lock().unwrap().push(sql.trim().to_string());
        }
    }
}

fn recorder() -> Option<Box<dyn Instrumentation>> {
    Some(Box::new(Recorder))
}

/// Connections opened from now on record their statements.
pub fn start_recording() {
    RECORDED.lock().unwrap().clear();
    RECORDING.store(true, Ordering::Relaxed);
    diesel::connection::set_default_instrumentation(recorder).unwrap();
}

/// The distinct statements recorded since `start_recording`, in the order first sent.
pub fn stop_recording() -> Vec<String> {
    RECORDING.store(false, Ordering::Relaxed);
    take_recorded()
}

/// The distinct statements recorded so far, in the order first sent; recording goes on
/// afresh.
pub fn take_recorded() -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    std::mem::take(&mut *RECORDED.lock().unwrap())
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

/// On SQLite, one finding for each statement that reads a growing table and sorts what it
/// read in a temporary b-tree (`USE TEMP B-TREE FOR … ORDER BY`, `DISTINCT`): for a list
/// of a few rows SQLite opens, fills and closes a b-tree of its own, which costs more than
/// reading the rows. An index that ends with the list's order serves it as read. Empty on
/// PostgreSQL, which sorts a few rows in memory at no cost worth an index, and whose plan
/// on a test's few rows says nothing of its plan at full size.
pub fn sqlite_sorts(c: &mut DbConn, statements: &[String]) -> Vec<String> {
    let DbConn::Sqlite(lite) = c else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for sql in statements.iter().filter(|s| explainable(s)) {
        let rows: Vec<SqlitePlanRow> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load(lite)
            .unwrap_or_else(|e| panic!("explaining {sql}: {e}"));
        let lines: Vec<String> = rows.into_iter().map(|r| r.detail).collect();
        let reads_growing = lines.iter().any(|d| {
            let rest = d
                .strip_prefix("SEARCH ")
                .or_else(|| d.strip_prefix("SCAN "));
            rest.is_some_and(|r| growing(r.split_whitespace().next().unwrap_or("")))
        });
        if reads_growing && lines.iter().any(|d| d.contains("USE TEMP B-TREE")) {
            findings.push(format!("{sql}\n  plan:\n    {}", lines.join("\n    ")));
        }
    }
    findings
}

#[derive(diesel::QueryableByName)]
struct SqlitePlanRow {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(diesel::QueryableByName)]
struct PgPlanRow {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// Statements that read or write rows; transaction control and settings have no plan,
/// and Diesel's `WHERE (1=0)` (an `IN` of an empty list) reads nothing.
fn explainable(sql: &str) -> bool {
    if sql.ends_with("WHERE (1=0)") {
        return false;
    }
    let first = sql
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        first.as_str(),
        "SELECT" | "WITH" | "UPDATE" | "DELETE" | "INSERT"
    ) && sql.to_ascii_uppercase().contains(" FROM ")
        || matches!(first.as_str(), "UPDATE" | "DELETE")
}

/// One finding for each statement whose plan reads the whole of a growing table.
pub fn full_scans(c: &mut DbConn, statements: &[String]) -> Vec<String> {
    let mut findings = Vec::new();
    if let DbConn::Postgres(pg) = c {
        pg.batch_execute(
            "SET enable_seqscan = off; SET enable_hashjoin = off; SET enable_mergejoin = off; \
             SET plan_cache_mode = force_generic_plan",
        )
        .unwrap();
    }
    for sql in statements.iter().filter(|s| explainable(s)) {
        let limited = sql.to_ascii_uppercase().contains(" LIMIT ");
        let (plan, scans) = match c {
            DbConn::Sqlite(lite) => {
                let rows: Vec<SqlitePlanRow> =
                    diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
                        .load(lite)
                        .unwrap_or_else(|e| panic!("explaining {sql}: {e}"));
                let lines: Vec<String> = rows.into_iter().map(|r| r.detail).collect();
                let scans = lines
                    .iter()
                    .filter(|d| sqlite_full_scan(d, limited))
                    .cloned()
                    .collect::<Vec<_>>();
                (lines, scans)
            }
            DbConn::Postgres(pg) => {
                let params = (1..=200)
                    .take_while(|n| sql.contains(&format!("${n}")))
                    .count();
                pg.batch_execute(&format!("PREPARE scale_guard AS {sql}"))
                    .unwrap_or_else(|e| panic!("preparing {sql}: {e}"));
                let args = vec!["NULL"; params].join(", ");
                let explain = if params == 0 {
                    "EXPLAIN EXECUTE scale_guard".to_string()
                } else {
                    format!("EXPLAIN EXECUTE scale_guard({args})")
                };
                let rows: Vec<PgPlanRow> = diesel::sql_query(explain)
                    .load(pg)
                    .unwrap_or_else(|e| panic!("explaining {sql}: {e}"));
                pg.batch_execute("DEALLOCATE scale_guard").unwrap();
                let lines: Vec<String> = rows.into_iter().map(|r| r.line).collect();
                let scans = pg_full_scans(&lines, limited);
                (lines, scans)
            }
        };
        if std::env::var_os("SCALE_GUARD_PRINT").is_some() {
            eprintln!("{sql}\n    {}", plan.join("\n    "));
        }
        if !scans.is_empty() {
            findings.push(format!(
                "{sql}\n  scans: {}\n  plan:\n    {}",
                scans.join("; "),
                plan.join("\n    ")
            ));
        }
    }
    findings
}

fn growing(table: &str) -> bool {
    GROWING.contains(&table.trim_matches('"'))
}

/// `SCAN t` reads every row of `t`; `SCAN t USING [COVERING] INDEX i` reads all of the
/// index, which only a LIMIT cuts short; `AUTOMATIC … INDEX` is an index SQLite builds
/// for the one statement, from a scan of the whole table.
fn sqlite_full_scan(detail: &str, limited: bool) -> bool {
    if let Some(rest) = detail.strip_prefix("SEARCH ") {
        let table = rest.split_whitespace().next().unwrap_or("");
        return growing(table) && rest.contains("AUTOMATIC");
    }
    let Some(rest) = detail.strip_prefix("SCAN ") else {
        return false;
    };
    let table = rest.split_whitespace().next().unwrap_or("");
    growing(table) && (!rest.contains("USING") || !limited)
}

/// `Seq Scan on t`, or an index scan of `t` with no `Index Cond` (all of the index) in a
/// statement without a LIMIT.
fn pg_full_scans(lines: &[String], limited: bool) -> Vec<String> {
    let mut scans = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let node = line.trim_start().trim_start_matches("->").trim_start();
        let Some((kind, rest)) = node.split_once(" on ") else {
            continue;
        };
        let table = rest.split_whitespace().next().unwrap_or("");
        if !growing(table) {
            continue;
        }
        if kind == "Seq Scan" {
            scans.push(node.to_string());
        } else if kind.starts_with("Index Scan") || kind.starts_with("Index Only Scan") {
            let depth = line.len() - line.trim_start().len();
            let has_cond = lines[i + 1..]
                .iter()
                .take_while(|l| {
                    let d = l.len() - l.trim_start().len();
                    d > depth && !l.trim_start().starts_with("->")
                })
                .any(|l| l.trim_start().starts_with("Index Cond:"));
            if !has_cond && !limited {
                scans.push(node.to_string());
            }
        }
    }
    scans
}
