//! The test application: the real router, in process, on a fresh database of either
//! backend, with a cookie jar so that a test walks the portal like a browser.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use store::models::outbox::Mail;
use tower::ServiceExt;
use web::AppState;

pub const PASSWORD: &str = "korrekt häftstift batteri";

/// The smallest files each format's sniffing recognises.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
pub const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0,
    1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
];
/// A Windows program («MZ» header), whatever it is named.
pub const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.";

/// Where a test browser is, unless a test moves it (see `TestApp::client_ip`).
pub const CLIENT_IP: &str = "192.0.2.10";

pub struct TestApp {
    pub state: AppState,
    router: axum::Router,
    pub jar: BTreeMap<String, String>,
    /// The browser's address, sent as a proxy would in `X-Forwarded-For` (the test
    /// configuration trusts it): login throttling counts by it.
    pub client_ip: String,
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    #[track_caller]
    pub fn assert_contains(&self, needle: &str) -> &Self {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in page:\n{}",
            self.body
        );
        self
    }
}

fn postgres_admin_url() -> String {
    std::env::var("CERTPORTAL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// moto's S3 server the S3 variants run on (`CERTPORTAL_TEST_S3=http://127.0.0.1:PORT`,
/// set by scripts/test). Without it a test says SKIPPED and passes, unless CI=true.
pub fn s3_endpoint(test: &str) -> Option<String> {
    match std::env::var("CERTPORTAL_TEST_S3") {
        Ok(endpoint) if !endpoint.trim().is_empty() => Some(endpoint.trim().to_string()),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{test}: CERTPORTAL_TEST_S3 is not set and CI=true: the S3 half may not be skipped"
            );
            eprintln!("SKIPPED {test}: CERTPORTAL_TEST_S3 is not set (no moto server; scripts/test starts one)");
            None
        }
    }
}

