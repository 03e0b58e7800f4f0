//! Configuration from the environment (12-factor), every setting with a default so that
//! the portal starts with no configuration at all. README.md lists them.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` (default, under the data folder) or `postgres://…`.
    pub database_url: String,
    pub bind: SocketAddr,
    /// The address people reach the portal at; links in e-mails start with it.
    pub base_url: String,
    pub data_dir: PathBuf,
    /// `smtp://host:port` (plain, e.g. a relay on loopback),
    /// `smtp://user:pass@host:587?tls=required` or `smtps://…`; unset: e-mails go to
    /// `<data dir>/mail/`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// `CERTPORTAL_MAIL_PER_MINUTE` (default 300): at most this many e-mails are handed to
    /// the mail server per minute, counted across every instance.
    pub mail_per_minute: i64,
    /// `CERTPORTAL_MAIL_RETRY_SECONDS` (default 60): the wait after a mail's first failed
    /// attempt; it doubles with each further one, up to a day.
    pub mail_retry: time::Duration,
    /// `CERTPORTAL_MAIL_MAX_ATTEMPTS` (default 12): after this many failed attempts (or 3
    /// refused for good by the mail server) a mail is marked failed and listed in
    /// «Utgående e-post».
    pub mail_max_attempts: i32,
    pub upload_limit_bytes: usize,
    pub body_name: String,
    pub db_max_connections: u32,
    pub session_idle: time::Duration,
    pub session_absolute: time::Duration,
    /// `/metrics` answers only a request with `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// A second listener that serves only `/metrics`, without a token (for a scraper on
    /// a private network); the public port then answers `/metrics` only with the token.
    pub metrics_bind: Option<SocketAddr>,
    /// `CERTPORTAL_TRUST_PROXY=true`: the portal runs behind one reverse proxy, and the
    /// client's address is the last one in `X-Forwarded-For` (the one the proxy appended),
    /// not the connection's (which is the proxy's). Login throttling counts by it.
    pub trust_proxy: bool,
    /// Off in tests: no mail delivery or calendar jobs in the background (tests read the
    /// outbox and call the jobs themselves).
    pub run_workers: bool,
    /// The public register's and API's allowance per client (`CERTPORTAL_PUBLIC_RATE`,
    /// requests a minute, default 120) and how many may come at once
    /// (`CERTPORTAL_PUBLIC_BURST`, default 60).
    pub public_rate_per_minute: u32,
    /// The credentials' signing key as text (`CERTPORTAL_SIGNING_KEY`); without it the key
    /// is created on first start in `<data dir>/keys` (mode 0600) and read from there.
    pub signing_key: Option<Redacted>,
    pub public_burst: u32,
    /// `CERTPORTAL_STORAGE_URL`: where uploaded files' bytes live, `file://<data
    /// dir>/files` by default or `s3://bucket[/prefix]` (see `storage::StorageUrl`).
    pub storage: crate::storage::StorageUrl,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A whole number above 0 from the environment, or the default.
fn positive(name: &str, default: u32) -> anyhow::Result<u32> {
    match var(name) {
        None => Ok(default),
        Some(v) => match v.trim().parse::<u32>() {
            Ok(n) if n > 0 => Ok(n),
            _ => anyhow::bail!("{name}: `{v}`, expected a whole number above 0"),
        },
    }
}

