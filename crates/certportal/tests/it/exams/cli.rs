//! The command line on the test's own database (SQLite or PostgreSQL): `exam-centre
//! create`, `user create --role provforrattare --exam-centre`, and `jobs run --today`.

use store::models::exam::ExamCentre;

use crate::harness::TestApp;

crate::on_both_backends!(exam_centres_examiners_and_jobs_from_the_command_line,);

/// Runs the binary on the test's database with `args` (and `stdin`); returns (success,
/// stdout and stderr).
async fn certportal(app: &TestApp, args: &[&str], stdin: &str) -> (bool, String) {
    use std::io::Write;
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (db, dir, stdin) = (
        app.state.config.database_url.clone(),
        app.state.config.data_dir.clone(),
        stdin.to_string(),
    );
    tokio::task::spawn_blocking(move || {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_certportal"))
            .args(&args)
            .env("DATABASE_URL", db)
            .env("CERTPORTAL_DATA_DIR", dir)
            .env_remove("CERTPORTAL_TODAY")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    })
    .await
    .unwrap()
}

async fn exam_centres_examiners_and_jobs_from_the_command_line(app: TestApp) {
    let create = [
        "exam-centre",
        "create",
        "--orgnr",
        "556987-6542",
        "--name",
        "Kylskolan AB",
        "--city",
        "Göteborg",
        "--kind",
        "teori-a1",
        "--kind",
        "praktik-a1",
    ];
    let (ok, out) = certportal(&app, &create, "").await;
    assert!(ok, "{out}");
    let (ok, out) = certportal(&app, &create, "").await;
    assert!(!ok, "registered once: {out}");
    let (ok, out) = certportal(
        &app,
        &[
            "exam-centre",
            "create",
            "--orgnr",
            "556012-5790",
            "--name",
            "X",
            "--kind",
            "nonsense",
        ],
        "",
    )
    .await;
    assert!(!ok && out.contains("nonsense"), "{out}");
    let (centre, kinds) = app
        .state
        .db
        .run(|c| {
            let centre = ExamCentre::find_by_orgnr(c, "5569876542")?.expect("centre");
            let kinds = ExamCentre::kinds(c, &centre.id)?;
            Ok((centre, kinds))
        })
        .await
        .unwrap();
    assert_eq!(centre.name, "Kylskolan AB");
    let codes: Vec<_> = kinds.iter().map(|k| k.code.as_str()).collect();
    assert_eq!(codes, ["teori-a1", "praktik-a1"]);

    let user = [
        "user",
        "create",
        "--email",
        "erik@example.se",
        "--first-name",
        "Erik",
        "--last-name",
        "Provsson",
        "--role",
        "provforrattare",
        "--exam-centre",
        "556987-6542",
        "--password-stdin",
    ];
    let (ok, out) = certportal(&app, &user, "ett långt och bra lösenord\n").await;
    assert!(ok, "{out}");
    let id = centre.id.clone();
    let examiners = app
        .state
        .db
        .run(move |c| ExamCentre::examiners(c, &id))
        .await
        .unwrap();
    assert_eq!(examiners.len(), 1);
    assert_eq!(examiners[0].3, "erik@example.se");
    // The role and the centre go together.
    let (ok, out) = certportal(
        &app,
        &[
            "user",
            "create",
            "--email",
            "olle@example.se",
            "--first-name",
            "Olle",
            "--last-name",
            "P",
            "--role",
            "provforrattare",
            "--password-stdin",
        ],
        "ett långt och bra lösenord\n",
    )
    .await;
    assert!(!ok && out.contains("--exam-centre"), "{out}");

    let (ok, out) = certportal(&app, &["jobs", "run", "--today", "2030-01-01"], "").await;
    assert!(ok, "{out}");
    assert!(out.contains("jobs as of 2030-01-01: expired: 0"), "{out}");
    let (ok, out) = certportal(&app, &["jobs", "run", "--today", "2030-13-01"], "").await;
    assert!(!ok, "{out}");
}
