//! Passwords: «Glömt lösenord» with its single-use link and hourly limit, and changing
//! the password on «Visa person», which ends the other sessions.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    password_reset_is_single_use,
    password_change_ends_other_sessions,
);

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
