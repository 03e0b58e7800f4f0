//! «Händelselogg»: the append-only record of every change. Rows are only ever inserted.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use domain::events::EventKind;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::models::Page;
use crate::prepared::PreparedDsl;
use crate::schema::{events, persons};

/// An event as the logs show it: when, what, and who did it. What it concerns (the
/// person, company or case) is what a log is read by, so a row does not carry it; nor its
/// id. Those four were a third of every row's columns, read and copied on every view of
/// every «Händelselogg».
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct Event {
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub at: PrimitiveDateTime,
    pub actor_id: Option<String>,
    pub kind: EventKind,
    pub detail: String,
}

/// An event with its actor's name, as the log pages show it.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub event: Event,
    pub actor_name: Option<String>,
}

/// What happened, to whom; `kind` is a stable key that the UI translates.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub actor_id: Option<&'a str>,
    pub person_id: Option<&'a str>,
    pub company_id: Option<&'a str>,
    pub case_id: Option<&'a str>,
    pub kind: EventKind,
    pub detail: &'a str,
}

/// One page of the events that `$filter` selects, newest first, with each actor's name:
/// the same query for every log («Händelselogg» of a person, of a case). A macro rather
/// than a function because each filter is its own Diesel type, and a boxed query would
/// lose the prepared-statement cache.
///
/// The total comes in the page's own statement, as an uncorrelated subquery that the
/// database counts once from the filter's index (`events_case`, `events_person`): one
/// statement instead of two on every log page, one round trip less on PostgreSQL. Only a
/// page past the last, which has no row to carry the total, counts on its own (an empty
/// first page has nothing to count).
macro_rules! events_page {
    ($conn:expr, $column:ident = $value:expr, $page:expr, $per_page:expr) => {{
        let (page, per_page, value) = ($page, $per_page, $value);
        // The subquery reads the table under another name: Diesel takes an unqualified
        // `events` inside a query of `events` as ambiguous.
        let counted = diesel::alias!(events as counted);
        // The «Händelselogg» of every case page: on the backend's own connection.
        let rows = crate::native!($conn, c => events::table
            .left_join(persons::table.on(events::actor_id.eq(persons::id.nullable())))
            .filter(events::$column.eq(value))
            .order((events::at.desc(), events::id.desc()))
            .limit(per_page)
            .offset(Page::<()>::offset(page, per_page))
            .select((
                Event::as_select(),
                persons::first_name.nullable(),
                persons::last_name.nullable(),
                counted
                    .filter(counted.field(events::$column).eq(value))
                    .count()
                    .single_value(),
            ))
            .prepared()
            .load::<(Event, Option<String>, Option<String>, Option<i64>)>(c))?;
        let total = match rows.first() {
            Some((_, _, _, total)) => total.unwrap_or(0),
            // An empty first page: there is nothing to count.
            None if page <= 1 => 0,
            None => crate::native!($conn, c => events::table
                .filter(events::$column.eq(value))
                .count()
                .prepared()
                .get_result(c))?,
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(|(event, first, last, _)| to_row((event, first, last)))
                .collect(),
            total,
            page,
            per_page,
        })
    }};
}

impl<'a> NewEvent<'a> {
    /// An event of `kind` about nothing yet: fill in what it concerns with struct update
    /// syntax (`NewEvent { case_id: Some(id), ..NewEvent::of(kind) }`).
    pub fn of(kind: EventKind) -> NewEvent<'a> {
        NewEvent {
            actor_id: None,
            person_id: None,
            company_id: None,
            case_id: None,
            kind,
            detail: "",
        }
    }
}

impl Event {
    pub fn record(conn: &mut DbConn, e: NewEvent<'_>) -> StoreResult<()> {
        diesel::insert_into(events::table)
            .values((
                events::id.eq(crate::new_id()),
                events::at.eq(crate::now()),
                events::actor_id.eq(e.actor_id),
                events::person_id.eq(e.person_id),
                events::company_id.eq(e.company_id),
                events::case_id.eq(e.case_id),
                events::kind.eq(e.kind),
                events::detail.eq(e.detail),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Events about one person, newest first.
    pub fn for_person(
        conn: &mut DbConn,
        person_id: &str,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<EventRow>> {
        events_page!(conn, person_id = person_id, page, per_page)
    }

    /// Events of one case, newest first.
    pub fn for_case(
        conn: &mut DbConn,
        case_id: &str,
        page: i64,
        per_page: i64,
    ) -> StoreResult<Page<EventRow>> {
        events_page!(conn, case_id = case_id, page, per_page)
    }

    pub fn count_for_person(conn: &mut DbConn, person_id: &str) -> StoreResult<i64> {
        Ok(events::table
            .filter(events::person_id.eq(person_id))
            .count()
            .get_result(conn)?)
    }
}

fn to_row((event, first, last): (Event, Option<String>, Option<String>)) -> EventRow {
    let actor_name = match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        _ => None,
    };
    EventRow { event, actor_name }
}
