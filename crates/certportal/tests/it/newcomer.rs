//! A newcomer's first minutes: the verification link read from the local mail folder with
//! `certportal mail last` works; the registration form's example personnummer is nobody's
//! in the demo or the seed; staff find «Handläggning» on their start page and the review
//! of a waiting moment from the case page; a company administrator finds the company page
//! in the menu; logs written to a pipe carry no colour codes.

use std::time::Duration;

use axum::http::StatusCode;
use certportal::mail_cli;
use store::models::person::Person;

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, PASSWORD, PDF};

crate::on_both_backends!(
    mail_last_prints_a_verification_link_that_verifies,
    the_register_example_personnummer_is_nobodys,
    company_administrators_menu_has_the_company_page,
    ; and_s3:
    staff_start_page_has_a_card_for_handlaggning,
    staff_case_page_links_a_moment_awaiting_review_to_its_review,
);

/// Logs go to standard error; read by a pipe (a file, a journal) they are plain text.
#[test]
fn logs_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_certportal"))
        .arg("migrate")
        .env("CERTPORTAL_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("CERTPORTAL_LOG_FORMAT")
        .env("RUST_LOG", "info")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("database migrated"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "escape codes in {stderr:?}");
}

/// Runs the mail worker (as `certportal serve` does without SMTP) until a mail to `to` is
/// in the mail folder.
async fn deliver_to_folder(app: &TestApp, to: &str) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(web::mail::worker::run(
        app.state.db.clone(),
        app.state.config.clone(),
        stopped,
    ));
    let dir = app.state.config.mail_dir();
    let mut delivered = false;
    for _ in 0..100 {
        if !mail_cli::newest(&dir, Some(to), 1).unwrap().is_empty() {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("the worker stops")
        .unwrap();
    assert!(delivered, "no mail to {to} in {}", dir.display());
}

async fn is_verified(app: &TestApp, email: &str) -> bool {
    let email = email.to_string();
    app.state
        .db
        .run(move |c| Person::find_by_email(c, &email))
        .await
        .unwrap()
        .expect("person")
        .email_verified_at
        .is_some()
}

async fn mail_last_prints_a_verification_link_that_verifies(mut app: TestApp) {
    let email = "nykomling@example.se";
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", "19850612-2384"),
                ("first_name", "Åsa"),
                ("last_name", "Nykomling"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Another mail after it, to someone else: `--to` still finds Åsa's.
    app.state
        .db
        .run(|c| store::models::outbox::Mail::enqueue(c, "annan@example.se", "Annat", "Annat."))
        .await
        .unwrap();
    deliver_to_folder(&app, email).await;
    deliver_to_folder(&app, "annan@example.se").await;

    let dir = app.state.config.mail_dir();
    let found = mail_cli::newest(&dir, Some(email), 1).unwrap();
    let printed = mail_cli::render(&found[0]);
    // The file itself is quoted-printable: its link cannot be copied as it stands.
    let raw = std::fs::read_to_string(&found[0].path).unwrap();
    assert!(raw.contains("token=3D"), "{raw}");
    assert!(
        printed.contains("Subject: Bekräfta din e-postadress\n"),
        "{printed}"
    );
    assert!(
        printed.contains("To:      nykomling@example.se\n"),
        "{printed}"
    );
    assert!(printed.contains("Hej Åsa!"), "{printed}");
    let base = app.state.config.base_url.clone();
    let link = printed
        .lines()
        .find(|l| l.starts_with(&format!("{base}/verify?token=")))
        .unwrap_or_else(|| panic!("a verification link on a line of its own:\n{printed}"))
        .to_string();
    assert!(!link.contains("=3D"), "{link}");
    // The same link the outbox holds.
    assert_eq!(
        link,
        format!("{base}{}", app.link_in_mail(email, "/verify").await)
    );

    // The command prints the same.
    let data_dir = app.state.config.data_dir.clone();
    let to = email.to_string();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_certportal"))
            .args(["mail", "last", "--to", &to])
            .env("CERTPORTAL_DATA_DIR", &data_dir)
            .env_remove("CERTPORTAL_SMTP_URL")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout, printed);
    let data_dir = app.state.config.data_dir.clone();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_certportal"))
            .args(["mail", "list"])
            .env("CERTPORTAL_DATA_DIR", &data_dir)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let list = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(lines
        .iter()
        .any(|l| l.contains(email) && l.ends_with("Bekräfta din e-postadress")));

    // Following the printed link verifies the account.
    assert!(!is_verified(&app, email).await);
    let r = app.get(&link[base.len()..]).await;
    assert_eq!(r.location(), "/login", "{}", r.body);
    assert!(is_verified(&app, email).await);
    app.login(email, PASSWORD).await;
}

/// The example in «12 siffror, till exempel …» on /register.
fn example_on(page: &str, lead: &str) -> String {
    let at = page
        .find(lead)
        .unwrap_or_else(|| panic!("{lead:?} on the page:\n{page}"));
    page[at + lead.len()..].chars().take(13).collect()
}

async fn the_register_example_personnummer_is_nobodys(mut app: TestApp) {
    let sv = example_on(&app.get("/register").await.body, "till exempel ");
    app.jar.insert(web::cookies::LANG.into(), "en".into());
    let en = example_on(&app.get("/register").await.body, "for example ");
    app.jar.remove(web::cookies::LANG);
    assert_eq!(sv, en);
    let example = domain::identifiers::Personnummer::parse(&sv, app::today())
        .unwrap_or_else(|e| panic!("the example {sv} is not valid: {e}"));

    // Not a demo person's…
    let logins = web::admin::load_demo(&app.state).await.unwrap();
    let mut demo_numbers = Vec::new();
    for (_, email, _) in logins {
        let person = app
            .state
            .db
            .run(move |c| Person::find_by_email(c, &email))
            .await
            .unwrap()
            .expect("demo person");
        demo_numbers.extend(person.personnummer);
    }
    assert!(demo_numbers.len() >= 2, "{demo_numbers:?}");
    assert!(
        !demo_numbers.iter().any(|n| n == example.as_str()),
        "{sv} is a demo person's"
    );
    // …nor one the seed hands out first (every birth date of its first round).
    assert!(
        !(0..20_000).any(|i| app::seed::personnummer(i) == example.as_str()),
        "{sv} is a seeded person's"
    );

    // So a newcomer who copies it after `certportal demo` gets the verification link.
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", sv.as_str()),
                ("first_name", "Ny"),
                ("last_name", "Kopierare"),
                ("email", "ny@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let link = app.link_in_mail("ny@example.se", "/verify").await;
    assert!(link.starts_with("/verify?token="), "{link}");
}

/// A handläggare, logged in in a browser of its own.
async fn staff(app: &TestApp, first: &str) -> TestApp {
    let email = format!("{}@cert.example.se", first.to_lowercase());
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: email.clone(),
            first_name: first.into(),
            last_name: "Personal".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                handlaggare: true,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();
    let mut b = app.new_browser();
    b.login(&email, PASSWORD).await;
    b
}

/// A person's case of type «kat V» with its first moment's file uploaded through the page,
/// so the moment is «Inväntar granskning»; returns the case's and the moment's ids.
async fn case_awaiting_review(person: &mut TestApp) -> (String, String) {
    let case_id = apply(person, KAT_V).await;
    let moment_id = moment_ids(person, &case_id).await.remove(0);
    let r = person
        .upload(
            &format!("/cases/{case_id}/moments/{moment_id}/upload"),
            "certifikat.pdf",
            PDF,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (case_id, moment_id)
}

const STAFF_CARD: &str = r#"<li class="card"><h2><a href="/staff">Handläggning</a></h2>"#;

async fn staff_start_page_has_a_card_for_handlaggning(mut app: TestApp) {
    let mut hanna = staff(&app, "Hanna").await;
    let home = hanna.get("/").await;
    home.assert_contains(STAFF_CARD)
        .assert_contains(r#"<a href="/staff/moments">0 moment väntar</a>"#);

    app.signed_in_person("19850612-2384", "Pia", "pia@example.se")
        .await;
    case_awaiting_review(&mut app).await;
    hanna
        .get("/")
        .await
        .assert_contains(STAFF_CARD)
        .assert_contains(r#"<a href="/staff/moments">1 moment väntar</a>"#);
    hanna.jar.insert(web::cookies::LANG.into(), "en".into());
    hanna
        .get("/")
        .await
        .assert_contains(r#"<a href="/staff">Case handling</a>"#)
        .assert_contains("1 moment waiting");

    // A person who is not staff has no such card (nor the menu entry).
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(!home.body.contains(r#"href="/staff""#), "{}", home.body);
}

async fn company_administrators_menu_has_the_company_page(app: TestApp) {
    let (company_id, mut frida) = crate::companies::company_with_admin(&app).await;
    let entry = format!(r#"<li><a href="/companies/{company_id}">Företagssida</a></li>"#);
    frida.get("/certificates").await.assert_contains(&entry);
    // On the company page itself the entry is the current one.
    frida
        .get(&format!("/companies/{company_id}"))
        .await
        .assert_contains(&format!(
            r#"<li><a href="/companies/{company_id}" aria-current="page">Företagssida</a></li>"#
        ));

    // With two companies, each is in the menu by name.
    let second = web::admin::create_company(
        &app.state,
        "556123-4567",
        "Andra Bolaget AB",
        Some("frida@example.se"),
    )
    .await
    .unwrap();
    let page = frida.get("/employments").await;
    page.assert_contains(&format!(
        r#"<li><a href="/companies/{company_id}"><span class="visually-hidden">Företagssida: </span>Test Företag AB</a></li>"#
    ))
    .assert_contains(&format!(
        r#"<li><a href="/companies/{second}"><span class="visually-hidden">Företagssida: </span>Andra Bolaget AB</a></li>"#
    ));
    // Read with the session, a row per company: each once, in name order.
    assert_eq!(page.body.matches("Företagssida: </span>").count(), 2);
    let at = |name: &str| page.body.find(name).expect(name);
    assert!(at("Andra Bolaget AB") < at("Test Företag AB"), "by name");

    // Somebody who administers no company has no such entry.
    let mut other = app.new_browser();
    other
        .signed_in_person("19850612-2384", "Olle", "olle@example.se")
        .await;
    let page = other.get("/certificates").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/companies/"), "{}", page.body);
    assert!(!page.body.contains("Företagssida"), "{}", page.body);
}

async fn staff_case_page_links_a_moment_awaiting_review_to_its_review(mut app: TestApp) {
    app.signed_in_person("19850612-2384", "Pia", "pia@example.se")
        .await;
    let (case_id, moment_id) = case_awaiting_review(&mut app).await;
    let review = format!(r#"href="/staff/moments/{moment_id}""#);
    let mut hanna = staff(&app, "Hanna").await;

    let page = hanna.get(&format!("/staff/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Inväntar granskning")
        .assert_contains(&format!(
            r#"<a class="button button-secondary" {review}>Granska<span class="visually-hidden">: "#
        ));
    // Only the moment awaiting review has the link.
    assert_eq!(
        page.body.matches("/staff/moments/").count(),
        1,
        "{}",
        page.body
    );
    // The person's own case page offers no review.
    let own = app.get(&format!("/cases/{case_id}")).await;
    own.assert_contains("Inväntar granskning");
    assert!(!own.body.contains("/staff/moments/"), "{}", own.body);

    // The link leads to the review; once reviewed, the link is gone.
    let form = hanna.get(&format!("/staff/moments/{moment_id}")).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Granska moment");
    let r = hanna
        .post(
            &format!("/staff/moments/{moment_id}/review"),
            &[("decision", "approve"), ("comment", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = hanna.get(&format!("/staff/cases/{case_id}")).await;
    assert!(!page.body.contains(&review), "{}", page.body);
}
