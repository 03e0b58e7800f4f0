//! The PostgreSQL URL the portal connects with: on the same host, no TLS unless the
//! server asks for it.
//!
//! libpq's default, `sslmode=prefer`, starts TLS whenever the server offers it, and
//! Debian's PostgreSQL offers it on every TCP connection, 127.0.0.1 too. There it
//! protects nothing (the bytes never leave the kernel) and costs on every statement: each
//! message is encrypted by one side and decrypted by the other, and each record is read
//! in two system calls. At full size on 2 cores, `/readyz` (one `SELECT 1`) and a
//! person's start page (one statement) answered 60 % more often without it, and the
//! database spent 40 % less CPU on each `SELECT 1`.
//!
//! So a URL naming a loopback host, with no `sslmode` of its own (nor `PGSSLMODE` in the
//! environment), gets `sslmode=allow`: plain TCP first, TLS if the server requires it
//! (a `hostssl` line in `pg_hba.conf`). Any other URL is used as given.

/// The URL to connect with: `url` with `sslmode=allow` where it names a loopback host
/// and neither it nor the environment sets `sslmode`.
pub fn effective(url: &str) -> String {
    with_loopback_sslmode(url, std::env::var_os("PGSSLMODE").is_some())
}

fn with_loopback_sslmode(url: &str, env_sets_sslmode: bool) -> String {
    if env_sets_sslmode || !names_loopback_only(url) || has_param(url, "sslmode") {
        return url.to_string();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}sslmode=allow")
}

/// Whether the URL's one host is a loopback address or `localhost`. A URL without a host
/// (a Unix socket, where there is no TLS), with several hosts, or whose parameters name
/// the host (`host=`, `hostaddr=`) is not.
fn names_loopback_only(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    else {
        return false;
    };
    if has_param(url, "host") || has_param(url, "hostaddr") {
        return false;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.contains(',') {
        return false;
    }
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn has_param(url: &str, name: &str) -> bool {
    url.split_once('?').is_some_and(|(_, query)| {
        query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
    })
}

#[cfg(test)]
mod tests {
    use super::with_loopback_sslmode as url;

    #[test]
    fn a_loopback_host_gets_plain_tcp_first() {
        for (given, expected) in [
            (
                "postgres://postgres@127.0.0.1:5432/test",
                "postgres://postgres@127.0.0.1:5432/test?sslmode=allow",
            ),
            (
                "postgresql://app:s3cret@localhost/certportal",
                "postgresql://app:s3cret@localhost/certportal?sslmode=allow",
            ),
            (
                "postgres://app@[::1]:5432/db?connect_timeout=5",
                "postgres://app@[::1]:5432/db?connect_timeout=5&sslmode=allow",
            ),
            (
                "postgres://127.0.0.2/db",
                "postgres://127.0.0.2/db?sslmode=allow",
            ),
        ] {
            assert_eq!(url(given, false), expected, "{given}");
        }
    }

    #[test]
    fn any_other_url_is_used_as_given() {
        for given in [
            // Another host: TLS may matter there.
            "postgres://app@db.example:5432/certportal",
            "postgres://app@10.0.0.5/certportal",
            "postgres://app@[2001:db8::1]/certportal",
            // The operator chose.
            "postgres://postgres@127.0.0.1/test?sslmode=require",
            "postgres://postgres@localhost/test?application_name=x&sslmode=verify-full",
            // A Unix socket, several hosts, a host among the parameters.
            "postgres:///certportal",
            "postgres://127.0.0.1,db.example/certportal",
            "postgres://localhost/certportal?host=db.example",
            "postgres://localhost/certportal?hostaddr=10.0.0.5",
            // A user named like a loopback host is no host.
            "postgres://localhost@db.example/certportal",
            "sqlite://data/certportal.db",
        ] {
            assert_eq!(url(given, false), given, "{given}");
        }
    }

    #[test]
    fn pgsslmode_in_the_environment_decides() {
        let given = "postgres://postgres@127.0.0.1:5432/test";
        assert_eq!(url(given, true), given);
    }
}
