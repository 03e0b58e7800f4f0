//! The schema as SQLite's own catalogue describes it (pragmas and the CREATE text).

use diesel::sql_types::{BigInt, Bool, Nullable, Text};
use diesel::RunQueryDsl;
use store::{DbConn, StoreResult};

use super::*;

/// The CHECK constraints in a SQLite `CREATE TABLE` statement; one without a name is
/// reported with an empty name, which PostgreSQL (naming every constraint) never has.
pub(super) fn sqlite_checks(create: &str) -> BTreeSet<Check> {
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
            values: check_values(expr),
        });
    }
    checks
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

pub(super) fn sqlite_schema(c: &mut DbConn) -> StoreResult<Schema> {
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
