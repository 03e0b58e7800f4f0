//! «Ladda upp fil»: files are checked by content and size, and a refusal stores nothing.

use axum::http::StatusCode;
use domain::certification::MomentStatus;
use store::models::moment::Moment;

use super::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, EXE, PDF, PNG};

crate::on_both_backends!(
    ; and_s3:
    uploads_are_checked_by_content_and_size,
    a_refused_upload_leaves_no_file,
);

async fn uploads_are_checked_by_content_and_size(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    let form = app.get(&path).await;
    form.assert_contains("Ladda upp fil")
        .assert_contains("Fil")
        .assert_contains("Ladda upp")
        .assert_contains("multipart/form-data");

    let r = app.upload(&path, "certifikat.pdf", EXE).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("inte en PDF, JPEG eller PNG");
    let r = app.upload(&path, "certifikat.pdf", b"").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Filen är tom");
    let limit = app.state.config.upload_limit_bytes;
    let mut big = PDF.to_vec();
    big.resize(limit + 1, b' ');
    let r = app.upload(&path, "certifikat.pdf", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Filen är större än 2 MB");
    // Far beyond the limit: refused before it is read.
    let mut huge = PDF.to_vec();
    huge.resize(limit + 2 * 1024 * 1024, b' ');
    let r = app.upload(&path, "certifikat.pdf", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without the token nothing is read.
    let r = app
        .upload_with_csrf(&path, &"0".repeat(64), "certifikat.pdf", PDF)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("files").await, 0);
    let stored = app.stored().await;
    assert!(stored.is_empty(), "nothing left in storage: {stored:?}");
    app.get(&format!("/cases/{id}"))
        .await
        .assert_contains("Inväntar fil");

    let r = app.upload(&path, "certifikat.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.follow(r).await;
    page.assert_contains("Inväntar granskning")
        .assert_contains("certifikat.pdf")
        .assert_contains("Filen är uppladdad");
    // A second version is kept beside the first.
    let r = app.upload(&path, "bild.png", PNG).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("files").await, 2);
    let page = app.get(&format!("/cases/{id}")).await;
    page.assert_contains("bild.png");
    // The moment is listed once, with its latest file only (its files are joined to it,
    // a row each, oldest first).
    assert_eq!(
        page.body.matches("href=\"/files/").count(),
        1,
        "{}",
        page.body
    );
    assert!(!page.body.contains("certifikat.pdf"), "{}", page.body);
    let file_id = page
        .body
        .split("/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = app.get(&format!("/files/{file_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get("content-type").unwrap(), "image/png");
    assert!(r
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    app.get(&format!("/cases/{id}/events"))
        .await
        .assert_contains("Fil uppladdad");
    if matches!(
        app.state.config.storage,
        web::storage::StorageUrl::S3 { .. }
    ) {
        let local = app.state.config.files_dir();
        assert!(!local.exists(), "an S3 store writes nothing to {local:?}");
    }
}

/// An upload the rules refuse leaves neither a row nor bytes behind: refused by the page's
/// check before it is read, or by `app::cases::upload_evidence` after the bytes are
/// stored, when the moment is approved while the file is on its way.
async fn a_refused_upload_leaves_no_file(mut app: TestApp) {
    let pid = app
        .signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    let r = app.upload(&path, "certifikat.pdf", PDF).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.stored().await.len(), 1);

    // The review approves the moment and holds its write transaction open while the
    // next file streams in and is stored; it commits just after.
    let db = app.state.db.clone();
    let (held, is_held) = std::sync::mpsc::channel::<()>();
    let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
    let (m, p) = (moment.clone(), pid.clone());
    let review = std::thread::spawn(move || {
        db.run_blocking(|c| {
            store::write_tx(c, |c| {
                let changed = Moment::set_status(
                    c,
                    &m,
                    MomentStatus::AwaitingReview,
                    MomentStatus::Approved,
                    "",
                    &p,
                )?;
                let _ = held.send(());
                let _ = wait_for_go.recv();
                Ok::<_, store::StoreError>(changed)
            })
        })
    });
    tokio::task::block_in_place(|| is_held.recv()).expect("review holds its transaction");
    let (r, ()) = tokio::join!(app.upload(&path, "bild.png", PNG), async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let _ = go.send(());
    });
    assert!(review.join().expect("review thread").expect("review"));
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    r.assert_contains("Momentet är redan godkänt");
    assert_eq!(app.count("files").await, 1);
    let stored = app.stored().await;
    assert_eq!(
        stored.len(),
        1,
        "only the first file in storage: {stored:?}"
    );

    // Approved now: refused before a byte is read.
    let r = app.upload(&path, "bild.png", PNG).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    r.assert_contains("Momentet är redan godkänt");
    assert_eq!(app.count("files").await, 1);
    assert_eq!(app.stored().await.len(), 1);
    assert!(!app
        .get(&format!("/cases/{id}"))
        .await
        .body
        .contains("bild.png"));
}