/// The metrics token of `Config::for_tests`.
pub const TEST_METRICS_TOKEN: &str = "test-metrics-token";

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let data_dir = PathBuf::from(var("CERTPORTAL_DATA_DIR").unwrap_or_else(|| "data".into()));
        let bind: SocketAddr = var("CERTPORTAL_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| anyhow::anyhow!("CERTPORTAL_BIND: {e}"))?;
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("certportal.db").display()));
        let base_url = var("CERTPORTAL_BASE_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let upload_mb: usize = match var("CERTPORTAL_UPLOAD_LIMIT_MB") {
            Some(v) => v
                .parse()
                .map_err(|e| anyhow::anyhow!("CERTPORTAL_UPLOAD_LIMIT_MB: {e}"))?,
            None => 20,
        };
        let db_max_connections = match var("CERTPORTAL_DB_MAX_CONNECTIONS") {
            Some(v) => v
                .parse()
                .map_err(|e| anyhow::anyhow!("CERTPORTAL_DB_MAX_CONNECTIONS: {e}"))?,
            None => default_pool_size(),
        };
        let mail_per_minute: i64 = match var("CERTPORTAL_MAIL_PER_MINUTE") {
            Some(v) => match v.parse() {
                Ok(n) if n > 0 => n,
                _ => anyhow::bail!(
                    "CERTPORTAL_MAIL_PER_MINUTE: `{v}`, expected a whole number above 0"
                ),
            },
            None => 300,
        };
        let metrics_bind = match var("CERTPORTAL_METRICS_BIND") {
            Some(v) => Some(
                v.parse()
                    .map_err(|e| anyhow::anyhow!("CERTPORTAL_METRICS_BIND: {e}"))?,
            ),
            None => None,
        };
        let trust_proxy = match var("CERTPORTAL_TRUST_PROXY").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                anyhow::bail!("CERTPORTAL_TRUST_PROXY: `{other}`, expected true or false")
            }
        };
        let public_rate_per_minute = positive("CERTPORTAL_PUBLIC_RATE", 120)?;
        let mail_retry =
            time::Duration::seconds(positive("CERTPORTAL_MAIL_RETRY_SECONDS", 60)?.into());
        let mail_max_attempts = i32::try_from(positive("CERTPORTAL_MAIL_MAX_ATTEMPTS", 12)?)
            .map_err(|_| anyhow::anyhow!("CERTPORTAL_MAIL_MAX_ATTEMPTS: too large"))?;
        let public_burst = positive("CERTPORTAL_PUBLIC_BURST", 60)?;
        let storage = match var("CERTPORTAL_STORAGE_URL") {
            Some(url) => crate::storage::StorageUrl::parse(&url)
                .map_err(|e| anyhow::anyhow!("CERTPORTAL_STORAGE_URL: {e}"))?,
            None => crate::storage::StorageUrl::File(data_dir.join("files")),
        };
        Ok(Config {
            storage,
            signing_key: var("CERTPORTAL_SIGNING_KEY").map(Redacted),
            public_rate_per_minute,
            public_burst,
            metrics_token: var("CERTPORTAL_METRICS_TOKEN"),
            trust_proxy,
            metrics_bind,
            database_url,
            bind,
            base_url,
            smtp_url: var("CERTPORTAL_SMTP_URL"),
            mail_from: var("CERTPORTAL_MAIL_FROM")
                .unwrap_or_else(|| "Certportal <no-reply@certportal.invalid>".into()),
            mail_per_minute,
            mail_retry,
            mail_max_attempts,
            upload_limit_bytes: upload_mb * 1024 * 1024,
            body_name: var("CERTPORTAL_BODY_NAME").unwrap_or_else(|| "Certportal".into()),
            db_max_connections,
            session_idle: time::Duration::minutes(60),
            session_absolute: time::Duration::hours(12),
            run_workers: true,
            data_dir,
        })
    }

    /// A configuration for tests: everything under `data_dir`, the given database.
    pub fn for_tests(database_url: String, data_dir: PathBuf) -> Config {
        Config {
            metrics_token: Some(TEST_METRICS_TOKEN.into()),
            metrics_bind: None,
            // The in-process tests have no connection: each test browser says where it
            // is in `X-Forwarded-For`, as a proxy would.
            trust_proxy: true,
            database_url,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            base_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            mail_from: "Certportal <no-reply@certportal.invalid>".into(),
            mail_per_minute: 300,
            mail_retry: time::Duration::seconds(60),
            mail_max_attempts: 12,
            // Small, so the over-the-limit tests stay quick.
            upload_limit_bytes: 2 * 1024 * 1024,
            body_name: "Certportal".into(),
            db_max_connections: 4,
            session_idle: time::Duration::minutes(60),
            session_absolute: time::Duration::hours(12),
            run_workers: false,
            // Far above what a test sends; the rate-limit test builds its own limiter.
            public_rate_per_minute: 100_000,
            public_burst: 100_000,
            signing_key: None,
            storage: crate::storage::StorageUrl::File(data_dir.join("files")),
            data_dir,
        }
    }

    /// Where the credentials' signing keys live (the current one and the older ones a
    /// rotation keeps published).
    pub fn keys_dir(&self) -> PathBuf {
        self.data_dir.join("keys")
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// The file store's folder by default (`CERTPORTAL_STORAGE_URL` may name another).
    pub fn files_dir(&self) -> PathBuf {
        self.data_dir.join("files")
    }

    /// Where uploads to an S3 store wait until they are checked and sent.
    pub fn upload_tmp_dir(&self) -> PathBuf {
        self.data_dir.join("upload-tmp")
    }

    /// Cookies get `Secure` when the portal is reached over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// A secret from the environment: usable as text, never printed (`Debug` shows nothing of it).
#[derive(Clone, PartialEq)]
pub struct Redacted(pub String);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The pool's size when `CERTPORTAL_DB_MAX_CONNECTIONS` does not say: twice the cores. The
/// statements are work for the cores (the database's pages are cached); more connections
/// than that only make them take turns in the scheduler instead of in the pool's queue.
/// Measured at full size on 2 cores with 16 clients: PostgreSQL with 10 connections stalled
/// a page now and then for 100-250 ms (its backends preempted mid-statement), with 4 every
/// page's p99 stayed within twice its median at the same throughput.
fn default_pool_size() -> u32 {
    std::thread::available_parallelism().map_or(4, |n| 2 * n.get() as u32)
}
