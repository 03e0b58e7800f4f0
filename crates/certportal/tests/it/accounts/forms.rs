//! What every form gets before its handler runs: the CSRF check and the body limit.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(csrf_is_required_on_every_form, over_large_body_is_refused,);

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
