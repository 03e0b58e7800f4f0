//! The SQLite and PostgreSQL migrations are written twice, once per backend; this reads the
//! schema each set produces and compares the two, so that a change made to one folder only
//! shows up as a failing test instead of as a bug on one backend.

mod pg_schema;
mod sqlite_schema;

use pg_schema::postgres_schema;
use sqlite_schema::sqlite_checks;
use sqlite_schema::sqlite_schema;

use std::collections::{BTreeMap, BTreeSet};

use store::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    name: String,
    /// A type name both backends share (see `normalised_type`).
    ty: String,
    nullable: bool,
    /// The default as written, without PostgreSQL's casts, booleans as 0 and 1.
    default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    name: String,
    columns: Vec<String>,
    unique: bool,
    /// For a partial index, the quoted values in its WHERE clause.
    partial: Option<BTreeSet<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    to_table: String,
    to_columns: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Check {
    name: String,
    /// The quoted values and the numbers in the expression: the codes a column accepts,
    /// the length it may have (see `check_values`).
    values: BTreeSet<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: Vec<Column>,
    primary_key: Vec<String>,
    indexes: BTreeSet<Index>,
    foreign_keys: BTreeSet<ForeignKey>,
    checks: BTreeSet<Check>,
}

/// One `name` column, as several catalogue queries return it.
#[derive(diesel::QueryableByName)]
pub(super) struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    pub(super) name: String,
}

type Schema = BTreeMap<String, Table>;

/// The name given to an index that backs a UNIQUE constraint. Each backend creates such
/// an index itself and names it its own way (SQLite `sqlite_autoindex_<table>_<n>`,
/// PostgreSQL `<table>_<columns>_key`), so only its columns are compared.
const UNIQUE_CONSTRAINT: &str = "(unique constraint)";

/// Diesel's own bookkeeping table, created by Diesel rather than by these migrations.
const DIESEL_TABLE: &str = "__diesel_schema_migrations";

fn normalised_type(declared: &str) -> String {
    let t = declared.trim().to_lowercase();
    let base = t.split('(').next().unwrap_or("").trim();
    match base {
        "text" | "varchar" | "character varying" | "char" | "character" => "text",
        "integer" | "int" | "int4" => "integer",
        "bigint" | "int8" => "bigint",
        "smallint" | "int2" => "smallint",
        "boolean" | "bool" => "boolean",
        "date" => "date",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "timestamptz" | "timestamp with time zone" => "timestamptz",
        "real" | "float4" => "real",
        "double precision" | "float8" | "double" => "double",
        "blob" | "bytea" => "binary",
        other => other,
    }
    .to_string()
}

/// `''::text` → `''`, `'none'::text` → `'none'`, `false` → `0`.
fn normalised_default(default: Option<String>) -> Option<String> {
    let d = default?;
    let d = d.trim();
    // PostgreSQL writes a default with a cast, `'x'::text`: cut at the last `::` that
    // is not inside a quoted literal.
    let mut quoted = false;
    let mut cut = d.len();
    for (i, c) in d.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ':' if !quoted && d[i..].starts_with("::") && !d[..i].ends_with(':') => cut = i,
            _ => {}
        }
    }
    let d = d[..cut].trim();
    Some(match d.to_lowercase().as_str() {
        "false" => "0".to_string(),
        "true" => "1".to_string(),
        _ => d.to_string(),
    })
}

/// The single-quoted literals in an SQL expression, as a set.
fn quoted_values(expr: &str) -> BTreeSet<String> {
    expr.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// What a CHECK's expression is compared by: its quoted literals (the codes of
/// `status IN ('a', 'b')`) and its bare numbers (the limit of `length(name) <= 200`).
/// Names with digits in them (`address_line1`) are not numbers.
fn check_values(expr: &str) -> BTreeSet<String> {
    let mut values = quoted_values(expr);
    let unquoted: String = expr.split('\'').step_by(2).collect::<Vec<_>>().join(" ");
    values.extend(
        unquoted
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string),
    );
    values
}

