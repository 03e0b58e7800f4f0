//! Mails a stranger can trigger by typing someone's address: «Skicka en ny länk» and a
//! registration with an address that has an account. Each reaches the owner three times an
//! hour at most, however often it is posted, and the answer never tells whether a mail went.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    verification_resends_reach_the_owner_three_times_an_hour,
    duplicate_registrations_reach_the_owner_three_times_an_hour,
);

/// A valid personnummer born 1990-05-05 with the serial `n` (100..=999).
fn pnr(n: u32) -> String {
    let body = format!("900505{n:03}");
    let check = domain::identifiers::luhn_check_digit(&body);
    let p = format!("19{body}{check}");
    format!("{}-{}", &p[..8], &p[8..])
}

async fn verification_resends_reach_the_owner_three_times_an_hour(mut app: TestApp) {
    let r = app
        .post(
            "/register",
            &[
                ("personnummer", "19811218-9876"),
                ("first_name", "Olle"),
                ("last_name", "Obekräftad"),
                ("email", "olle@example.se"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/register/sent");
    assert_eq!(app.mails_to("olle@example.se").await.len(), 1);
    let mut stranger = app.new_browser();
    stranger.client_ip = "203.0.113.66".into();
    for i in 0..30 {
        let r = stranger
            .post("/verify/resend", &[("email", "olle@example.se")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "resend {i}");
        assert_eq!(r.location(), "/register/sent", "the same answer every time");
    }
    let mails = app.mails_to("olle@example.se").await;
    assert_eq!(
        mails.len(),
        1 + 3,
        "the registration's link and three new ones, not thirty"
    );
    // The newest link works (each new link voids the ones before it).
    let link = app.link_in_mail("olle@example.se", "/verify").await;
    assert_eq!(app.get(&link).await.location(), "/login");
}

async fn duplicate_registrations_reach_the_owner_three_times_an_hour(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Anna", "anna@example.se")
        .await;
    app.logout().await;
    let before = app.mails_to("anna@example.se").await.len();
    let mut stranger = app.new_browser();
    stranger.client_ip = "203.0.113.66".into();
    for n in 100..130 {
        let pnr = pnr(n);
        let r = stranger
            .post(
                "/register",
                &[
                    ("personnummer", pnr.as_str()),
                    ("first_name", "Eve"),
                    ("last_name", "X"),
                    ("email", "anna@example.se"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{pnr}: {}", r.body);
        assert_eq!(
            r.location(),
            "/register/sent",
            "the same answer as a new registration, every time"
        );
    }
    let mails = app.mails_to("anna@example.se").await;
    assert_eq!(mails.len(), before + 3, "three notices, not thirty");
    assert_eq!(app.count("persons").await, 1, "no account was made");
}
