//! A case page's case and its moments in one statement (`Case::find_for_page_with_moments`,
//! what a case page reads on PostgreSQL): the same rows as the two statements it stands
//! for (`Case::find_for_page`, `Moment::for_case`), in one round trip. And the same for
//! the case with its moments' statuses (`Case::find_for_page_with_statuses`, what its
//! «Händelselogg» reads on PostgreSQL; `Moment::statuses`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use diesel::connection::{Connection, Instrumentation, InstrumentationEvent};
use store::models::case::Case;
use store::models::catalog::Catalogue;
use store::models::moment::Moment;
use store::models::person::Person;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(a_case_and_its_moments_are_one_statement);

/// Counts the statements a connection sends.
pub(super) struct Sent(pub(super) Arc<AtomicUsize>);

impl Instrumentation for Sent {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        if let InstrumentationEvent::StartQuery { .. } = event {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

async fn a_case_and_its_moments_are_one_statement(app: TestApp) {
    seed_small(&app).await;
    let (compared, with_files, with_statuses) = app
        .state
        .db
        .run(|c| {
            let catalogue = Catalogue::read(c)?;
            let mut ids = seeded_case_ids(c, &catalogue)?;
            // A case that is not there is no row, not an error.
            ids.push(uuid::Uuid::new_v4().to_string());
            let sent = Arc::new(AtomicUsize::new(0));
            c.set_instrumentation(Sent(sent.clone()));
            let (mut with_files, mut with_statuses) = (0, 0);
            for id in &ids {
                let before = sent.load(Ordering::Relaxed);
                let joined = Case::find_for_page_with_moments(c, &catalogue, id)?;
                assert_eq!(
                    sent.load(Ordering::Relaxed) - before,
                    1,
                    "case {id}: the case and its moments took more than one statement"
                );
                let separate = match Case::find_for_page(c, &catalogue, id)? {
                    Some(found) => Some((found, Moment::for_case(c, &catalogue, id)?)),
                    None => None,
                };
                assert_eq!(
                    format!("{joined:?}"),
                    format!("{separate:?}"),
                    "case {id}: one statement read otherwise than two"
                );
                if let Some((_, moments)) = &joined {
                    with_files += moments.iter().filter(|m| m.latest_file.is_some()).count();
                }

                let before = sent.load(Ordering::Relaxed);
                let joined = Case::find_for_page_with_statuses(c, &catalogue, id)?;
                assert_eq!(
                    sent.load(Ordering::Relaxed) - before,
                    1,
                    "case {id}: the case and its moments' statuses took more than one statement"
                );
                let separate = match Case::find_for_page(c, &catalogue, id)? {
                    Some(found) => Some((found, Moment::statuses(c, id)?)),
                    None => None,
                };
                // The facts count the statuses; neither statement orders them.
                let sorted = |found: Option<(_, Vec<domain::certification::MomentStatus>)>| {
                    found.map(|(case, statuses)| {
                        let mut statuses: Vec<String> =
                            statuses.iter().map(|s| format!("{s:?}")).collect();
                        statuses.sort();
                        (format!("{case:?}"), statuses)
                    })
                };
                let (joined, separate) = (sorted(joined), sorted(separate));
                assert_eq!(
                    joined, separate,
                    "case {id}: the case and its statuses read otherwise than in two statements"
                );
                if let Some((_, statuses)) = &joined {
                    with_statuses += usize::from(statuses.len() > 1);
                }
            }
            Ok((ids.len(), with_files, with_statuses))
        })
        .await
        .unwrap();
    assert!(compared > 40, "too few cases compared: {compared}");
    assert!(with_files > 0, "no compared case had a moment with a file");
    assert!(
        with_statuses > 0,
        "no compared case had more than one moment"
    );
}

/// Seeds a small body: 40 persons and 4 companies.
pub(super) async fn seed_small(app: &TestApp) {
    let hash = web::auth::password::hash(PASSWORD.to_string())
        .await
        .unwrap();
    let today = app::today();
    app.state
        .db
        .run(move |c| {
            let size = app::seed::Size {
                persons: 40,
                companies: 4,
            };
            Ok(app::seed::seed(c, size, &hash, today))
        })
        .await
        .unwrap()
        .unwrap();
}

/// The ids of every case of `seed_small`'s persons.
pub(super) fn seeded_case_ids(
    c: &mut store::DbConn,
    catalogue: &Catalogue,
) -> store::StoreResult<Vec<String>> {
    let mut ids = vec![];
    for i in 0..40 {
        let person = Person::find_by_email(c, &app::seed::email(i))?.ok_or(
            store::StoreError::Migration("a seeded person is missing".into()),
        )?;
        ids.extend(
            Case::for_person(c, catalogue, &person.id)?
                .into_iter()
                .map(|r| r.case.id),
        );
    }
    Ok(ids)
}