/// A new bucket on the S3 server for one test, and the store that uses it.
async fn s3_store(endpoint: &str) -> web::storage::StorageUrl {
    let bucket = format!("certportal-t-{}", uuid::Uuid::new_v4().simple());
    let r = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("the S3 server at {endpoint}: {e}"));
    assert!(
        r.status().is_success(),
        "creating bucket {bucket}: {}",
        r.status()
    );
    let settings = [
        ("aws_endpoint", endpoint),
        ("aws_allow_http", "true"),
        ("aws_region", "us-east-1"),
        ("aws_access_key_id", "test"),
        ("aws_secret_access_key", "test"),
    ];
    web::storage::StorageUrl::S3 {
        bucket,
        prefix: None,
        settings: settings
            .iter()
            .map(|(k, v)| (k.to_string(), web::config::Redacted(v.to_string())))
            .collect(),
    }
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        Self::sqlite_on(None).await
    }

    /// On SQLite, the files in `storage` (the data folder's file store when `None`).
    pub async fn sqlite_on(storage: Option<web::storage::StorageUrl>) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        Self::build(url, dir, None, storage)
    }

    /// On a fresh bucket of the S3 server at `endpoint`.
    pub async fn sqlite_s3(endpoint: &str) -> TestApp {
        Self::sqlite_on(Some(s3_store(endpoint).await)).await
    }

    pub async fn postgres_s3(endpoint: &str) -> TestApp {
        Self::postgres_on(Some(s3_store(endpoint).await)).await
    }

    /// A fresh PostgreSQL database for this test, dropped when the test ends. Fails loudly
    /// when PostgreSQL cannot be reached: `scripts/test` decides whether to skip.
    pub async fn postgres() -> TestApp {
        Self::postgres_on(None).await
    }

    pub async fn postgres_on(storage: Option<web::storage::StorageUrl>) -> TestApp {
        let admin = postgres_admin_url();
        let name = format!("certportal_t_{}", uuid::Uuid::new_v4().simple());
        let admin2 = admin.clone();
        let name2 = name.clone();
        tokio::task::spawn_blocking(move || store::pg_admin::create_database(&admin2, &name2))
            .await
            .expect("join")
            .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is needed for this test (scripts/test skips it when absent): {e}"));
        let url = store::pg_admin::with_database(&admin, &name);
        let dir = tempfile::tempdir().expect("tempdir");
        Self::build(url, dir, Some((admin, name)), storage)
    }

    fn build(
        url: String,
        dir: tempfile::TempDir,
        pg: Option<(String, String)>,
        storage: Option<web::storage::StorageUrl>,
    ) -> TestApp {
        let mut config = web::Config::for_tests(url, dir.path().to_path_buf());
        if let Some(storage) = storage {
            config.storage = storage;
        }
        Self::build_on(config, dir, pg)
    }

    fn build_on(
        config: web::Config,
        dir: tempfile::TempDir,
        pg: Option<(String, String)>,
    ) -> TestApp {
        let state = web::prepare(config).expect("prepare");
        let router = web::router::build(state.clone());
        TestApp {
            state,
            router,
            jar: BTreeMap::new(),
            client_ip: CLIENT_IP.into(),
            _dir: dir,
            pg,
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb_cookies(&mut self, headers: &axum::http::HeaderMap) {
        let mut seen = std::collections::BTreeSet::new();
        for v in headers.get_all(header::SET_COOKIE) {
            let Ok(s) = v.to_str() else { continue };
            let first = s.split(';').next().unwrap_or("");
            let Some((name, value)) = first.split_once('=') else {
                continue;
            };
            // Every response, in every test: a second Set-Cookie for the same cookie
            // would undo the first in the browser.
            assert!(seen.insert(name.to_string()), "two Set-Cookie for {name}");
            if s.contains("Max-Age=0") {
                self.jar.remove(name);
            } else {
                self.jar.insert(name.to_string(), value.to_string());
            }
        }
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Resp {
        if let Ok(ip) = self.client_ip.parse() {
            req.headers_mut().entry("x-forwarded-for").or_insert(ip);
        }
        let response = self.router.clone().oneshot(req).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        self.absorb_cookies(&headers);
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let req = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// Follows redirects (GET) until a page answers.
    pub async fn follow(&mut self, mut resp: Resp) -> Resp {
        for _ in 0..5 {
            if !resp.status.is_redirection() {
                return resp;
            }
            let to = resp.location().to_string();
            resp = self.get(&to).await;
        }
        resp
    }

    pub fn csrf(&self) -> String {
        self.jar
            .get(web::cookies::CSRF)
            .cloned()
            .unwrap_or_default()
    }

    /// Posts a form the way the page would: with the CSRF token from the cookie.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        if self.csrf().is_empty() {
            self.get("/").await;
        }
        let mut all: Vec<(&str, String)> =
            fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
        all.push(("csrf", self.csrf()));
        let body = serde_urlencoded::to_string(&all).expect("encode");
        self.post_raw(path, body).await
    }

    pub async fn post_raw(&mut self, path: &str, body: String) -> Resp {
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// Uploads a file the way the upload form does: `csrf` first, then `file`.
    pub async fn upload(&mut self, path: &str, file_name: &str, bytes: &[u8]) -> Resp {
        let csrf = self.csrf();
        self.upload_with_csrf(path, &csrf, file_name, bytes).await
    }

    pub async fn upload_with_csrf(
        &mut self,
        path: &str,
        csrf: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Resp {
        let boundary = "certportal-test-boundary-7d1f";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    pub async fn mails_to(&self, email: &str) -> Vec<Mail> {
        let email = email.to_string();
        self.state
            .db
            .run(move |c| Mail::for_recipient(c, &email))
            .await
            .expect("mails")
    }

    /// The first link in the latest mail to `email` that starts with `prefix`, as a path.
    pub async fn link_in_mail(&self, email: &str, prefix: &str) -> String {
        let mails = self.mails_to(email).await;
        let mail = mails.last().unwrap_or_else(|| panic!("no mail to {email}"));
        let base = &self.state.config.base_url;
        let start = mail
            .body
            .find(&format!("{base}{prefix}"))
            .unwrap_or_else(|| panic!("no {prefix} link in {}", mail.body));
        let rest = &mail.body[start + base.len()..];
        rest.split_whitespace().next().unwrap_or("").to_string()
    }

    /// What the file store holds: every stored key, and any upload left half-received
    /// (as `tmp:<name>`), which should never stay.
    pub async fn stored(&self) -> Vec<String> {
        use futures_util::TryStreamExt;
        let mut out: Vec<String> = self
            .state
            .storage
            .list()
            .map_ok(|o| o.key)
            .try_collect()
            .await
            .expect("list the store");
        if let Ok(entries) = std::fs::read_dir(self.state.storage.tmp_dir()) {
            for e in entries.flatten() {
                out.push(format!("tmp:{}", e.file_name().to_string_lossy()));
            }
        }
        out
    }

    pub async fn count(&self, table: &'static str) -> i64 {
        use diesel::sql_types::BigInt;
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        self.state
            .db
            .run(move |c| {
                Ok(
                    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                        .get_result::<N>(c)?
                        .n,
                )
            })
            .await
            .expect("count")
    }

    /// Registers, verifies and logs in a person; returns their id.
    pub async fn signed_in_person(&mut self, pnr: &str, first: &str, email: &str) -> String {
        let r = self
            .post(
                "/register",
                &[
                    ("personnummer", pnr),
                    ("first_name", first),
                    ("last_name", "Testsson"),
                    ("email", email),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let link = self.link_in_mail(email, "/verify").await;
        let r = self.get(&link).await;
        assert_eq!(r.location(), "/login");
        self.login(email, PASSWORD).await;
        let lookup = email.to_string();
        self.state
            .db
            .run(move |c| store::models::person::Person::find_by_email(c, &lookup))
            .await
            .expect("db")
            .expect("person")
            .id
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Resp {
        let r = self
            .post("/login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login failed: {}", r.body);
        r
    }

    pub async fn logout(&mut self) {
        let r = self.post("/logout", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }

    /// The same database behind a new portal instance with a pool of its own: connections
    /// opened after a test sets Diesel's default instrumentation carry it (the `scale`
    /// guard records every statement the pages send this way).
    pub fn reconnected(&self) -> TestApp {
        let state = web::prepare((*self.state.config).clone()).expect("prepare");
        let router = web::router::build(state.clone());
        TestApp {
            state,
            router,
            jar: BTreeMap::new(),
            client_ip: self.client_ip.clone(),
            _dir: tempfile::tempdir().expect("tempdir"),
            pg: None,
        }
    }

    /// A browser on a portal over the same database whose public register allows each
    /// client `per_minute` requests a minute, `burst` at once.
    pub fn with_public_limit(&self, per_minute: u32, burst: u32) -> TestApp {
        let state = AppState::new(web::StateParts {
            public_limiter: std::sync::Arc::new(web::rate_limit::RateLimiter::new(
                per_minute, burst,
            )),
            ..self.state.parts()
        });
        TestApp {
            router: web::router::build(state.clone()),
            state,
            jar: BTreeMap::new(),
            client_ip: self.client_ip.clone(),
            _dir: tempfile::tempdir().expect("tempdir"),
            pg: None,
        }
    }

    /// A second browser on the same portal and database, at the same address.
    pub fn new_browser(&self) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        TestApp {
            state: self.state.clone(),
            router: self.router.clone(),
            jar: BTreeMap::new(),
            client_ip: self.client_ip.clone(),
            _dir: dir,
            pg: None,
        }
    }
}

/// An empty portal on the same backend as a test's: a fresh data directory and, on
/// PostgreSQL, a fresh database, neither migrated (a restore's target). `open` starts a
/// portal on it; the database is dropped when the target or that portal is dropped.
pub struct EmptyTarget {
    pub config: web::Config,
    dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl EmptyTarget {
    pub fn open(mut self) -> TestApp {
        let dir = self.dir.take().expect("not opened yet");
        TestApp::build_on(self.config.clone(), dir, self.pg.take())
    }
}

impl Drop for EmptyTarget {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let _ =
                std::thread::spawn(move || store::pg_admin::drop_database(&admin, &name)).join();
        }
    }
}

impl TestApp {
    pub async fn empty_target(&self) -> EmptyTarget {
        let dir = tempfile::tempdir().expect("tempdir");
        let (url, pg) = match self.state.db.backend() {
            store::Backend::Sqlite => (
                format!("sqlite://{}", dir.path().join("restored.db").display()),
                None,
            ),
            store::Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("certportal_t_{}", uuid::Uuid::new_v4().simple());
                let (admin2, name2) = (admin.clone(), name.clone());
                tokio::task::spawn_blocking(move || {
                    store::pg_admin::create_database(&admin2, &name2)
                })
                .await
                .expect("join")
                .expect("create the target database");
                (
                    store::pg_admin::with_database(&admin, &name),
                    Some((admin, name)),
                )
            }
        };
        EmptyTarget {
            config: web::Config::for_tests(url, dir.path().to_path_buf()),
            dir: Some(dir),
            pg,
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            // Best effort: a left-over database is harmless and has a recognisable name.
            let _ =
                std::thread::spawn(move || store::pg_admin::drop_database(&admin, &name)).join();
        }
    }
}

/// Generates each listed test twice: `sqlite::name` and `postgres::name`. Tests listed
/// after `; and_s3:` (those that upload or download a file) also run with their files in
/// an S3 bucket: `sqlite_s3::name` and `postgres_s3::name` (see `s3_endpoint`).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)? $(; and_s3: $($s3:ident),+ $(,)?)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::harness::TestApp::sqlite().await).await;
                }
            )*
            $($(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $s3() {
                    super::$s3($crate::harness::TestApp::sqlite().await).await;
                }
            )+)?
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::harness::TestApp::postgres().await).await;
                }
            )*
            $($(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $s3() {
                    super::$s3($crate::harness::TestApp::postgres().await).await;
                }
            )+)?
        }
        $(
        mod sqlite_s3 {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $s3() {
                    let name = concat!("sqlite_s3::", stringify!($s3));
                    if let Some(s3) = $crate::harness::s3_endpoint(name) {
                        super::$s3($crate::harness::TestApp::sqlite_s3(&s3).await).await;
                    }
                }
            )+
        }
        mod postgres_s3 {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $s3() {
                    let name = concat!("postgres_s3::", stringify!($s3));
                    if let Some(s3) = $crate::harness::s3_endpoint(name) {
                        super::$s3($crate::harness::TestApp::postgres_s3(&s3).await).await;
                    }
                }
            )+
        }
        )?
    };
}

