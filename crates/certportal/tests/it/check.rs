//! `certportal check [--repair]`: orphans both ways, on the test's database and store
//! (the data folder's, or an S3 bucket), through the binary as an operator runs it.

use axum::http::StatusCode;
use store::models::file::FileMeta;

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, PDF, PNG};

crate::on_both_backends!(; and_s3: check_reports_orphans_both_ways_and_repairs_stored_ones);

/// Runs `certportal check ARGS` on the test's database and store; returns (exit code,
/// stdout).
async fn check(app: &TestApp, args: &[&str]) -> (Option<i32>, String) {
    let config = app.state.config.clone();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_certportal"));
        cmd.arg("check")
            .args(&args)
            .env("DATABASE_URL", &config.database_url)
            .env("CERTPORTAL_DATA_DIR", &config.data_dir);
        match &config.storage {
            web::storage::StorageUrl::File(root) => {
                cmd.env(
                    "CERTPORTAL_STORAGE_URL",
                    format!("file://{}", root.display()),
                );
            }
            web::storage::StorageUrl::S3 {
                bucket, settings, ..
            } => {
                cmd.env("CERTPORTAL_STORAGE_URL", format!("s3://{bucket}"));
                for (name, value) in settings {
                    cmd.env(name.to_ascii_uppercase(), &value.0);
                }
            }
        }
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            !stderr.contains("Error"),
            "certportal check failed: {stderr}\n{stdout}"
        );
        (out.status.code(), stdout)
    })
    .await
    .unwrap()
}

async fn storage_keys(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .run(|c| FileMeta::storage_keys_after(c, None, 100))
        .await
        .unwrap()
}

async fn check_reports_orphans_both_ways_and_repairs_stored_ones(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Test", "test@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    for (name, bytes) in [("certifikat.pdf", PDF), ("bild.png", PNG)] {
        let r = app.upload(&path, name, bytes).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let keys = storage_keys(&app).await;
    assert_eq!(keys.len(), 2);

    let (code, out) = check(&app, &[]).await;
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("rows in files: 2\nstored objects: 2\n"),
        "{out}"
    );
    assert!(out.contains("stored without a row: 0\nrows whose file is missing: 0\n"));

    // One row loses its bytes; two stored files have no row (an upload whose transaction
    // failed, and whose removal failed too).
    app.state.storage.delete(&keys[1]).await.unwrap();
    let mut strays = Vec::new();
    for _ in 0..2 {
        let key = store::new_id();
        let mut incoming = app.state.storage.begin().await.unwrap();
        incoming.write(PDF).await.unwrap();
        app.state.storage.commit(incoming, &key).await.unwrap();
        strays.push(key);
    }
    strays.sort();

    let (code, out) = check(&app, &[]).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("rows in files: 2\nstored objects: 3\n"),
        "{out}"
    );
    assert!(out.contains("stored without a row: 2\nrows whose file is missing: 1\n"));
    for stray in &strays {
        assert!(
            out.contains(&format!("stored without a row: {stray}\n")),
            "{out}"
        );
    }
    assert!(out.contains(&format!("row whose file is missing: {}\n", keys[1])));

    // Within the grace period nothing is taken: they may be uploads in flight.
    let (code, out) = check(&app, &["--repair"]).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("removed: 0 (kept 2 younger than 600 s)"),
        "{out}"
    );
    assert_eq!(app.stored().await.len(), 3);

    let (code, out) = check(&app, &["--repair", "--grace-seconds", "0"]).await;
    assert_eq!(code, Some(1), "the missing file is still reported: {out}");
    assert!(
        out.contains("removed: 2 (kept 0 younger than 0 s)"),
        "{out}"
    );
    let mut left = app.stored().await;
    left.sort();
    assert_eq!(left, [keys[0].clone()]);
    // The row is only reported: it is the record of an upload.
    assert_eq!(app.count("files").await, 2);

    let (code, out) = check(&app, &[]).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("rows in files: 2\nstored objects: 1\n"),
        "{out}"
    );
    assert!(out.contains("stored without a row: 0\nrows whose file is missing: 1\n"));
}
