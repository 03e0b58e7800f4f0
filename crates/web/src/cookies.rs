//! Reading and writing the portal's few cookies without another dependency.

use axum::http::{header, Extensions, HeaderMap, HeaderValue};

pub const SESSION: &str = "certportal_session";
pub const CSRF: &str = "certportal_csrf";
pub const LANG: &str = "certportal_lang";
pub const FLASH: &str = "certportal_flash";

/// The value of the cookie `name`, read from the headers. The header is searched as bytes
/// and only the value found is checked as text; a value that is not visible ASCII counts as
/// absent, as it did when the whole header had to be. Pages read their cookies from the
/// request's `Jar` instead (`read`).
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    pairs(headers)
        .find(|(k, _)| *k == name.as_bytes())
        .and_then(|(_, v)| visible(v))
        .map(str::to_string)
}

/// The `name=value` pairs of the request's `Cookie` headers, in order.
fn pairs(headers: &HeaderMap) -> impl Iterator<Item = (&[u8], &[u8])> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b';'))
        .filter_map(|pair| {
            let pair = pair.trim_ascii();
            let eq = pair.iter().position(|&b| b == b'=')?;
            Some((&pair[..eq], &pair[eq + 1..]))
        })
}

/// A cookie's value as text, if it is visible ASCII (what a `HeaderValue` reads as text).
fn visible(v: &[u8]) -> Option<&str> {
    if v.iter().all(|&b| b == b'\t' || (b' '..=b'~').contains(&b)) {
        std::str::from_utf8(v).ok()
    } else {
        None
    }
}

/// The portal's own cookies.
const NAMES: [&str; 4] = [SESSION, CSRF, LANG, FLASH];

/// The portal's cookies as the request carries them, found in one pass over its `Cookie`
/// headers. The session layer makes it for the layers and handlers inside it, which ask
/// for a cookie eight times a page (the session, the CSRF token, the language and the
/// flash, twice over for the error pages' context and the page's); those searches of the
/// headers were 2 % of a case page's instructions.
#[derive(Debug, Clone, Default)]
pub struct Jar {
    /// By `NAMES`: whether the cookie came, and its value if that is text.
    found: [(bool, Option<String>); 4],
}

impl Jar {
    pub fn parse(headers: &HeaderMap) -> Jar {
        let mut jar = Jar::default();
        for (k, v) in pairs(headers) {
            if let Some(i) = NAMES.iter().position(|n| n.as_bytes() == k) {
                // The first of two is the one read, as `get` reads it.
                if !jar.found[i].0 {
                    jar.found[i] = (true, visible(v).map(str::to_string));
                }
            }
        }
        jar
    }

    /// The value of the portal's cookie `name`; none for any other name.
    pub fn get(&self, name: &str) -> Option<&str> {
        let i = NAMES.iter().position(|n| *n == name)?;
        self.found[i].1.as_deref()
    }
}

/// The cookie `name`: from the request's `Jar` when the session layer made one, else
/// searched for in the headers.
pub fn read(headers: &HeaderMap, extensions: &Extensions, name: &str) -> Option<String> {
    match extensions.get::<Jar>() {
        Some(jar) if NAMES.contains(&name) => jar.get(name).map(str::to_string),
        _ => get(headers, name),
    }
}

/// A `Set-Cookie` value: HttpOnly and SameSite always, Secure behind TLS.
pub fn set(
    name: &str,
    value: &str,
    same_site: &str,
    secure: bool,
    max_age: Option<i64>,
) -> HeaderValue {
    let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", "Lax", secure, Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&[u8]]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(
                header::COOKIE,
                HeaderValue::from_bytes(v).expect("a header value"),
            );
        }
        h
    }

    #[test]
    fn finds_a_cookie_among_others_and_across_headers() {
        let h = headers(&[b"a=1; certportal_csrf=tok", b"certportal_lang=en ;x=y"]);
        assert_eq!(get(&h, CSRF).as_deref(), Some("tok"));
        assert_eq!(get(&h, LANG).as_deref(), Some("en"));
        assert_eq!(get(&h, "a").as_deref(), Some("1"));
        assert_eq!(get(&h, SESSION), None);
        // A name is matched whole, not by its start or end.
        assert_eq!(get(&headers(&[b"xcertportal_lang=en"]), LANG), None);
        assert_eq!(get(&headers(&[b"certportal_langx=en"]), LANG), None);
        // An empty value is a value; a pair without `=` is none.
        assert_eq!(
            get(&headers(&[b"certportal_flash="]), FLASH).as_deref(),
            Some("")
        );
        assert_eq!(get(&headers(&[b"certportal_flash"]), FLASH), None);
        // The first of two is the one read.
        assert_eq!(get(&headers(&[b"a=1; a=2"]), "a").as_deref(), Some("1"));
    }

    /// The jar finds what `get` finds, for each of the portal's cookies, and nothing else.
    #[test]
    fn the_jar_reads_as_the_headers_read() {
        let cases: [&[&[u8]]; 6] = [
            &[
                b"certportal_session=s; certportal_csrf=c",
                b"certportal_lang=en",
            ],
            &[b"a=1;certportal_flash=saved ; certportal_flash=second"],
            &[b"certportal_csrf=caf\xc3\xa9; certportal_csrf=later"],
            &[b"xcertportal_lang=en; certportal_langx=sv"],
            &[b"certportal_session="],
            &[],
        ];
        for values in cases {
            let h = headers(values);
            let jar = Jar::parse(&h);
            let mut with_jar = axum::http::Extensions::new();
            with_jar.insert(jar.clone());
            for name in NAMES {
                assert_eq!(jar.get(name).map(str::to_string), get(&h, name), "{name}");
                assert_eq!(read(&h, &with_jar, name), get(&h, name), "{name}");
                assert_eq!(read(&h, &Extensions::new(), name), get(&h, name), "{name}");
            }
            // Another name is read from the headers.
            assert_eq!(read(&h, &with_jar, "a"), get(&h, "a"));
        }
        let jar = Jar::parse(&headers(&[b"certportal_flash=saved; certportal_flash=x"]));
        assert_eq!(jar.get(FLASH), Some("saved"));
        assert_eq!(jar.get("a"), None);
    }

    #[test]
    fn a_value_that_is_not_visible_ascii_is_absent_and_spoils_no_other() {
        let h = headers(&[b"a=caf\xc3\xa9; certportal_csrf=tok"]);
        assert_eq!(get(&h, "a"), None);
        assert_eq!(get(&h, CSRF).as_deref(), Some("tok"));
    }
}
