//! «Registrera konto» and the e-mailed verification link: the happy path, the form's
//! refusals, duplicates that reveal nothing, and a new link for an unverified account.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    register_verify_login_logout,
    bad_registration_inputs_store_nothing,
    duplicate_registration_reveals_nothing_and_notifies_owner,
    unverified_login_is_refused_with_a_new_link,
);

async fn register_verify_login_logout(mut app: TestApp) {
    let page = app.get("/register").await;
    assert_eq!(page.status, StatusCode::OK);
    for label in [
        "Registrera konto",
        "Personnummer",
        "Förnamn",
        "Efternamn",
        "E-postadress",
        "Lösenord",
    ] {
        page.assert_contains(label);
    }
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", "811218-9876"),
                ("first_name", "Test"),
                ("last_name", "Person"),
                ("email", "Test.Person@Example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/register/sent");
    let person = app
        .state
        .db
        .run(|c| store::models::person::Person::find_by_email(c, "test.person@example.se"))
        .await
        .unwrap()
        .expect("stored with the address lower-cased");
    assert_eq!(
        person.personnummer.as_deref(),
        Some("198112189876"),
        "stored as 12 digits"
    );
    assert!(person.email_verified_at.is_none());
    assert!(person
        .password_hash
        .as_deref()
        .unwrap()
        .starts_with("$argon2id$"));

    // No login before verification.
    let r = app
        .post(
            "/login",
            &[("email", "test.person@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("bekräfta din e-postadress");

    let link = app.link_in_mail("test.person@example.se", "/verify").await;
    let r = app.get(&link).await;
    assert_eq!(r.location(), "/login");
    let page = app.follow(r).await;
    page.assert_contains("Din e-postadress är bekräftad");
    // The link works once.
    let again = app.get(&link).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    again.assert_contains("Länken fungerar inte");

    let r = app.login("test.person@example.se", PASSWORD).await;
    assert_eq!(r.location(), "/");
    let home = app.get("/").await;
    for label in [
        "Certifikat",
        "Anställningar",
        "Prov",
        "Händelselogg",
        "Visa person",
        "Logga ut",
        "Välkommen, Test Person",
    ] {
        home.assert_contains(label);
    }
    assert!(
        !home.body.contains("Handläggning"),
        "no staff menu for a person"
    );
    let events = app.get("/events").await;
    events
        .assert_contains("Konto registrerat")
        .assert_contains("E-postadress bekräftad");

    // English after the switch.
    let r = app.get("/lang/en?next=/").await;
    assert_eq!(r.location(), "/");
    let home = app.get("/").await;
    home.assert_contains("Certificates")
        .assert_contains("Log out")
        .assert_contains("lang=\"en\"");
    app.get("/lang/sv?next=/").await;

    let old_session = app
        .jar
        .get(web::cookies::SESSION)
        .cloned()
        .expect("session cookie");
    app.logout().await;
    assert!(!app.jar.contains_key(web::cookies::SESSION));
    // The old session id no longer works on the server.
    app.jar.insert(web::cookies::SESSION.into(), old_session);
    let r = app.get("/certificates").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login?next="), "{}", r.location());
}

async fn bad_registration_inputs_store_nothing(mut app: TestApp) {
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "19811218-9875",
            "Test",
            "test@example.se",
            PASSWORD,
            "Kontrollsiffran stämmer inte",
        ),
        (
            "19810230-9876",
            "Test",
            "test@example.se",
            PASSWORD,
            "datum som inte finns",
        ),
        (
            "1981121",
            "Test",
            "test@example.se",
            PASSWORD,
            "10 eller 12 siffror",
        ),
        (
            "19811218-9876",
            "Test",
            "test@example.se",
            "kort",
            "minst 12 tecken",
        ),
        (
            "19811218-9876",
            "Test",
            "test@example.se",
            "password1234",
            "för vanligt",
        ),
        (
            "19811218-9876",
            "Test",
            "inte-en-adress",
            PASSWORD,
            "e-postadress i rätt format",
        ),
    ];
    for (pnr, first, email, password, message) in cases {
        let r = app
            .post(
                "/register",
                &[
                    ("personnummer", pnr),
                    ("first_name", first),
                    ("last_name", "P"),
                    ("email", email),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{pnr} {email} {password}"
        );
        r.assert_contains(message)
            .assert_contains("Det finns fel i formuläret");
        r.assert_contains("aria-invalid=\"true\"");
        // What was typed is kept, never the password.
        r.assert_contains(&format!("value=\"{pnr}\""));
        assert!(
            !r.body.contains(&format!("value=\"{password}\"")),
            "password echoed back"
        );
    }
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", ""),
                ("first_name", ""),
                ("last_name", ""),
                ("email", ""),
                ("password", ""),
            ],
        )
        .await;
    r.assert_contains("Ange ditt förnamn")
        .assert_contains("Ange ditt efternamn");
    // English messages too.
    app.get("/lang/en?next=/").await;
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", "19811218-9875"),
                ("first_name", "A"),
                ("last_name", "B"),
                ("email", "x"),
                ("password", "short"),
            ],
        )
        .await;
    r.assert_contains("There is a problem")
        .assert_contains("check digit");
    assert_eq!(app.count("persons").await, 0);
    assert_eq!(app.count("outbox").await, 0);
    assert_eq!(app.count("events").await, 0);
}

async fn duplicate_registration_reveals_nothing_and_notifies_owner(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    app.logout().await;
    let mut stranger = app.new_browser();
    // Same personnummer, another address.
    let r = stranger
        .post(
            "/register",
            &[
                ("personnummer", "198112189876"),
                ("first_name", "Eve"),
                ("last_name", "X"),
                ("email", "eve@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        "/register/sent",
        "same answer as a new registration"
    );
    // Same address, another personnummer.
    let r = stranger
        .post(
            "/register",
            &[
                ("personnummer", "701063-2391"),
                ("first_name", "Eve"),
                ("last_name", "X"),
                ("email", "ANNA@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/register/sent");
    assert_eq!(app.count("persons").await, 1);
    assert!(stranger.mails_to("eve@example.se").await.is_empty());
    let notices = app.mails_to("anna@example.se").await;
    assert_eq!(notices.len(), 3, "verification + two notices");
    assert!(notices[2].subject.contains("Någon försökte registrera"));
}

async fn unverified_login_is_refused_with_a_new_link(mut app: TestApp) {
    app.post(
        "/register",
        &[
            ("personnummer", "19811218-9876"),
            ("first_name", "Bo"),
            ("last_name", "B"),
            ("email", "bo@example.se"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let first_link = app.link_in_mail("bo@example.se", "/verify").await;
    // A wrong password says nothing about verification.
    let r = app
        .post(
            "/login",
            &[
                ("email", "bo@example.se"),
                ("password", "fel lösenord igen"),
            ],
        )
        .await;
    r.assert_contains("Fel e-postadress eller lösenord");
    assert!(!r.body.contains("Skicka en ny länk"));
    let r = app
        .post(
            "/login",
            &[("email", "bo@example.se"), ("password", PASSWORD)],
        )
        .await;
    r.assert_contains("Din e-postadress är inte bekräftad")
        .assert_contains("Skicka en ny länk");
    let r = app
        .post("/verify/resend", &[("email", "bo@example.se")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let second_link = app.link_in_mail("bo@example.se", "/verify").await;
    assert_ne!(first_link, second_link);
    // Only the newest link works.
    assert_eq!(app.get(&first_link).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.get(&second_link).await.location(), "/login");
    app.login("bo@example.se", PASSWORD).await;
}
