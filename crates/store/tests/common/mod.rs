//! What the store's tests share: a fresh PostgreSQL database per test.

use store::pg_admin;

/// A fresh PostgreSQL database, dropped however the test ends. Fails loudly when
/// PostgreSQL cannot be reached: `scripts/test` skips `postgres::` tests when it is absent.
pub struct PgDatabase {
    admin: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    pub fn create() -> PgDatabase {
        let admin = std::env::var("CERTPORTAL_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let name = format!("certportal_t_{}", uuid::Uuid::new_v4().simple());
        if let Err(e) = pg_admin::create_database(&admin, &name) {
            panic!("PostgreSQL at {admin} is needed for this test (scripts/test skips it when absent): {e}");
        }
        let url = pg_admin::with_database(&admin, &name);
        PgDatabase { admin, name, url }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Best effort: a left-over database is harmless and has a recognisable name.
        let _ = pg_admin::drop_database(&self.admin, &self.name);
    }
}
