//! The store's one error type. Callers turn it into a user-facing message or a 500;
//! its `Display` is log detail and never shown to a user.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database pool: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database: {0}")]
    Diesel(#[from] diesel::result::Error),
    #[error("database connection: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("blocking task failed: {0}")]
    Join(String),
}

impl StoreError {
    /// True when a UNIQUE constraint refused the write (both backends report it alike).
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            StoreError::Diesel(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, StoreError::Diesel(diesel::result::Error::NotFound))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
