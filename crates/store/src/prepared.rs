//! `.prepared()`: a query that its type alone makes, found in the prepared-statement cache
//! without Diesel first walking its whole tree to ask whether it may be cached.
//!
//! Diesel asks that on every execution, even of a statement it has cached, and the walk
//! (every column of the select, every join and condition, through calls it cannot inline)
//! was a sixteenth of a case page's time. A query whose type has a static `QueryId` is
//! already cached by that type alone, its SQL text never compared: Diesel counts on the type
//! fixing the text. Every node that may not be cached (a bound list, literal SQL, a boxed
//! query) has no static id. So for such a query the answer is known: yes. `prepared()`
//! refuses, at compile time, a query without a static id.
//!
//! `native!(conn, c => sessions::table.filter(…).select(…).prepared().load(c))`

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::{QueryResult, RunQueryDsl};

/// A query whose SQL its type fixes (see the module).
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(Q);

pub trait PreparedDsl: QueryId + Sized {
    /// This query, known safe to keep prepared. Only for a query with a static `QueryId`:
    /// anything else does not compile.
    fn prepared(self) -> Prepared<Self> {
        const {
            assert!(
                <Self as QueryId>::HAS_STATIC_QUERY_ID,
                "prepared(): the query's SQL is not fixed by its type"
            )
        };
        Prepared(self)
    }
}

impl<Q: QueryId> PreparedDsl for Q {}

impl<Q: QueryId> QueryId for Prepared<Q> {
    type QueryId = Q::QueryId;
    const HAS_STATIC_QUERY_ID: bool = Q::HAS_STATIC_QUERY_ID;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, DB> QueryFragment<DB> for Prepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}

impl<Q, Conn> RunQueryDsl<Conn> for Prepared<Q> {}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::{Arc, Mutex};

    use diesel::connection::InstrumentationEvent;
    use diesel::prelude::*;
    use diesel::sqlite::SqliteConnection;

    use super::PreparedDsl;
    use crate::schema::areas;

    /// The statements a connection prepared to keep, and how many it started.
    fn counting(c: &mut SqliteConnection) -> Arc<Mutex<(Vec<String>, usize)>> {
        let seen = Arc::new(Mutex::new((Vec::new(), 0)));
        let into = seen.clone();
        let count = move |event: InstrumentationEvent<'_>| {
            let mut seen = into.lock().unwrap();
            match event {
                InstrumentationEvent::CacheQuery { sql, .. } => seen.0.push(sql.to_string()),
                InstrumentationEvent::StartQuery { .. } => seen.1 += 1,
                _ => {}
            }
        };
        c.set_instrumentation(count);
        seen
    }

    /// A prepared query reads what the same query reads unmarked, with its binds taken
    /// anew each time, and is prepared once and kept for the next execution.
    #[test]
    fn a_prepared_query_reads_the_same_rows_and_is_kept() {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        diesel::sql_query("CREATE TABLE areas (id TEXT PRIMARY KEY, name_sv TEXT NOT NULL)")
            .execute(&mut c)
            .unwrap();
        diesel::sql_query("INSERT INTO areas VALUES ('a', 'Kyla'), ('b', 'Värme'), ('c', 'Kyla')")
            .execute(&mut c)
            .unwrap();
        let seen = counting(&mut c);
        let named = |name: &str| {
            areas::table
                .filter(areas::name_sv.eq(name.to_string()))
                .order(areas::id.asc())
                .select(areas::id)
        };
        for (name, ids) in [
            ("Kyla", vec!["a", "c"]),
            ("Värme", vec!["b"]),
            ("Is", vec![]),
        ] {
            let plain: Vec<String> = named(name).load(&mut c).unwrap();
            let prepared: Vec<String> = named(name).prepared().load(&mut c).unwrap();
            assert_eq!(prepared, ids);
            assert_eq!(plain, prepared);
        }
        let one: Option<String> = areas::table
            .find("b")
            .select(areas::name_sv)
            .limit(1)
            .prepared()
            .get_result(&mut c)
            .optional()
            .unwrap();
        assert_eq!(one.as_deref(), Some("Värme"));
        let (cached, started) = seen.lock().unwrap().clone();
        // Two statements kept, each once (marked or not, a query's type is its key in the
        // cache), though the first ran six times.
        assert_eq!(cached.len(), 2, "{cached:?}");
        assert_eq!(started, 7);
    }
}
