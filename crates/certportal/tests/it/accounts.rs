//! Registration, verification, login, logout, reset, profile and their refusals.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    register_verify_login_logout,
    bad_registration_inputs_store_nothing,
    duplicate_registration_reveals_nothing_and_notifies_owner,
    unverified_login_is_refused_with_a_new_link,
    csrf_is_required_on_every_form,
    over_large_body_is_refused,
    login_is_throttled_after_repeated_failures,
    password_reset_is_single_use,
    profile_edit_and_validation,
    another_persons_profile_is_not_reachable,
    password_change_ends_other_sessions,
    session_id_is_new_at_every_login,
    operator_created_staff_can_log_in_at_once,
    idle_and_old_sessions_end,
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

async fn csrf_is_required_on_every_form(mut app: TestApp) {
    app.get("/register").await;
    let fields = [
        ("personnummer", "19811218-9876"),
        ("first_name", "C"),
        ("last_name", "D"),
        ("email", "c@example.se"),
        ("password", PASSWORD),
    ];
    // No token.
    let body = serde_urlencoded::to_string(fields).unwrap();
    let r = app.post_raw("/register", body.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    r.assert_contains("Formuläret kunde inte skickas");
    // A wrong token.
    let r = app
        .post_raw("/register", format!("{body}&csrf={}", "0".repeat(64)))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The right token but from another site.
    let req = axum::http::Request::post("/register")
        .header("cookie", format!("{}={}", web::cookies::CSRF, app.csrf()))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:8080")
        .body(axum::body::Body::from(format!(
            "{body}&csrf={}",
            app.csrf()
        )))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
    // A JSON body is not a form.
    let req = axum::http::Request::post("/register")
        .header("cookie", format!("{}={}", web::cookies::CSRF, app.csrf()))
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{}"))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("persons").await, 0);
    // The logout form too: a forged logout does not end the session.
    app.signed_in_person("19811218-9876", "C", "c@example.se")
        .await;
    let r = app.post_raw("/logout", String::new()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/certificates").await.status, StatusCode::OK);
}

async fn over_large_body_is_refused(mut app: TestApp) {
    app.get("/").await;
    let huge = "x".repeat(2 * 1024 * 1024);
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", "19811218-9876"),
                ("first_name", &huge),
                ("last_name", "D"),
                ("email", "d@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    r.assert_contains("För stor förfrågan");
    assert_eq!(app.count("persons").await, 0);
}

async fn login_is_throttled_after_repeated_failures(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Eva", "eva@example.se")
        .await;
    app.logout().await;
    for _ in 0..10 {
        let r = app
            .post(
                "/login",
                &[
                    ("email", "eva@example.se"),
                    ("password", "helt fel lösenord"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = app
        .post(
            "/login",
            &[("email", "eva@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the right password is refused while throttled"
    );
    r.assert_contains("För många misslyckade inloggningsförsök");
    assert!(!app.jar.contains_key(web::cookies::SESSION));
}

async fn password_reset_is_single_use(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Rut", "rut@example.se")
        .await;
    app.logout().await;
    // Unknown addresses get the same answer and no mail.
    let r = app
        .post("/password/forgot", &[("email", "nobody@example.se")])
        .await;
    assert_eq!(r.location(), "/password/forgot/sent");
    let r = app
        .post("/password/forgot", &[("email", "rut@example.se")])
        .await;
    assert_eq!(r.location(), "/password/forgot/sent");
    let link = app.link_in_mail("rut@example.se", "/password/reset").await;
    let token = link.split("token=").nth(1).unwrap().to_string();
    let page = app.get(&link).await;
    page.assert_contains("Välj ett nytt lösenord");
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "kort")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("minst 12 tecken");
    let new_password = "ny vår med gröna löv";
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", new_password)],
        )
        .await;
    assert_eq!(r.location(), "/login");
    let r = app
        .post(
            "/password/reset",
            &[("token", &token), ("password", "ett annat långt lösen")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "a used link does not work again"
    );
    let r = app
        .post(
            "/login",
            &[("email", "rut@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the old password is gone"
    );
    app.login("rut@example.se", new_password).await;
    app.get("/events")
        .await
        .assert_contains("Lösenord återställt");
    // At most three links an hour: the answer stays the same, the mailbox is spared.
    let before = app.mails_to("rut@example.se").await.len();
    for _ in 0..4 {
        let r = app
            .post("/password/forgot", &[("email", "rut@example.se")])
            .await;
        assert_eq!(r.location(), "/password/forgot/sent");
    }
    assert_eq!(
        app.mails_to("rut@example.se").await.len(),
        before + 2,
        "one link was sent earlier this hour"
    );
    let r = app.get("/password/reset?token=nonsense").await;
    r.assert_contains("Länken är redan använd eller har slutat gälla");
}

async fn profile_edit_and_validation(mut app: TestApp) {
    let id = app
        .signed_in_person("19811218-9876", "Pia", "pia@example.se")
        .await;
    let r = app.get("/profile").await;
    assert_eq!(r.location(), format!("/persons/{id}"));
    let page = app.get(&format!("/persons/{id}")).await;
    for label in [
        "Visa person",
        "Adressrad 1",
        "Adressrad 2",
        "Postnummer",
        "Ort",
        "Land",
        "19811218-9876",
    ] {
        page.assert_contains(label);
    }
    let fields = |postal: &'static str| {
        vec![
            ("first_name", "Pia"),
            ("last_name", "Persson"),
            ("phone", "070-123 45 67"),
            ("address_line1", "Storgatan 1"),
            ("address_line2", ""),
            ("postal_code", postal),
            ("city", "Umeå"),
            ("country", "Sverige"),
            ("language", "sv"),
        ]
    };
    let r = app.post(&format!("/persons/{id}"), &fields("1234")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("fem siffror")
        .assert_contains("value=\"Storgatan 1\"");
    let r = app.post(&format!("/persons/{id}"), &fields("90325")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.follow(r).await;
    page.assert_contains("Dina uppgifter är sparade")
        .assert_contains("903 25")
        .assert_contains("Persson");
    app.get("/events")
        .await
        .assert_contains("Personuppgifter ändrade");

    // Abroad only the postal code's length is limited, and the message names that limit.
    let abroad = |postal: &'static str| {
        fields(postal)
            .into_iter()
            .map(|(k, v)| {
                if k == "country" {
                    (k, "Irland")
                } else {
                    (k, v)
                }
            })
            .collect::<Vec<_>>()
    };
    let r = app
        .post(&format!("/persons/{id}"), &abroad("D02 X285 DUBLIN 2 IE 1"))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Postnumret får vara högst 20 tecken långt.");
    assert!(!r.body.contains("100 tecken"), "{}", r.body);
    let r = app
        .post(&format!("/persons/{id}"), &abroad("D02 X285"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    app.follow(r).await.assert_contains("D02 X285");
}

async fn another_persons_profile_is_not_reachable(mut app: TestApp) {
    let anna = app
        .signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    let mut bo = app.new_browser();
    bo.signed_in_person("701063-2391", "Bo", "bo@example.se")
        .await;
    assert_eq!(
        bo.get(&format!("/persons/{anna}")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = bo
        .post(
            &format!("/persons/{anna}"),
            &[
                ("first_name", "Hacked"),
                ("last_name", "X"),
                ("language", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    r.assert_contains("Sidan finns inte");
    let r = bo
        .post(
            &format!("/persons/{anna}/password"),
            &[
                ("current_password", PASSWORD),
                ("new_password", "stulet lösenord här"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = app.get(&format!("/persons/{anna}")).await;
    assert!(!page.body.contains("Hacked"));
    // A person is no staff.
    assert_eq!(bo.get("/staff").await.status, StatusCode::FORBIDDEN);
    assert_eq!(bo.get("/admin").await.status, StatusCode::FORBIDDEN);
}

async fn password_change_ends_other_sessions(mut app: TestApp) {
    let id = app
        .signed_in_person("19811218-9876", "Siv", "siv@example.se")
        .await;
    let mut phone = app.new_browser();
    phone.login("siv@example.se", PASSWORD).await;
    assert_eq!(phone.get("/certificates").await.status, StatusCode::OK);
    let r = app
        .post(
            &format!("/persons/{id}/password"),
            &[
                ("current_password", "fel"),
                ("new_password", "nytt hemligt lösenord"),
            ],
        )
        .await;
    r.assert_contains("Det nuvarande lösenordet stämmer inte");
    let r = app
        .post(
            &format!("/persons/{id}/password"),
            &[
                ("current_password", PASSWORD),
                ("new_password", "nytt hemligt lösenord"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/certificates").await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        phone.get("/certificates").await.status,
        StatusCode::SEE_OTHER,
        "the other one ended"
    );
}

async fn session_id_is_new_at_every_login(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Ulf", "ulf@example.se")
        .await;
    let first = app.jar.get(web::cookies::SESSION).cloned().unwrap();
    app.login("ulf@example.se", PASSWORD).await;
    let second = app.jar.get(web::cookies::SESSION).cloned().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.count("sessions").await,
        1,
        "the earlier session ended at the new login"
    );
    // The stored form is a hash, not the cookie value.
    let raw = second.clone();
    let found = app
        .state
        .db
        .run(move |c| store::models::session::Session::find_with_person(c, &raw))
        .await
        .unwrap();
    assert!(found.is_none());
}

async fn operator_created_staff_can_log_in_at_once(mut app: TestApp) {
    web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "hanna@example.se".into(),
            first_name: "Hanna".into(),
            last_name: "Handläggare".into(),
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
    app.login("hanna@example.se", PASSWORD).await;
    let home = app.get("/").await;
    home.assert_contains("Handläggning");
    assert!(!home.body.contains("href=\"/admin\""));
    assert_eq!(app.get("/staff").await.status, StatusCode::OK);
    assert_eq!(app.get("/admin").await.status, StatusCode::FORBIDDEN);
    let admin_id = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "alva@example.se".into(),
            first_name: "Alva".into(),
            last_name: "Admin".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: web::admin::StaffRoles {
                administrator: true,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();
    assert!(!admin_id.is_empty());
    let mut admin = app.new_browser();
    admin.login("alva@example.se", PASSWORD).await;
    assert_eq!(admin.get("/admin").await.status, StatusCode::OK);
    // Duplicate operator accounts are refused.
    let dup = web::admin::create_user(
        &app.state,
        web::admin::NewUser {
            email: "alva@example.se".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            personnummer: None,
            password: PASSWORD.into(),
            roles: Default::default(),
        },
    )
    .await;
    assert!(dup.is_err());
}

/// Moves every session's clock back, as if the person had been away that long.
async fn age_sessions(app: &TestApp, idle: time::Duration, age: time::Duration) {
    app.state
        .db
        .run(move |c| {
            use diesel::prelude::*;
            use store::schema::sessions::dsl::*;
            let now = store::now();
            diesel::update(sessions)
                .set((last_seen_at.eq(now - idle), created_at.eq(now - age)))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn idle_and_old_sessions_end(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Ida", "ida@example.se")
        .await;
    age_sessions(&app, time::Duration::minutes(30), time::Duration::hours(1)).await;
    assert_eq!(
        app.get("/certificates").await.status,
        StatusCode::OK,
        "30 minutes idle is fine"
    );
    age_sessions(&app, time::Duration::minutes(61), time::Duration::hours(1)).await;
    let r = app.get("/certificates").await;
    assert!(
        r.location().starts_with("/login"),
        "idle for over an hour: signed out"
    );
    assert_eq!(
        app.count("sessions").await,
        0,
        "the expired session is deleted on the server"
    );
    app.login("ida@example.se", PASSWORD).await;
    age_sessions(&app, time::Duration::minutes(1), time::Duration::hours(13)).await;
    assert!(
        app.get("/certificates")
            .await
            .location()
            .starts_with("/login"),
        "older than 12 hours: signed out"
    );
}
