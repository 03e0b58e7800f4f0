//! What a hostile probe tried: redirects that leave the portal, control characters in
//! headers, and forms posted from another origin.

use axum::http::StatusCode;

use crate::certificates::{apply, moment_ids, KAT_V};
use crate::harness::{TestApp, PASSWORD, PDF};

crate::on_both_backends!(
    the_language_switch_never_leaves_the_portal,
    login_next_never_leaves_the_portal,
    csrf_compares_the_whole_origin,
    unreadable_requests_get_the_portals_400_page,
    ; and_s3:
    downloads_are_named_from_the_sniffed_type,
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

/// A query string or form body that the page's extractor cannot read gets the portal's
/// own 400 page in the reader's language, not axum's plain-text message.
async fn unreadable_requests_get_the_portals_400_page(mut app: TestApp) {
    app.signed_in_person("19900101-0017", "Nora", "nora@example.se")
        .await;
    let r = app.get("/events?page=1&page=2").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    r.assert_contains("Felaktig förfrågan")
        .assert_contains("Förfrågan kunde inte läsas");
    assert!(!r.body.contains("deserialize"), "{}", r.body);
    assert!(
        r.headers
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html")),
        "{:?}",
        r.headers
    );
    let csrf = app.csrf();
    let r = app
        .post_raw(
            "/persons/00000000-0000-0000-0000-000000000000/password",
            format!("current_password=a&current_password=b&csrf={csrf}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    r.assert_contains("Förfrågan kunde inte läsas");
    // A multipart body without its boundary never reaches the upload handler.
    let cookie = format!("{}={}", web::cookies::CSRF, app.csrf());
    let session = app
        .jar
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>();
    let req = axum::http::Request::post(
        "/cases/00000000-0000-0000-0000-000000000000/moments/00000000-0000-0000-0000-000000000000/upload",
    )
    .header("cookie", if session.is_empty() { cookie } else { session.join("; ") })
    .header("content-type", "multipart/form-data")
    .body(axum::body::Body::from("garbage"))
    .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    r.assert_contains("Felaktig förfrågan");
    app.get("/lang/en?next=/").await;
    let r = app.get("/events?page=1&page=2").await;
    r.assert_contains("The request could not be read");
}

/// A PDF uploaded under an `.html` name downloads as `.pdf`, and the name is encoded per
/// RFC 6266/5987 (spaces as `%20`, never `+`).
async fn downloads_are_named_from_the_sniffed_type(mut app: TestApp) {
    app.signed_in_person("19900101-0017", "Nora", "nora@example.se")
        .await;
    let id = apply(&mut app, KAT_V).await;
    let moment = moment_ids(&app, &id).await.remove(0);
    let path = format!("/cases/{id}/moments/{moment}/upload");
    let r = app.upload(&path, "my evidence file.html", PDF).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&format!("/cases/{id}")).await;
    let file_id = page
        .body
        .split("/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = app.get(&format!("/files/{file_id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let disposition = r
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        disposition,
        "attachment; filename=\"my evidence file.pdf\"; filename*=UTF-8''my%20evidence%20file.pdf"
    );
}
