//! The database schema itself: the constraints that hold whatever code writes the rows.

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::RunQueryDsl;
use domain::certification::{
    CaseStatus, DecisionKind, InvoiceRecipientKind, MomentKind, MomentStatus, Subject,
};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;
use store::{DbConn, StoreError};

use crate::harness::TestApp;

crate::on_both_backends!(unknown_codes_are_refused);

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

/// The SQLite and PostgreSQL migrations are written twice, once per backend; this reads the
/// schema each set produces and compares the two, so that a change made to one folder only
/// shows up as a failing test instead of as a bug on one backend.
mod drift {
    use std::collections::{BTreeMap, BTreeSet};

    use diesel::sql_types::{BigInt, Bool, Nullable, Text};
    use diesel::RunQueryDsl;
    use store::{DbConn, StoreResult};

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
        /// The quoted values in the expression: the codes a column accepts.
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

    /// The CHECK constraints in a SQLite `CREATE TABLE` statement; one without a name is
    /// reported with an empty name, which PostgreSQL (naming every constraint) never has.
    fn sqlite_checks(create: &str) -> BTreeSet<Check> {
        let text: String = create
            .lines()
            .map(|l| l.split("--").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        // ASCII only, so that positions in `upper` are positions in `text`.
        let upper = text.to_ascii_uppercase();
        let mut checks = BTreeSet::new();
        let mut from = 0;
        let word = |c: char| c.is_alphanumeric() || c == '_';
        while let Some(at) = upper[from..].find("CHECK") {
            let at = from + at;
            from = at + "CHECK".len();
            // The keyword, not a part of a name such as `cases_status_check`.
            if upper[..at].ends_with(word) || upper[from..].starts_with(word) {
                continue;
            }
            let before = upper[..at].trim_end();
            let name = if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"')
                && before
                    .rsplit(|c: char| c.is_whitespace())
                    .nth(1)
                    .is_some_and(|w| w == "CONSTRAINT")
            {
                let last = text[..before.len()]
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                last.trim_matches('"').to_string()
            } else {
                String::new()
            };
            let Some(open) = text[from..].find('(') else {
                break;
            };
            let expr = balanced(&text, from + open);
            checks.insert(Check {
                name,
                values: quoted_values(expr),
            });
        }
        checks
    }

    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = Text)]
        name: String,
    }

    #[derive(diesel::QueryableByName)]
    struct SqliteColumn {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        ty: String,
        #[diesel(sql_type = Bool)]
        notnull: bool,
        #[diesel(sql_type = Nullable<Text>)]
        dflt_value: Option<String>,
        #[diesel(sql_type = BigInt)]
        pk: i64,
    }

    #[derive(diesel::QueryableByName)]
    struct SqliteIndex {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Bool)]
        is_unique: bool,
        #[diesel(sql_type = Text)]
        origin: String,
        #[diesel(sql_type = Bool)]
        partial: bool,
        #[diesel(sql_type = Nullable<Text>)]
        sql: Option<String>,
    }

    #[derive(diesel::QueryableByName)]
    struct SqliteForeignKey {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        to_table: String,
        #[diesel(sql_type = Text)]
        from_column: String,
        #[diesel(sql_type = Nullable<Text>)]
        to_column: Option<String>,
        #[diesel(sql_type = Text)]
        on_update: String,
        #[diesel(sql_type = Text)]
        on_delete: String,
    }

    fn sqlite_schema(c: &mut DbConn) -> StoreResult<Schema> {
        let mut schema = Schema::new();
        let tables = diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .load::<Name>(c)?;
        for Name { name: table } in tables {
            if table == DIESEL_TABLE {
                continue;
            }
            let mut t = Table::default();
            let mut columns = diesel::sql_query(format!(
                "SELECT name, type AS ty, \"notnull\", dflt_value, pk \
                 FROM pragma_table_info('{table}') ORDER BY cid"
            ))
            .load::<SqliteColumn>(c)?;
            let mut pk: Vec<&SqliteColumn> = columns.iter().filter(|col| col.pk > 0).collect();
            pk.sort_by_key(|col| col.pk);
            t.primary_key = pk.iter().map(|col| col.name.clone()).collect();
            for col in columns.drain(..) {
                t.columns.push(Column {
                    name: col.name,
                    ty: normalised_type(&col.ty),
                    nullable: !col.notnull,
                    default: normalised_default(col.dflt_value),
                });
            }

            let indexes = diesel::sql_query(format!(
                "SELECT il.name, il.\"unique\" AS is_unique, il.origin, il.partial, m.sql \
                 FROM pragma_index_list('{table}') il \
                 LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = il.name"
            ))
            .load::<SqliteIndex>(c)?;
            for ix in indexes {
                // The primary key is compared as such; its index is SQLite's detail.
                if ix.origin == "pk" {
                    continue;
                }
                let columns = diesel::sql_query(format!(
                    "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                    ix.name
                ))
                .load::<Name>(c)?
                .into_iter()
                .map(|n| n.name)
                .collect();
                let partial = ix.partial.then(|| {
                    let sql = ix.sql.unwrap_or_default();
                    let upper = sql.to_ascii_uppercase();
                    // The WHERE keyword: after a space or a parenthesis, not inside a name.
                    let at = upper
                        .match_indices("WHERE")
                        .map(|(i, _)| i)
                        .find(|&i| upper[..i].ends_with(|c: char| c.is_whitespace() || c == ')'));
                    quoted_values(at.map_or("", |i| &sql[i..]))
                });
                t.indexes.insert(Index {
                    name: if ix.origin == "u" {
                        UNIQUE_CONSTRAINT.to_string()
                    } else {
                        ix.name
                    },
                    columns,
                    unique: ix.is_unique,
                    partial,
                });
            }

            let fks = diesel::sql_query(format!(
                "SELECT id, \"table\" AS to_table, \"from\" AS from_column, \"to\" AS to_column, \
                 on_update, on_delete FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"
            ))
            .load::<SqliteForeignKey>(c)?;
            let mut by_id: BTreeMap<i64, ForeignKey> = BTreeMap::new();
            for fk in fks {
                let entry = by_id.entry(fk.id).or_insert_with(|| ForeignKey {
                    columns: Vec::new(),
                    to_table: fk.to_table.clone(),
                    to_columns: Vec::new(),
                    on_delete: fk.on_delete.to_uppercase(),
                    on_update: fk.on_update.to_uppercase(),
                });
                entry.columns.push(fk.from_column);
                // A REFERENCES without columns means the parent's primary key.
                entry.to_columns.push(fk.to_column.unwrap_or_default());
            }
            t.foreign_keys = by_id.into_values().collect();

            let create = diesel::sql_query(format!(
                "SELECT sql AS name FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            ))
            .get_result::<Name>(c)?
            .name;
            t.checks = sqlite_checks(&create);
            schema.insert(table, t);
        }
        Ok(schema)
    }

    #[derive(diesel::QueryableByName)]
    struct PgColumn {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        ty: String,
        #[diesel(sql_type = Bool)]
        nullable: bool,
        #[diesel(sql_type = Nullable<Text>)]
        dflt: Option<String>,
    }

    #[derive(diesel::QueryableByName)]
    struct PgIndex {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        columns: String,
        #[diesel(sql_type = Bool)]
        is_unique: bool,
        #[diesel(sql_type = Bool)]
        is_primary: bool,
        #[diesel(sql_type = Bool)]
        backs_unique: bool,
        #[diesel(sql_type = Nullable<Text>)]
        predicate: Option<String>,
    }

    #[derive(diesel::QueryableByName)]
    struct PgConstraint {
        #[diesel(sql_type = Text)]
        table_name: String,
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = Text)]
        kind: String,
        #[diesel(sql_type = Text)]
        columns: String,
        #[diesel(sql_type = Nullable<Text>)]
        to_table: Option<String>,
        #[diesel(sql_type = Text)]
        to_columns: String,
        #[diesel(sql_type = Text)]
        on_delete: String,
        #[diesel(sql_type = Text)]
        on_update: String,
        #[diesel(sql_type = Text)]
        definition: String,
    }

    /// The attribute names of `keys` (an int2 array of attnums of `rel`), in order.
    fn pg_attnames(keys: &str, rel: &str) -> String {
        format!(
            "COALESCE(array_to_string(ARRAY(SELECT a.attname FROM unnest({keys}) WITH ORDINALITY \
             AS key(attnum, ord) JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = key.attnum \
             ORDER BY key.ord), ','), '')"
        )
    }

    fn pg_action(code: &str) -> String {
        match code {
            "a" => "NO ACTION",
            "r" => "RESTRICT",
            "c" => "CASCADE",
            "n" => "SET NULL",
            "d" => "SET DEFAULT",
            other => other,
        }
        .to_string()
    }

    fn split_names(list: &str) -> Vec<String> {
        list.split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn postgres_schema(c: &mut DbConn) -> StoreResult<Schema> {
        let mut schema = Schema::new();
        let tables = diesel::sql_query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
        .load::<Name>(c)?;
        for Name { name } in tables {
            if name != DIESEL_TABLE {
                schema.insert(name, Table::default());
            }
        }

        let columns = diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS name, \
             data_type::text AS ty, is_nullable = 'YES' AS nullable, column_default::text AS dflt \
             FROM information_schema.columns WHERE table_schema = 'public' \
             ORDER BY table_name, ordinal_position",
        )
        .load::<PgColumn>(c)?;
        for col in columns {
            if let Some(t) = schema.get_mut(&col.table_name) {
                t.columns.push(Column {
                    name: col.name,
                    ty: normalised_type(&col.ty),
                    nullable: col.nullable,
                    default: normalised_default(col.dflt),
                });
            }
        }

        let indexes = diesel::sql_query(format!(
            "SELECT t.relname::text AS table_name, i.relname::text AS name, {cols} AS columns, \
             ix.indisunique AS is_unique, ix.indisprimary AS is_primary, \
             EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid \
                     AND k.contype = 'u') AS backs_unique, \
             pg_get_expr(ix.indpred, ix.indrelid) AS predicate \
             FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
             JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = 'public'",
            cols = pg_attnames("ix.indkey::int2[]", "ix.indrelid"),
        ))
        .load::<PgIndex>(c)?;
        for ix in indexes {
            let Some(t) = schema.get_mut(&ix.table_name) else {
                continue;
            };
            // The primary key is compared as such; its index is PostgreSQL's detail.
            if ix.is_primary {
                continue;
            }
            t.indexes.insert(Index {
                name: if ix.backs_unique {
                    UNIQUE_CONSTRAINT.to_string()
                } else {
                    ix.name
                },
                columns: split_names(&ix.columns),
                unique: ix.is_unique,
                partial: ix.predicate.as_deref().map(quoted_values),
            });
        }

        let constraints = diesel::sql_query(format!(
            "SELECT t.relname::text AS table_name, k.conname::text AS name, \
             k.contype::text AS kind, {cols} AS columns, f.relname::text AS to_table, \
             {to_cols} AS to_columns, k.confdeltype::text AS on_delete, \
             k.confupdtype::text AS on_update, pg_get_constraintdef(k.oid) AS definition \
             FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             LEFT JOIN pg_class f ON f.oid = k.confrelid \
             WHERE n.nspname = 'public' AND k.contype IN ('p', 'f', 'c')",
            cols = pg_attnames("k.conkey", "k.conrelid"),
            to_cols = pg_attnames("k.confkey", "k.confrelid"),
        ))
        .load::<PgConstraint>(c)?;
        for k in constraints {
            let Some(t) = schema.get_mut(&k.table_name) else {
                continue;
            };
            match k.kind.as_str() {
                "p" => t.primary_key = split_names(&k.columns),
                // Foreign keys are compared without their names: SQLite's have none unless
                // written out, PostgreSQL names each `<table>_<column>_fkey` itself.
                "f" => {
                    t.foreign_keys.insert(ForeignKey {
                        columns: split_names(&k.columns),
                        to_table: k.to_table.unwrap_or_default(),
                        to_columns: split_names(&k.to_columns),
                        on_delete: pg_action(&k.on_delete),
                        on_update: pg_action(&k.on_update),
                    });
                }
                _ => {
                    t.checks.insert(Check {
                        name: k.name,
                        values: quoted_values(&k.definition),
                    });
                }
            }
        }
        Ok(schema)
    }

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
            for (what, only_s, only_p) in [
                (
                    "index",
                    diff(&s.indexes, &p.indexes),
                    diff(&p.indexes, &s.indexes),
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
        assert!(cases.indexes.iter().any(|i| i.partial.is_some()));
        assert!(!cases.foreign_keys.is_empty());

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
}
