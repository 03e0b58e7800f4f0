//! The bulk loader's preparation (`bulk::prepare_for_load`) suspends the triggers and drops
//! the plain indexes of the largest tables, and `finish_load` restores them. The drops are
//! one transaction: when one fails, those before it are taken back and the connection's
//! settings are restored, since the caller has no `Load` to restore them from.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use store::models::bulk;

use super::derived::{foreign_keys_checked, indexes};
use crate::harness::TestApp;

crate::on_both_backends!(a_load_that_cannot_begin_leaves_the_schema_as_it_was);

#[derive(QueryableByName)]
struct Trigger {
    #[diesel(sql_type = diesel::sql_types::Text)]
    state: String,
}

/// Each trigger, as SQLite keeps it (name and SQL) or as PostgreSQL has it (table, name
/// and whether it fires).
fn triggers(c: &mut store::DbConn) -> store::StoreResult<Vec<String>> {
    let rows: Vec<Trigger> = match c {
        store::DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT name || ': ' || sql AS state FROM sqlite_master WHERE type = 'trigger' \
             ORDER BY name",
        )
        .load(c)?,
        store::DbConn::Postgres(c) => diesel::sql_query(
            "SELECT tgrelid::regclass::text || '.' || tgname || ': ' || tgenabled::text AS state \
             FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
        )
        .load(c)?,
    };
    Ok(rows.into_iter().map(|t| t.state).collect())
}

type Schema = (Vec<(String, String)>, Vec<String>);

fn schema(c: &mut store::DbConn) -> store::StoreResult<Schema> {
    Ok((indexes(c)?, triggers(c)?))
}

/// An index whose name needs quoting, on a table the loader reindexes.
const QUOTED: &str = r#"events "by" kind"#;

async fn a_load_that_cannot_begin_leaves_the_schema_as_it_was(app: TestApp) {
    let postgres = app.state.db.run(|c| Ok(c.is_postgres())).await.unwrap();
    app.state
        .db
        .run(|c| {
            c.batch_execute(r#"CREATE INDEX "events ""by"" kind" ON events(kind, at)"#)?;
            Ok(())
        })
        .await
        .unwrap();
    let before = app.state.db.run(schema).await.unwrap();
    assert!(
        before.0.iter().any(|(name, _)| name == QUOTED),
        "{before:?}"
    );
    assert!(!before.1.is_empty(), "the schema has triggers to suspend");

    // PostgreSQL: an exclusion constraint's index is not unique, so the loader lists it
    // with the plain ones, but it cannot be dropped while its constraint holds it. Named
    // to come last, it fails the preparation after the triggers were suspended and the
    // other indexes dropped. (SQLite has no index that refuses a DROP INDEX.)
    if postgres {
        let (failed, during, after, checked) = app
            .state
            .db
            .run(|c| {
                c.batch_execute(
                    "ALTER TABLE events ADD CONSTRAINT zz_events_one_id \
                     EXCLUDE USING btree (id WITH =)",
                )?;
                let during = schema(c)?;
                let failed = bulk::prepare_for_load(c).err().map(|e| format!("{e:?}"));
                let after = schema(c)?;
                let checked = foreign_keys_checked(c)?;
                c.batch_execute("ALTER TABLE events DROP CONSTRAINT zz_events_one_id")?;
                Ok((failed, during, after, checked))
            })
            .await
            .unwrap();
        let failed = failed.expect("the preparation fails on the constraint's index");
        assert!(failed.contains("zz_events_one_id"), "{failed}");
        assert_eq!(
            after, during,
            "a failed preparation left the schema changed"
        );
        assert!(
            checked,
            "a failed preparation left the foreign-key checks off"
        );
        assert_eq!(app.state.db.run(schema).await.unwrap(), before);
    }

    // A preparation that succeeds drops them all, the quoted name too, and the load's
    // end brings each back as it was.
    let (prepared, finished, checked) = app
        .state
        .db
        .run(|c| {
            let load = bulk::prepare_for_load(c)?;
            let prepared = schema(c)?;
            bulk::finish_load(c, load)?;
            Ok((prepared, schema(c)?, foreign_keys_checked(c)?))
        })
        .await
        .unwrap();
    assert!(
        !prepared.0.iter().any(|(name, _)| name == QUOTED),
        "the quoted index was not dropped: {:?}",
        prepared.0
    );
    assert!(prepared.0.len() < before.0.len());
    if postgres {
        // Disabled ("D"), not dropped.
        assert!(
            prepared.1.iter().any(|t| t.ends_with(": D")),
            "no trigger was disabled: {:?}",
            prepared.1
        );
    } else {
        assert!(prepared.1.is_empty(), "triggers left: {:?}", prepared.1);
    }
    assert_eq!(finished, before);
    assert!(checked);
}
