//! What every handler shares: the database and the configuration.

use std::sync::Arc;

use store::Db;

use crate::config::Config;
use crate::metrics::Metrics;

/// The shared state, behind one `Arc`: each middleware layer and extractor clones it on
/// every request, which for the parts themselves was a dozen reference counts up and down
/// per layer.
#[derive(Clone)]
pub struct AppState(Arc<StateParts>);

#[derive(Clone)]
pub struct StateParts {
    pub db: Db,
    /// The areas, certificate types and moment templates, which do not change while the
    /// portal runs (read at start, after the shipped catalogue is loaded).
    pub catalogue: Arc<store::models::catalog::Catalogue>,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    pub storage: crate::storage::Storage,
    /// The allowance of each client on the public register and the API.
    pub public_limiter: Arc<crate::rate_limit::RateLimiter>,
    /// The keys that sign the certificates' verifiable credentials and status lists.
    pub keyring: Arc<credentials::Keyring>,
}

impl AppState {
    pub fn new(parts: StateParts) -> AppState {
        AppState(Arc::new(parts))
    }

    /// The parts, to build a state that differs in one of them (tests do).
    pub fn parts(&self) -> StateParts {
        (*self.0).clone()
    }
}

impl std::ops::Deref for AppState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}
