//! Creating and dropping PostgreSQL databases: used by the tests (a fresh database each)
//! and by operators preparing a server.

use diesel::connection::SimpleConnection;

use crate::conn::ConnectionManager;
use crate::error::StoreResult;

/// A database name is made of `[a-z0-9_]` only; anything else would be SQL.
fn checked(name: &str) -> &str {
    assert!(
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "database names are [a-z0-9_]"
    );
    name
}

pub fn create_database(admin_url: &str, name: &str) -> StoreResult<()> {
    let mut conn = ConnectionManager::new(admin_url).connect()?;
    conn.batch_execute(&format!("CREATE DATABASE {}", checked(name)))?;
    Ok(())
}

pub fn drop_database(admin_url: &str, name: &str) -> StoreResult<()> {
    let mut conn = ConnectionManager::new(admin_url).connect()?;
    conn.batch_execute(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        checked(name)
    ))?;
    Ok(())
}

/// Replaces the database name at the end of a PostgreSQL URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let prefix = match base.rfind('/') {
        Some(i) if i > base.find("://").map(|j| j + 2).unwrap_or(0) => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}
