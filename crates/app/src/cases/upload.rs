//! «Ladda upp fil» (step 2): a new version of a moment's evidence. The bytes are already
//! in the file storage (the handler streams and sniffs them); this records the file,
//! moves the moment to «Inväntar granskning» and writes the event, or refuses and writes
//! nothing (the caller then removes the stored bytes).

use domain::events::EventKind;
use store::models::case::Case;
use store::models::event::{Event, NewEvent};
use store::models::file::FileMeta;
use store::models::moment::Moment;
use store::DbConn;

use super::own_case;
use crate::error::{Error, Result};
use crate::{tx, Actor};

/// The moment changed twice while the upload was recorded: the person tries again.
pub const MOMENT_CHANGED: &str = "rule-moment-changed";

/// A stored file's metadata, as the handler received it.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// The name as the person's device gave it, cleaned.
    pub name: String,
    /// The sniffed type (PDF, JPEG or PNG).
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// Where the bytes are in the file storage.
    pub storage_key: String,
}

/// Records `file` as a new version of the evidence of moment `moment_id` of the actor's
/// own open case `case_id`. Every version is kept; an approved moment takes no more.
pub fn upload_evidence(
    c: &mut DbConn,
    actor: &Actor,
    case_id: &str,
    moment_id: &str,
    file: NewFile,
) -> Result<()> {
    tx(c, |c| {
        let case = own_case(c, actor, case_id)?;
        let (moment, template) = Moment::find(c, moment_id)?
            .filter(|(m, _)| m.case_id == case.id)
            .ok_or(Error::NotFound)?;
        case.status.check_open()?;
        let kind = template.kind;
        let next = moment.status.after_upload(kind)?;
        FileMeta::insert(
            c,
            &FileMeta {
                id: store::new_id(),
                moment_id: moment.id.clone(),
                case_id: case.id.clone(),
                uploaded_by: actor.id.clone(),
                uploaded_at: store::now(),
                original_name: file.name.clone(),
                content_type: file.content_type.clone(),
                size_bytes: file.size_bytes,
                sha256: file.sha256.clone(),
                storage_key: file.storage_key.clone(),
            },
        )?;
        if !Moment::set_status(c, &moment.id, moment.status, next, "", &actor.id)? {
            // A review landed since the moment was read (PostgreSQL does not lock on
            // read): judge the upload again on the status the review left.
            let (now, _) = Moment::find(c, &moment.id)?.ok_or(Error::NotFound)?;
            let next = now.status.after_upload(kind)?;
            if !Moment::set_status(c, &moment.id, now.status, next, "", &actor.id)? {
                return Err(Error::Conflict(MOMENT_CHANGED));
            }
        }
        Case::touch(c, &case.id)?;
        Event::record(
            c,
            NewEvent {
                actor_id: Some(&actor.id),
                person_id: Some(&case.person_id),
                case_id: Some(&case.id),
                detail: &format!("{}: {}", template.name_sv, file.name),
                ..NewEvent::of(EventKind::FileUploaded)
            },
        )?;
        Ok(())
    })
}
