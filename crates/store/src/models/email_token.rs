//! Single-use, expiring tokens sent by e-mail: address verification and password reset.
//! Only the token's SHA-256 is stored.

use diesel::prelude::*;
use time::{Duration, PrimitiveDateTime};

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::email_tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
        }
    }
}

pub struct EmailToken;

impl EmailToken {
    /// Stores a new token and voids the person's earlier unused ones of the same purpose,
    /// so only the latest link works.
    pub fn create(
        conn: &mut DbConn,
        token_hash: &str,
        person_id: &str,
        purpose: Purpose,
        valid_for: Duration,
    ) -> StoreResult<()> {
        let now = crate::now();
        diesel::update(
            email_tokens::table
                .filter(email_tokens::person_id.eq(person_id))
                .filter(email_tokens::purpose.eq(purpose.as_str()))
                .filter(email_tokens::used_at.is_null()),
        )
        .set(email_tokens::used_at.eq(now))
        .execute(conn)?;
        diesel::insert_into(email_tokens::table)
            .values((
                email_tokens::token_hash.eq(token_hash),
                email_tokens::person_id.eq(person_id),
                email_tokens::purpose.eq(purpose.as_str()),
                email_tokens::created_at.eq(now),
                email_tokens::expires_at.eq(now + valid_for),
            ))
            .execute(conn)?;
        Ok(())
    }

    /// Marks the token used and returns its person, or None when it is unknown, used or
    /// expired. The conditional UPDATE makes a second use fail even when two race.
    pub fn consume(
        conn: &mut DbConn,
        token_hash: &str,
        purpose: Purpose,
    ) -> StoreResult<Option<String>> {
        let now = crate::now();
        let person: Option<(String, PrimitiveDateTime)> = email_tokens::table
            .filter(email_tokens::token_hash.eq(token_hash))
            .filter(email_tokens::purpose.eq(purpose.as_str()))
            .filter(email_tokens::used_at.is_null())
            .select((email_tokens::person_id, email_tokens::expires_at))
            .first(conn)
            .optional()?;
        let Some((person_id, expires_at)) = person else {
            return Ok(None);
        };
        if expires_at < now {
            return Ok(None);
        }
        let n = diesel::update(
            email_tokens::table
                .find(token_hash)
                .filter(email_tokens::used_at.is_null()),
        )
        .set(email_tokens::used_at.eq(now))
        .execute(conn)?;
        Ok((n == 1).then_some(person_id))
    }

    /// Whose token this is, when it is still usable, without using it (the reset form).
    pub fn valid_person(
        conn: &mut DbConn,
        token_hash: &str,
        purpose: Purpose,
    ) -> StoreResult<Option<String>> {
        Ok(email_tokens::table
            .filter(email_tokens::token_hash.eq(token_hash))
            .filter(email_tokens::purpose.eq(purpose.as_str()))
            .filter(email_tokens::used_at.is_null())
            .filter(email_tokens::expires_at.gt(crate::now()))
            .select(email_tokens::person_id)
            .first(conn)
            .optional()?)
    }
}
