//! Signing in and staying signed in: throttled failures, a new session id at every
//! login, sessions that end when idle or old, and a login posted after the session ended.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    login_is_throttled_after_repeated_failures,
    session_id_is_new_at_every_login,
    idle_and_old_sessions_end,
    login_over_a_session_ended_elsewhere_signs_in,
);

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

/// The login form was open while the session ended elsewhere (logged out in another tab):
/// posting it gives the browser its new session cookie once, not the new one and then a
/// clearing of the old one, which would undo it.
async fn login_over_a_session_ended_elsewhere_signs_in(mut app: TestApp) {
    app.signed_in_person("19811218-9876", "Stina", "stina@example.se")
        .await;
    let mut other_tab = app.new_browser();
    other_tab.jar = app.jar.clone();
    other_tab.logout().await;
    assert_eq!(app.count("sessions").await, 0);
    let stale = app.jar.get(web::cookies::SESSION).cloned().unwrap();

    let r = app
        .post(
            "/login",
            &[("email", "stina@example.se"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let session_cookies: Vec<&str> = r
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| v.starts_with(&format!("{}=", web::cookies::SESSION)))
        .collect();
    assert_eq!(session_cookies.len(), 1, "{session_cookies:?}");
    assert!(
        !session_cookies[0].contains("Max-Age=0"),
        "{}",
        session_cookies[0]
    );
    let fresh = app.jar.get(web::cookies::SESSION).cloned().unwrap();
    assert_ne!(fresh, stale);
    assert_eq!(
        app.get("/certificates").await.status,
        StatusCode::OK,
        "signed in on the next request"
    );
}
