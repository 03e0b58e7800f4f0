//! Uploaded files' metadata. The bytes live in the file storage under `storage_key`;
//! every version is kept.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::conn::DbConn;
use crate::error::StoreResult;
use crate::schema::files;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = files)]
pub struct FileMeta {
    pub id: String,
    pub moment_id: String,
    pub case_id: String,
    pub uploaded_by: String,
    #[diesel(deserialize_as = crate::stamp::Stamp)]
    pub uploaded_at: PrimitiveDateTime,
    pub original_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

impl FileMeta {
    pub fn insert(conn: &mut DbConn, f: &FileMeta) -> StoreResult<()> {
        diesel::insert_into(files::table).values(f).execute(conn)?;
        Ok(())
    }

    pub fn find(conn: &mut DbConn, id: &str) -> StoreResult<Option<FileMeta>> {
        Ok(files::table
            .find(id)
            .select(FileMeta::as_select())
            .first(conn)
            .optional()?)
    }

    /// Every version uploaded for a moment, newest first.
    pub fn for_moment(conn: &mut DbConn, moment_id: &str) -> StoreResult<Vec<FileMeta>> {
        Ok(files::table
            .filter(files::moment_id.eq(moment_id))
            .order((files::uploaded_at.desc(), files::id.desc()))
            .select(FileMeta::as_select())
            .load(conn)?)
    }

    /// Up to `limit` storage keys after `after`, in key order: `certportal check` pages
    /// through every key this way (by the `files_storage_key` index), never all at once.
    pub fn storage_keys_after(
        conn: &mut DbConn,
        after: Option<&str>,
        limit: i64,
    ) -> StoreResult<Vec<String>> {
        let mut query = files::table
            .select(files::storage_key)
            .order(files::storage_key)
            .limit(limit)
            .into_boxed();
        if let Some(after) = after {
            query = query.filter(files::storage_key.gt(after.to_string()));
        }
        Ok(query.load(conn)?)
    }
}
