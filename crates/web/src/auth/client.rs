//! Which client a request comes from, for login throttling: the connection's peer address,
//! or, behind a trusted reverse proxy (`CERTPORTAL_TRUST_PROXY=true`), the address the
//! proxy appended to `X-Forwarded-For`.
//!
//! Only the last entry of that header is believed: the proxy appends the address it saw,
//! while anything before it came from the client and could be made up (a client naming a
//! new address with every attempt would never be throttled). An IPv6 client is known by
//! its /64 network, since anyone with one address has the whole /64 to choose from.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::state::AppState;

/// The client's address as login throttling counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);

/// What a request without a known address is counted as (a server set up without
/// connection info and without a proxy): one shared client, so it is still throttled.
const UNKNOWN: &str = "unknown";

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        Ok(client_addr(&parts.headers, peer, state.config.trust_proxy))
    }
}

/// The client of a request with these headers over a connection from `peer`.
pub fn client_addr(headers: &HeaderMap, peer: Option<IpAddr>, trust_proxy: bool) -> ClientAddr {
    let forwarded = trust_proxy.then(|| last_forwarded(headers)).flatten();
    ClientAddr(match forwarded.or(peer) {
        Some(ip) => key(ip),
        None => UNKNOWN.to_string(),
    })
}

/// The last address in the last `X-Forwarded-For` header, when it is one.
fn last_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let value = headers.get_all("x-forwarded-for").iter().next_back()?;
    let last = value.to_str().ok()?.rsplit(',').next()?.trim();
    last.parse::<IpAddr>()
        .ok()
        .or_else(|| last.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// An IPv4 address as it is (also when it arrives mapped into IPv6); an IPv6 address as
/// its /64 network.
fn key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let net = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{net}/64")
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().expect("header"));
        }
        h
    }

    fn peer() -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, 7]))
    }

    #[test]
    fn without_a_trusted_proxy_the_connection_counts() {
        let h = headers(&["203.0.113.9"]);
        assert_eq!(client_addr(&h, peer(), false).0, "10.0.0.7");
        assert_eq!(client_addr(&h, None, false).0, UNKNOWN);
    }

    #[test]
    fn behind_the_proxy_the_address_it_appended_counts() {
        let h = headers(&["198.51.100.1, 203.0.113.9"]);
        assert_eq!(client_addr(&h, peer(), true).0, "203.0.113.9");
        let h = headers(&["198.51.100.1", "203.0.113.9:4711"]);
        assert_eq!(client_addr(&h, peer(), true).0, "203.0.113.9");
    }

    #[test]
    fn a_missing_or_garbled_header_falls_back_to_the_connection() {
        assert_eq!(client_addr(&headers(&[]), peer(), true).0, "10.0.0.7");
        assert_eq!(
            client_addr(&headers(&["not an address"]), peer(), true).0,
            "10.0.0.7"
        );
    }

    #[test]
    fn an_ipv6_client_is_its_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().expect("ip");
        assert_eq!(key(a), "2001:db8:1:2::/64");
        assert_eq!(key(a), key(b));
        let mapped: IpAddr = "::ffff:192.0.2.4".parse().expect("ip");
        assert_eq!(key(mapped), "192.0.2.4");
    }
}
