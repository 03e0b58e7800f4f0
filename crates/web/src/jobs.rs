//! The calendar's loop: at start and every ten minutes `app::jobs::run_all` runs the
//! day's jobs (expiry, lapse to «Inaktivt», reminders). Running them again the same day
//! changes nothing, so this is safe on several instances at once.

use std::time::Duration;

use store::Db;
use tokio::sync::watch;

/// Runs the day's jobs as of today.
pub async fn run_today(db: &Db, base_url: &str) -> anyhow::Result<app::jobs::Report> {
    let base = base_url.to_string();
    let today = app::today();
    Ok(db
        .run(move |c| Ok(app::jobs::run_all(c, today, &base)))
        .await??)
}

pub async fn run(db: Db, base_url: String, mut shutdown: watch::Receiver<bool>) {
    loop {
        match run_today(&db, &base_url).await {
            Ok(report) if report == app::jobs::Report::default() => {}
            Ok(report) => tracing::info!(%report, "daily jobs ran"),
            Err(e) => tracing::error!(error = %format!("{e:#}"), "daily jobs failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {}
            _ = shutdown.changed() => return,
        }
    }
}