/// The text of the parenthesised group that starts at `open` (an index of `(`).
fn balanced(text: &str, open: usize) -> &str {
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in text[open..].char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    &text[open + 1..]
}

/// Indexes PostgreSQL has and SQLite has not, on purpose: (table, index, why).
const ONLY_ON_POSTGRES: [(&str, &str, &str); 1] = [(
    "company_words",
    "company_words_word_name",
    "the company search's page ordered by name: PostgreSQL read the name from the table's \
     rows, SQLite's WITHOUT ROWID rows carry it, and with the index the search took 16 % \
     more CPU there",
)];

/// What differs between the two schemas, one line per difference.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for name in names {
        let (s, p) = match (sqlite.get(name), postgres.get(name)) {
            (Some(s), Some(p)) => (s, p),
            (Some(_), None) => {
                out.push(format!("table {name} only on SQLite"));
                continue;
            }
            (None, _) => {
                out.push(format!("table {name} only on PostgreSQL"));
                continue;
            }
        };
        if s.columns != p.columns {
            let len = s.columns.len().max(p.columns.len());
            for i in 0..len {
                let (a, b) = (s.columns.get(i), p.columns.get(i));
                if a != b {
                    out.push(format!(
                        "{name} column {}: SQLite {a:?}, PostgreSQL {b:?}",
                        i + 1
                    ));
                }
            }
        }
        if s.primary_key != p.primary_key {
            out.push(format!(
                "{name} primary key: SQLite {:?}, PostgreSQL {:?}",
                s.primary_key, p.primary_key
            ));
        }
        let p_indexes: BTreeSet<Index> = p
            .indexes
            .iter()
            .filter(|i| {
                !ONLY_ON_POSTGRES
                    .iter()
                    .any(|(table, index, _)| table == name && *index == i.name)
            })
            .cloned()
            .collect();
        for (what, only_s, only_p) in [
            (
                "index",
                diff(&s.indexes, &p_indexes),
                diff(&p_indexes, &s.indexes),
            ),
            (
                "foreign key",
                diff(&s.foreign_keys, &p.foreign_keys),
                diff(&p.foreign_keys, &s.foreign_keys),
            ),
            (
                "check",
                diff(&s.checks, &p.checks),
                diff(&p.checks, &s.checks),
            ),
        ] {
            for x in only_s {
                out.push(format!("{name} {what} only on SQLite: {x}"));
            }
            for x in only_p {
                out.push(format!("{name} {what} only on PostgreSQL: {x}"));
            }
        }
    }
    out
}

fn diff<T: Ord + std::fmt::Debug>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> Vec<String> {
    a.difference(b).map(|x| format!("{x:?}")).collect()
}

fn migrations_match_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("drift.db").display());
    let sqlite = store::Db::connect(&url, 1).unwrap();
    sqlite.migrate().unwrap();
    let sqlite = sqlite.run_blocking(sqlite_schema).unwrap();

    let admin = std::env::var("CERTPORTAL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("certportal_t_{}", uuid::Uuid::new_v4().simple());
    store::pg_admin::create_database(&admin, &name).unwrap_or_else(|e| {
        panic!("PostgreSQL at {admin} is needed for this test (scripts/test skips it when absent): {e}")
    });
    let read = || -> StoreResult<Schema> {
        let pg = store::Db::connect(&store::pg_admin::with_database(&admin, &name), 1)?;
        pg.migrate()?;
        pg.run_blocking(postgres_schema)
    };
    let postgres = read();
    // Best effort: a left-over database is harmless and has a recognisable name.
    let _ = store::pg_admin::drop_database(&admin, &name);
    let postgres = postgres.unwrap();

    // The comparison must have something to compare: a reader that found nothing on
    // both sides would pass.
    assert!(sqlite.len() > 10, "tables: {:?}", sqlite.keys());
    let cases = &sqlite["cases"];
    assert!(cases.checks.iter().any(|c| c.name == "cases_status_check"));
    let limit = cases
        .checks
        .iter()
        .find(|c| c.name == "cases_decision_reason_length")
        .map(|c| c.values.clone());
    assert_eq!(limit, Some(BTreeSet::from(["2000".to_string()])));
    assert!(cases.indexes.iter().any(|i| i.partial.is_some()));
    assert!(!cases.foreign_keys.is_empty());

    // An index kept out of the comparison is there on PostgreSQL, and only there.
    for (table, index, why) in ONLY_ON_POSTGRES {
        let has = |schema: &Schema| schema[table].indexes.iter().any(|i| i.name == index);
        assert!(has(&postgres), "{index} ({why}) is missing on PostgreSQL");
        assert!(!has(&sqlite), "{index} is meant for PostgreSQL only: {why}");
    }

    let found = differences(&sqlite, &postgres);
    assert!(
        found.is_empty(),
        "the SQLite and PostgreSQL migrations differ:\n{}",
        found.join("\n")
    );
}

