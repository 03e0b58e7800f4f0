//! certportal's HTTP interface: the router, one handler module per area, askama
//! templates and the Fluent texts in Swedish and English.

pub mod admin;
pub mod auth;
pub mod cases;

pub mod config;
pub mod cookies;
pub mod csrf;
pub mod ctx;
pub mod download_name;
pub mod error;
pub mod form_types;
pub mod forms;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod paging;
pub mod rate_limit;
pub mod render;
pub mod router;
pub mod routes;

pub mod state;
pub mod storage;
pub mod tones;
pub mod upload_reader;

use std::sync::Arc;

pub use config::Config;
pub use state::{AppState, StateParts};

/// Connects to the database, migrates it, loads the scheme catalogue and returns the state the router needs.
pub fn prepare(config: Config) -> anyhow::Result<AppState> {
    if std::env::var_os("CERTPORTAL_TODAY").is_some() {
        match app::pretend_today() {
            Some(day) => {
                tracing::warn!(%day, "CERTPORTAL_TODAY is set: every date rule is judged as of that day")
            }
            None => anyhow::bail!("CERTPORTAL_TODAY: expected a date YYYY-MM-DD"),
        }
    }
    let db = store::Db::connect(&config.database_url, config.db_max_connections)?;
    let ran = db.migrate()?;
    if ran > 0 {
        tracing::info!(migrations = ran, "database migrated");
    }
    let catalog = app::catalog::Catalog::parse(app::catalog::SHIPPED)?;
    let added = db.run_blocking(|c| Ok(app::catalog::load(c, &catalog)))??;
    if added > 0 {
        tracing::info!(records = added, "scheme catalogue loaded");
    }
    let catalogue = Arc::new(db.run_blocking(store::models::catalog::Catalogue::read)?);
    let storage = storage::Storage::open(&config.storage, config.upload_tmp_dir())?;
    let public_limiter = Arc::new(rate_limit::RateLimiter::new(
        config.public_rate_per_minute,
        config.public_burst,
    ));
    let keyring = match &config.signing_key {
        Some(secret) => credentials::Keyring::from_secret(&secret.0, Some(&config.keys_dir())),
        None => credentials::Keyring::load_or_create(&config.keys_dir()),
    }
    .map_err(|e| anyhow::anyhow!("the credentials' signing key: {e}"))?;
    Ok(AppState::new(state::StateParts {
        db,
        catalogue,
        public_limiter,
        keyring: Arc::new(keyring),
        config: Arc::new(config),
        metrics: Arc::default(),
        storage,
    }))
}

/// Serves until `shutdown` resolves, with the mail worker and the calendar jobs beside it;
/// returns when all have stopped.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let jobs = state.config.run_workers.then(|| {
        tokio::spawn(jobs::run(
            state.db.clone(),
            state.config.base_url.clone(),
            stop_rx.clone(),
        ))
    });
    let worker = state.config.run_workers.then(|| {
        tokio::spawn(mail::worker::run(
            state.db.clone(),
            state.config.clone(),
            stop_rx,
        ))
    });
    // The private metrics listener, when configured, stops with the portal.
    let metrics = match state.config.metrics_bind {
        Some(addr) => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!(%addr, "metrics listener");
            let app = router::metrics_only(state.clone());
            let mut stop = stop_tx.subscribe();
            Some(tokio::spawn(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stop.changed().await;
                    })
                    .await;
            }))
        }
        None => None,
    };
    // With each connection's peer address, which login throttling counts by (unless a
    // trusted proxy names the client, see `auth::client`).
    let app = router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    let _ = stop_tx.send(true);
    for task in [worker, jobs, metrics].into_iter().flatten() {
        let _ = task.await;
    }
    Ok(())
}
