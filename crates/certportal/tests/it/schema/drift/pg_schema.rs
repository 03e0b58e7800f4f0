//! The schema as PostgreSQL's catalogue describes it.

use diesel::sql_types::{Bool, Nullable, Text};
use diesel::RunQueryDsl;
use store::{DbConn, StoreResult};

use super::*;

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

pub(super) fn postgres_schema(c: &mut DbConn) -> StoreResult<Schema> {
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
                    values: check_values(&k.definition),
                });
            }
        }
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
