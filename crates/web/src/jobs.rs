//! Work that follows the calendar rather than a request: certificates expire the day
//! after «Giltigt till», and their holders' employers' company certificates are recounted.
//! Runs at start and then every few minutes; safe to run on several instances at once.

use domain::events::EventKind;
use std::time::Duration;

use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::{write_tx, Db};
use tokio::sync::watch;

use app::standing::recompute_for_person;
use app::today;

/// Expires what is due today; returns how many certificates expired.
pub async fn expire_certificates(db: &Db, base_url: &str) -> anyhow::Result<usize> {
    let base = base_url.to_string();
    let today = today();
    Ok(db
        .run(move |c| {
            write_tx(c, |c| {
                let expired = Case::expire_due(c, today)?;
                for (case_id, person_id, number) in &expired {
                    Event::record(
                        c,
                        NewEvent {
                            person_id: Some(person_id),
                            case_id: Some(case_id),
                            detail: number,
                            ..NewEvent::of(EventKind::CertificateExpired)
                        },
                    )?;
                    recompute_for_person(c, person_id, None, &base, today)?;
                }
                Ok(expired.len())
            })
        })
        .await?)
}

pub async fn run(db: Db, base_url: String, mut shutdown: watch::Receiver<bool>) {
    loop {
        match expire_certificates(&db, &base_url).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "certificates expired"),
            Err(e) => tracing::error!(error = %format!("{e:#}"), "expiry job failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = shutdown.changed() => return,
        }
    }
}