/// The review queue as (area, type, awaiting since), and `review_queue_days` as the
/// triggers keep it, in its key order: what [`queue_days`] compares.
#[allow(clippy::type_complexity)]
pub fn queue_and_days(
    c: &mut store::DbConn,
) -> store::StoreResult<(
    Vec<(String, String, time::PrimitiveDateTime)>,
    Vec<(String, String, time::Date, i64)>,
)> {
    use diesel::prelude::*;
    use store::schema::{review_queue, review_queue_days};
    let queue = review_queue::table
        .select((
            review_queue::area_id,
            review_queue::type_id,
            review_queue::awaiting_since,
        ))
        .load(c)?;
    let days = review_queue_days::table
        .select((
            review_queue_days::area_id,
            review_queue_days::type_id,
            review_queue_days::day,
            review_queue_days::n,
        ))
        .order((
            review_queue_days::area_id,
            review_queue_days::type_id,
            review_queue_days::day,
        ))
        .load(c)?;
    Ok((queue, days))
}

/// What `review_queue_days` holds for a review queue of (area, type, awaiting since): per
/// day, the count in all (area and type ''), per area, per type and per area and type, in
/// the table's key order.
pub fn queue_days(
    queue: &[(String, String, time::PrimitiveDateTime)],
) -> Vec<(String, String, time::Date, i64)> {
    let mut days = BTreeMap::<(String, String, time::Date), i64>::new();
    for (area, cert_type, since) in queue {
        for (a, t) in [
            (area.as_str(), cert_type.as_str()),
            (area, ""),
            ("", cert_type),
            ("", ""),
        ] {
            *days
                .entry((a.to_string(), t.to_string(), since.date()))
                .or_default() += 1;
        }
    }
    days.into_iter()
        .map(|((a, t, d), n)| (a, t, d, n))
        .collect()
}

/// A page of the review queue as `/staff/moments` reads it, with the catalogue it names
/// the moments' templates, types and areas from read here.
pub fn review_queue(
    c: &mut store::DbConn,
    filter: &store::models::moment::QueueFilter,
    page: i64,
    per_page: i64,
    seek: Option<&store::models::moment::Seek>,
) -> store::StoreResult<store::models::Page<store::models::moment::QueueRow>> {
    let catalogue = store::models::catalog::Catalogue::read(c)?;
    store::models::moment::Moment::review_queue(c, &catalogue, filter, page, per_page, seek)
}

/// A case's moments as its page reads them, with the catalogue read from the database
/// (the page passes the one the portal keeps).
pub fn case_moments(
    c: &mut store::DbConn,
    case_id: &str,
) -> store::StoreResult<Vec<store::models::moment::MomentRow>> {
    let catalogue = store::models::catalog::Catalogue::read(c)?;
    store::models::moment::Moment::for_case(c, &catalogue, case_id)
}
