//! What a hostile probe tried: redirects that leave the portal, control characters in
//! headers, and forms posted from another origin.

use axum::http::StatusCode;

use crate::harness::{TestApp, PASSWORD};

crate::on_both_backends!(
    the_language_switch_never_leaves_the_portal,
    login_next_never_leaves_the_portal,
    csrf_compares_the_whole_origin,
);

/// `next` values that a browser would read as another host, or that are not valid in a
/// `Location` header (they used to answer 500).
const HOSTILE_NEXT: &[&str] = &[
    "/%09/evil.example",
    "/%0a/evil.example",
    "//evil.example",
    "/%5Cevil.example",
    "https://evil.example/",
    "/x%0d%0aSet-Cookie:%20a=b",
    "/x%0a",
    "/x%00",
    "/x%0b",
    "/x%7f",
];

async fn the_language_switch_never_leaves_the_portal(mut app: TestApp) {
    for next in HOSTILE_NEXT {
        let r = app.get(&format!("/lang/en?next={next}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{next}: {}", r.body);
        assert_eq!(r.location(), "/", "{next}");
    }
    let r = app.get("/lang/sv?next=/certificates%3Fpage%3D2").await;
    assert_eq!(r.location(), "/certificates?page=2");
}

async fn login_next_never_leaves_the_portal(mut app: TestApp) {
    app.signed_in_person("19900101-0017", "Nora", "nora@example.se")
        .await;
    for next in HOSTILE_NEXT {
        app.logout().await;
        let decoded = urlencoding::decode(next).unwrap().into_owned();
        let r = app
            .post(
                "/login",
                &[
                    ("email", "nora@example.se"),
                    ("password", PASSWORD),
                    ("next", &decoded),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{next}: {}", r.body);
        assert_eq!(r.location(), "/", "{next}");
    }
}

async fn csrf_compares_the_whole_origin(mut app: TestApp) {
    app.get("/").await;
    let post = |origin: &'static str, csrf: String, cookie: String| {
        axum::http::Request::post("/login")
            .header("cookie", cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", origin)
            .header("host", "127.0.0.1:8080")
            .body(axum::body::Body::from(format!(
                "email=x%40example.se&password=y&csrf={csrf}"
            )))
            .unwrap()
    };
    let cookie = format!("{}={}", web::cookies::CSRF, app.csrf());
    // The same host over https is another origin for the http portal.
    for origin in ["https://127.0.0.1:8080", "http://127.0.0.1:8081", "null"] {
        let r = app.send(post(origin, app.csrf(), cookie.clone())).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
    }
    // The portal's own origin passes the check (and the login then fails as a login).
    let r = app
        .send(post("http://127.0.0.1:8080", app.csrf(), cookie.clone()))
        .await;
    assert_ne!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}
