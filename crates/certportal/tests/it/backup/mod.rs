//! `certportal backup` and `certportal restore`: a portal with real data round-trips into a
//! fresh data directory and database with every table and file the same; a restore refuses
//! a target that is not empty and a backup whose files do not match their checksums; a
//! file the database names but the storage lacks fails the backup unless allowed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use certportal::backup::{self, manifest, Missing, Portal};
use store::snapshot::{self, TableDigest};

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::companies::{company_with_admin, employed_and_confirmed};
use crate::harness::{TestApp, PASSWORD, PDF, PNG};

crate::on_both_backends!(
    a_backup_restores_every_table_and_file,
    a_restore_refuses_a_full_target_and_a_tampered_backup,
    a_missing_file_fails_the_backup_unless_allowed,
    a_backup_taken_while_files_arrive_restores_whole,
);

const PERSON: &str = "backup@example.se";

/// A person employed at a company, with two cases: one whose moment has a file in two
/// versions, one with a single file; returns the first case's id.
async fn seeded(app: &mut TestApp) -> String {
    let (cid, mut frida) = company_with_admin(app).await;
    app.signed_in_person("19811218-9876", "Berit", PERSON).await;
    employed_and_confirmed(app, &mut frida, &cid).await;
    let case = apply(app, KAT_V).await;
    let copy = moment_ids(app, &case).await.remove(0);
    let other = apply(app, "Personcertifikat f-gas kat A1").await;
    let training = moment_ids(app, &other).await.remove(0);
    for (case, moment, name, bytes) in [
        (&case, &copy, "intyg.pdf", PDF),
        (&case, &copy, "intyg-v2.png", PNG),
        (&other, &training, "utbildning.pdf", PDF),
    ] {
        let r = app
            .upload(
                &format!("/cases/{case}/moments/{moment}/upload"),
                name,
                bytes,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    case
}

fn source(app: &TestApp) -> Portal {
    Portal {
        database_url: app.state.config.database_url.clone(),
        storage: app.state.storage.clone(),
    }
}

async fn digests(app: &TestApp) -> BTreeMap<String, TableDigest> {
    app.state
        .db
        .run(snapshot::table_digests)
        .await
        .expect("digests")
}

async fn stored_files(app: &TestApp) -> Vec<snapshot::FileRow> {
    app.state.db.run(snapshot::file_rows).await.expect("files")
}

async fn a_backup_restores_every_table_and_file(mut app: TestApp) {
    let case = seeded(&mut app).await;
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("backup");
    let manifest = backup::backup(&source(&app), &to, Missing::Fail)
        .await
        .unwrap();

    let before = digests(&app).await;
    assert_eq!(manifest.tables, before, "the manifest describes the portal");
    for (table, at_least) in [
        ("persons", 2),
        ("companies", 1),
        ("employments", 1),
        ("cases", 1),
        ("files", 3),
        ("events", 3),
        ("outbox", 2),
    ] {
        let rows = manifest.tables.get(table).map(|t| t.rows).unwrap_or(0);
        assert!(rows >= at_least, "{table}: {rows} rows");
    }
    assert_eq!(manifest.files.count, 3);
    assert_eq!(
        manifest.files.bytes,
        (2 * PDF.len() + PNG.len()) as u64,
        "every version is kept"
    );
    let list = std::fs::read_to_string(to.join(manifest::FILES_LIST)).unwrap();
    assert_eq!(list.lines().count(), 3);

    let target = app.empty_target().await;
    let restored = backup::restore(&Portal::from_config(&target.config).unwrap(), &to)
        .await
        .unwrap();
    assert_eq!(restored.tables, before);

    // The restored portal starts, and holds every table and file as they were.
    let mut copy = target.open();
    let after = digests(&copy).await;
    assert_eq!(after, before, "every table is the same after restore");
    let rows = stored_files(&app).await;
    assert_eq!(rows, stored_files(&copy).await);
    for row in &rows {
        let original = app.state.storage.read(&row.storage_key).await.unwrap();
        let restored = copy.state.storage.read(&row.storage_key).await.unwrap();
        assert_eq!(original, restored, "file {}", row.storage_key);
    }
    copy.login(PERSON, PASSWORD).await;
    // The digests see a change: logging in wrote a session.
    assert_ne!(digests(&copy).await["sessions"], before["sessions"]);
    let page = copy.get(&format!("/cases/{case}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("intyg-v2.png");
    // The page's link serves the restored bytes.
    let file_id = page
        .body
        .split("/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = copy.get(&format!("/files/{file_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get("content-type").unwrap(), "image/png");
}

/// The path of the first file in a backup folder.
fn first_backed_up_file(to: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(to.join(manifest::FILES_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.remove(0)
}

async fn target_has_tables(target: &crate::harness::EmptyTarget) -> bool {
    let url = target.config.database_url.clone();
    tokio::task::spawn_blocking(move || {
        if store::Backend::from_url(&url) == store::Backend::Sqlite
            && !Path::new(store::conn::sqlite_path(&url)).exists()
        {
            return false;
        }
        let mut conn = store::conn::ConnectionManager::new(&url).connect().unwrap();
        snapshot::has_tables(&mut conn).unwrap()
    })
    .await
    .unwrap()
}

async fn a_restore_refuses_a_full_target_and_a_tampered_backup(mut app: TestApp) {
    seeded(&mut app).await;
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("backup");
    backup::backup(&source(&app), &to, Missing::Fail)
        .await
        .unwrap();

    // Into the portal itself: it has tables.
    let err = backup::restore(&source(&app), &to).await.unwrap_err();
    assert!(format!("{err:#}").contains("already has tables"), "{err:#}");

    // A file changed after the backup: refused before anything is written.
    let file = first_backed_up_file(&to);
    let original = std::fs::read(&file).unwrap();
    let mut changed = original.clone();
    changed[0] ^= 0xff;
    std::fs::write(&file, &changed).unwrap();
    let target = app.empty_target().await;
    let err = backup::restore(&Portal::from_config(&target.config).unwrap(), &to)
        .await
        .unwrap_err();
    let message = format!("{err:#}");
    let key = file.file_name().unwrap().to_str().unwrap();
    assert!(
        message.contains(key) && message.contains("nothing was restored"),
        "{message}"
    );
    assert!(!target_has_tables(&target).await, "nothing written");
    std::fs::write(&file, &original).unwrap();

    // The database file changed: refused as well.
    let manifest = manifest::Manifest::read(&to).unwrap();
    let db_file = to.join(&manifest.database.file);
    let mut bytes = std::fs::read(&db_file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&db_file, &bytes).unwrap();
    let err = backup::restore(&Portal::from_config(&target.config).unwrap(), &to)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("the manifest says"), "{err:#}");
    assert!(!target_has_tables(&target).await, "nothing written");

    // A folder that is not empty is not a place for a backup.
    let err = backup::backup(&source(&app), &to, Missing::Fail)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("not empty"), "{err:#}");
}

/// Removes a stored file behind the portal's back, wherever the local layout keeps it.
fn remove_stored(root: &Path, key: &str) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            remove_stored(&path, key);
        } else if path.file_name().and_then(|n| n.to_str()) == Some(key) {
            std::fs::remove_file(&path).unwrap();
        }
    }
}

async fn a_missing_file_fails_the_backup_unless_allowed(mut app: TestApp) {
    seeded(&mut app).await;
    let key = stored_files(&app).await.remove(0).storage_key;
    remove_stored(&app.state.config.files_dir(), &key);

    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("backup");
    let err = backup::backup(&source(&app), &to, Missing::Fail)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("--allow-missing"), "{err:#}");
    assert!(
        !to.join(manifest::MANIFEST).exists(),
        "a failed backup has no manifest"
    );

    let to = folder.path().join("allowed");
    let manifest = backup::backup(&source(&app), &to, Missing::Allow)
        .await
        .unwrap();
    assert_eq!(manifest.files.skipped, vec![key]);
    assert_eq!(manifest.files.count, 2);
}

/// The portal keeps taking uploads while the backup runs: the backup is one moment of the
/// database, and every file its rows name is in it (the restore checks both).
async fn a_backup_taken_while_files_arrive_restores_whole(mut app: TestApp) {
    let case = seeded(&mut app).await;
    let moment = moment_ids(&app, &case).await.remove(0);
    let mut uploader = app.new_browser();
    uploader.login(PERSON, PASSWORD).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stopped = stop.clone();
    let writer = tokio::spawn(async move {
        let path = format!("/cases/{case}/moments/{moment}/upload");
        let mut uploaded = 0usize;
        while !stopped.load(std::sync::atomic::Ordering::Relaxed) {
            let mut bytes = PDF.to_vec();
            bytes.extend_from_slice(format!("% version {uploaded}\n").as_bytes());
            let r = uploader.upload(&path, "ny.pdf", &bytes).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
            uploaded += 1;
        }
        uploaded
    });
    // Let some uploads land first, so the backup runs amid them.
    while app.count("files").await < 6 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().join("backup");
    let manifest = backup::backup(&source(&app), &to, Missing::Fail)
        .await
        .unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let uploaded = writer.await.unwrap();
    assert!(manifest.files.count >= 6, "{}", manifest.files.count);
    assert_eq!(
        Some(manifest.files.count),
        manifest.tables.get("files").map(|t| t.rows),
        "one file for each row"
    );
    assert!(uploaded > 0);

    let target = app.empty_target().await;
    backup::restore(&Portal::from_config(&target.config).unwrap(), &to)
        .await
        .unwrap();
    let copy = target.open();
    assert_eq!(copy.count("files").await as u64, manifest.files.count);
}
