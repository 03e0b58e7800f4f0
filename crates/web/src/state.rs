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
    /// The allowance of each client on the public register and the API.
    pub public_limiter: Arc<crate::rate_limit::RateLimiter>,
    /// The keys that sign the certificates' verifiable credentials and status lists.
    pub keyring: Arc<credentials::Keyring>,
}
