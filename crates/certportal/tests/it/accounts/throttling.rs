//! Login throttling per client address (OWASP): a stranger hammering an account from
//! elsewhere is stopped without locking its owner out, and one client trying address after
//! address is stopped too. (Ten failures for one account from the same client:
//! `sessions::login_is_throttled_after_repeated_failures`.)

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    a_stranger_elsewhere_does_not_lock_the_owner_out,
    one_client_trying_many_accounts_is_throttled,
);

const WRONG: &str = "helt fel lösenord";

async fn a_stranger_elsewhere_does_not_lock_the_owner_out(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Eva", "eva@example.se")
        .await;
    app.logout().await;
    let mut attacker = app.new_browser();
    attacker.client_ip = "203.0.113.66".into();
    for _ in 0..12 {
        let r = attacker
            .post(
                "/login",
                &[("email", "eva@example.se"), ("password", WRONG)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The attacker is stopped for this account, even with the right password...
    let r = attacker
        .post(
            "/login",
            &[("email", "eva@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("För många misslyckade inloggningsförsök");
    assert!(!attacker.jar.contains_key(web::cookies::SESSION));
    // ...while Eva, from her own browser and address, gets in.
    app.login("eva@example.se", PASSWORD).await;
    assert_eq!(app.get("/certificates").await.status, StatusCode::OK);
    // Her success clears nothing of the attacker's count.
    let r = attacker
        .post(
            "/login",
            &[("email", "eva@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn one_client_trying_many_accounts_is_throttled(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Eva", "eva@example.se")
        .await;
    app.logout().await;
    let mut prober = app.new_browser();
    prober.client_ip = "198.51.100.23".into();
    let mut refused_as_throttled = 0;
    for n in 0..25 {
        let email = format!("person{n}@example.se");
        let r = prober
            .post("/login", &[("email", &email), ("password", WRONG)])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        if r.body.contains("från din anslutning") {
            refused_as_throttled += 1;
        } else {
            r.assert_contains("Fel e-postadress eller lösenord");
        }
    }
    assert_eq!(
        refused_as_throttled, 5,
        "twenty failures from one client, then it is stopped"
    );
    // Stopped for every account, a right password included...
    let r = prober
        .post(
            "/login",
            &[("email", "eva@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains(
        "För många misslyckade inloggningsförsök från din anslutning. Vänta 15 minuter",
    );
    // ...and told so in English when the page is English.
    prober.get("/lang/en?next=/").await;
    let r = prober
        .post(
            "/login",
            &[("email", "someone@example.se"), ("password", WRONG)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    r.assert_contains("Too many failed attempts to log in from your connection");
    // Other clients are not affected.
    app.login("eva@example.se", PASSWORD).await;
}
