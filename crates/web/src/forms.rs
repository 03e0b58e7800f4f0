//! Form errors as the pages show them: a summary at the top linking to each field, and the
//! message again above the field. Messages are translated when added.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::cookies;

/// A date as the date input sends it: exactly `yyyy-mm-dd` with a four-digit year between
/// 1900 and 2100, so "20301-01-01", "30-1-1" or "-001-01-01" are typos, not dates. Each
/// field adds its own rule (no start of employment more than a year ahead, …).
pub fn parse_date(s: &str) -> Option<time::Date> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .ok()
        .filter(|d| (1900..=2100).contains(&d.year()))
}

/// Whether an address is in Sweden: an empty country means Sweden.
pub fn is_sweden(country: &str) -> bool {
    let c = country.trim().to_lowercase();
    c.is_empty() || c == "sverige" || c == "sweden" || c == "se"
}

/// A postal code as every address form takes it: a Swedish one must be a valid
/// postnummer and is shown `NNN NN`; abroad only its length is limited. Returns the value
/// to keep (trimmed, normalised where Swedish).
pub fn postal_code(
    errors: &mut FormErrors,
    ctx: &crate::ctx::Ctx,
    field: &str,
    raw: &str,
    country: &str,
) -> String {
    let value = raw.trim().to_string();
    if value.is_empty() {
        return value;
    }
    if is_sweden(country) {
        match domain::identifiers::Postnummer::parse(&value) {
            Ok(p) => return p.display(),
            Err(e) => errors.add(field, ctx.t(e.message_key())),
        }
    } else if let Err(e) = domain::identifiers::check_foreign_postal_code(&value) {
        errors.add(field, ctx.t(e.message_key()));
    }
    value
}

/// Single-line fields of at most 100 characters each.
pub fn check_max_100(errors: &mut FormErrors, ctx: &crate::ctx::Ctx, fields: &[(&str, &str)]) {
    for (field, value) in fields {
        if value.chars().count() > 100 {
            errors.add(field, ctx.t("err-too-long-100"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_the_portal() {
        for ok in ["/", "/cases/1?page=2", "/certificates?q=%C3%A5", "/a/b#x"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/x\0",
            "/x\u{0b}",
            "/x\u{7f}",
            "/x y",
            "/\u{00e5}",
            "https://evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn dates_are_four_digit_years_between_1900_and_2100() {
        assert!(parse_date("2026-11-25").is_some());
        assert!(parse_date(" 1900-01-01 ").is_some());
        assert!(parse_date("2100-12-31").is_some());
        for bad in [
            "1899-12-31",
            "2101-01-01",
            "-001-01-01",
            "0000-01-01",
            "20301-01-01",
            "30-1-1",
            "2026-02-30",
            "",
        ] {
            assert!(parse_date(bad).is_none(), "{bad:?}");
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    items: Vec<(String, String)>,
}

impl FormErrors {
    pub fn add(&mut self, field: &str, message: String) {
        if !self.has(field) {
            self.items.push((field.to_string(), message));
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|(f, _)| f == field)
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> &[(String, String)] {
        &self.items
    }
}

/// A page re-shown with errors answers 422, so scripts and tests see the refusal.
pub fn with_errors(html: Response) -> Response {
    let mut r = html;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

/// Redirect after a successful POST with a message for the next page (`flash-<key>`).
pub fn redirect_with_flash(to: &str, key: &str, secure: bool) -> Response {
    let mut r = Redirect::to(to).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::FLASH, key, "Lax", secure, Some(60)),
    );
    r
}

/// Where to go back to after login or a language switch: only a path on this portal,
/// anything else is the start page. Every `next` goes through here.
///
/// A path stays on our origin only if the browser cannot read it as `//host`: browsers
/// drop tabs and line breaks anywhere in a URL and treat `\\` as `/`, so `/\t/evil.example`
/// and `/\\evil.example` lead away. We therefore accept only visible ASCII (which also
/// makes it a valid `Location` header: a control character there was a 500), starting
/// with one `/` that no second `/` or `\\` follows, and no backslash anywhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}
