//! The page frame, error pages, headers and the operations endpoints.

use axum::http::StatusCode;

use crate::harness::TestApp;

crate::on_both_backends!(
    security_headers_on_every_page,
    every_response_carries_its_request_id,
    error_pages_speak_the_readers_language,
    health_ready_and_metrics,
    metrics_need_the_token,
    demo_data_loads_once_and_logs_in,
);

async fn security_headers_on_every_page(mut app: TestApp) {
    for path in ["/", "/login", "/register", "/does-not-exist"] {
        let r = app.get(path).await;
        let csp = r
            .headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert!(r.headers.get("referrer-policy").is_some());
        assert!(
            r.headers.get("strict-transport-security").is_none(),
            "no HSTS over plain HTTP"
        );
        assert!(!r.body.contains("<script>"), "no inline script");
    }
    let mut fresh = app.new_browser();
    let r = fresh.get("/login").await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
}

/// Every answer, a page's, an operation's, the API's, a refusal's, names its request: a
/// fresh id, or the one a proxy in front sent. The outer layers set and echo it around all
/// routes (`router::build`).
async fn every_response_carries_its_request_id(mut app: TestApp) {
    for path in [
        "/",
        "/healthz",
        "/does-not-exist",
        "/api/v1/openapi.json",
        "/certifierade?q=andersson",
    ] {
        let r = app.get(path).await;
        let id = r
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(uuid::Uuid::parse_str(id).is_ok(), "{path}: {id:?}");
        let sent = axum::http::Request::get(path)
            .header("x-request-id", "from-the-proxy-7")
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(sent).await;
        assert_eq!(
            r.headers.get("x-request-id").unwrap(),
            "from-the-proxy-7",
            "{path}"
        );
    }
    // A form post refused by the CSRF check names its request too.
    let refused = axum::http::Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("email=a%40b.se&password=x"))
        .unwrap();
    let r = app.send(refused).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.headers.get("x-request-id").is_some());
}

async fn error_pages_speak_the_readers_language(mut app: TestApp) {
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    r.assert_contains("Sidan finns inte")
        .assert_contains("<h1>");
    app.get("/lang/en?next=/").await;
    let r = app.get("/no/such/page").await;
    r.assert_contains("Page not found")
        .assert_contains("lang=\"en\"");
    // A same-site referer becomes «Go back»; another site's does not.
    let req = axum::http::Request::get("/no/such/page")
        .header("host", "127.0.0.1:8080")
        .header("referer", "http://127.0.0.1:8080/certificates?q=x")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    r.assert_contains("href=\"/certificates?q=x\"")
        .assert_contains("Gå tillbaka");
    let req = axum::http::Request::get("/no/such/page")
        .header("host", "127.0.0.1:8080")
        .header("referer", "https://evil.example/certificates")
        .body(axum::body::Body::empty())
        .unwrap();
    assert!(!app.send(req).await.body.contains("Gå tillbaka"));
    // An unknown language is a 404, not a broken cookie.
    assert_eq!(app.get("/lang/xx").await.status, StatusCode::NOT_FOUND);
    // The language switch never redirects off-site.
    assert_eq!(
        app.get("/lang/sv?next=//evil.example").await.location(),
        "/"
    );
}

async fn health_ready_and_metrics(mut app: TestApp) {
    let r = app.get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
    assert_eq!(app.get("/readyz").await.status, StatusCode::OK);
    app.get("/").await;
    let m = app
        .send(metrics_request(Some(web::config::TEST_METRICS_TOKEN)))
        .await;
    assert!(
        m.body
            .contains("certportal_http_requests_total{status=\"2xx\"}"),
        "{}",
        m.body
    );
    assert!(m.body.contains("certportal_outbox_pending 0"), "{}", m.body);
    assert!(m.body.contains("certportal_outbox_failed 0"), "{}", m.body);
}

fn metrics_request(token: Option<&str>) -> axum::http::Request<axum::body::Body> {
    let mut req = axum::http::Request::get("/metrics");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    req.body(axum::body::Body::empty()).unwrap()
}

/// `/metrics` on the public port answers only the configured bearer token; without one
/// it is not there at all.
async fn metrics_need_the_token(mut app: TestApp) {
    for token in [None, Some("wrong"), Some("")] {
        let r = app.send(metrics_request(token)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{token:?}");
        assert!(!r.body.contains("certportal_"), "{token:?}");
    }
    let r = app
        .send(metrics_request(Some(web::config::TEST_METRICS_TOKEN)))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("certportal_outbox_pending"));
}

async fn demo_data_loads_once_and_logs_in(mut app: TestApp) {
    let logins = web::admin::load_demo(&app.state).await.unwrap();
    assert_eq!(logins.len(), 7);
    let again = web::admin::load_demo(&app.state).await.unwrap();
    assert_eq!(again.len(), 7);
    assert_eq!(app.count("persons").await, 7);
    assert_eq!(app.count("companies").await, 2);
    // The certified holder's one certificate, issued once, in the public register.
    assert_eq!(app.count("cases").await, 1);
    assert_eq!(app.count("decisions").await, 1);
    app.get("/certifierade?q=certifierad")
        .await
        .assert_contains("Cecilia Certifierad")
        .assert_contains("Kylservice Demo AB")
        .assert_contains("00001");
    assert_eq!(app.count("exam_centres").await, 1);
    assert_eq!(app.count("exam_examiners").await, 1);
    app.login("test.person@example.se", web::admin::DEMO_PASSWORD)
        .await;
    app.get("/").await.assert_contains("Test Person");
}
