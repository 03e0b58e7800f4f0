//! What every handler shares: the database and the configuration.

use std::sync::Arc;

use store::Db;

use crate::config::Config;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    pub storage: crate::storage::Storage,
}
