//! The calendar's loop: every few minutes (and at start) `app::jobs` expires the
//! certificates that are due, with their events and company recounts. Safe to run on
//! several instances at once.

use std::time::Duration;

use store::Db;
use tokio::sync::watch;

/// Expires what is due today; returns how many certificates expired.
pub async fn expire_certificates(db: &Db, base_url: &str) -> anyhow::Result<usize> {
    let base = base_url.to_string();
    let today = app::today();
    Ok(db
        .run(move |c| Ok(app::jobs::expire_certificates(c, today, &base)))
        .await??)
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