mod postgres {
    /// Named `postgres::` so that `scripts/test` leaves it out without PostgreSQL.
    #[test]
    fn migrations_match_sqlite() {
        super::migrations_match_sqlite();
    }
}

#[test]
fn sqlite_checks_are_read_with_their_names() {
    let create =
        "CREATE TABLE t (\n  a TEXT NOT NULL CONSTRAINT t_a_check CHECK (a IN ('x', 'y')),\n  \
                  -- a comment with CHECK (in it)\n  b TEXT CHECK (b <> 'z'),\n  \
                  CONSTRAINT t_ab CHECK ((a = 'q') OR (b IN ('r')))\n)";
    let checks: Vec<(String, Vec<String>)> = sqlite_checks(create)
        .into_iter()
        .map(|c| (c.name, c.values.into_iter().collect()))
        .collect();
    assert_eq!(
        checks,
        vec![
            (String::new(), vec!["z".to_string()]),
            (
                "t_a_check".to_string(),
                vec!["x".to_string(), "y".to_string()]
            ),
            ("t_ab".to_string(), vec!["q".to_string(), "r".to_string()]),
        ]
    );
}

#[test]
fn check_values_are_quoted_literals_and_numbers() {
    let values = |e: &str| check_values(e).into_iter().collect::<Vec<_>>();
    assert_eq!(values("length(address_line1) <= 100"), ["100"]);
    assert_eq!(values("(length(name) <= 200)"), ["200"]);
    assert_eq!(
        values("((status = ANY (ARRAY['a1'::text, 'b 2'::text])))"),
        ["a1", "b 2"]
    );
    assert_eq!(values("kind IN ('1', 'x') AND n < 3"), ["1", "3", "x"]);
    // The SQLite reader reports the limit of a length CHECK under its name.
    let checks = sqlite_checks(
        "CREATE TABLE t (\n  name TEXT NOT NULL CONSTRAINT t_name_length CHECK (length(name) <= 200)\n)",
    );
    let check = checks.into_iter().next().unwrap();
    assert_eq!(
        (
            check.name.as_str(),
            check.values.into_iter().collect::<Vec<_>>()
        ),
        ("t_name_length", vec!["200".to_string()])
    );
}

#[test]
fn types_and_defaults_are_normalised() {
    assert_eq!(normalised_type("timestamp without time zone"), "timestamp");
    assert_eq!(normalised_type("TIMESTAMP"), "timestamp");
    assert_eq!(normalised_type("VARCHAR(50)"), "text");
    assert_eq!(normalised_type("int8"), "bigint");
    assert_eq!(
        normalised_default(Some("''::text".into())),
        Some("''".into())
    );
    assert_eq!(
        normalised_default(Some("'a::b'::text".into())),
        Some("'a::b'".into())
    );
    assert_eq!(normalised_default(Some("false".into())), Some("0".into()));
    assert_eq!(normalised_default(Some("0".into())), Some("0".into()));
    assert_eq!(normalised_default(None), None);
}
