//! Form errors as the pages show them: a summary at the top linking to each field, and the
//! message again above the field. Messages are translated when added.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::cookies;

/// A date as the date input sends it: exactly `yyyy-mm-dd` with a four-digit year between
/// 1900 and 2100, so "20301-01-01", "30-1-1" or "-001-01-01" are typos, not dates. Each
/// field adds its own rule (no start of employment more than a year ahead, …).
pub fn parse_date(s: &str) -> Option<time::Date> {
    date_field(s).ok()
}

/// Why a date field was refused: not a date at all, or a year outside 1900–2100 (year -1,
/// 0099 or 20301 read as dates by a lenient parser, and showed as «-001-01-01»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    Format,
    Range,
}

impl DateError {
    pub fn message_key(self) -> &'static str {
        match self {
            DateError::Format => "err-date-format",
            DateError::Range => "err-date-range",
        }
    }
}

/// [`parse_date`], saying why a value is no date: a year outside 1900–2100 (or not of
/// four digits) gets its own message, since "0099-01-01" looks like a date to its writer.
pub fn date_field(s: &str) -> Result<time::Date, DateError> {
    let s = s.trim();
    let (negative, rest) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let parts: Vec<&str> = rest.split('-').collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let [year, month, day] = parts[..] else {
        return Err(DateError::Format);
    };
    if !(digits(year) && digits(month) && digits(day) && month.len() == 2 && day.len() == 2) {
        return Err(DateError::Format);
    }
    if negative || year.len() != 4 || !(1900..=2100).contains(&year.parse::<i32>().unwrap_or(0)) {
        return Err(DateError::Range);
    }
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| DateError::Format)
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
    } else if let Err(e) =
        domain::text::check_single_line(&value, domain::identifiers::FOREIGN_POSTAL_CODE_MAX_CHARS)
    {
        // Free in shape abroad, but still one visible line.
        errors.add(field, text_message(ctx, e));
    }
    value
}

/// Single-line fields of at most 100 characters each, without line breaks, control or
/// invisible characters ([`single_line`]).
pub fn check_max_100(errors: &mut FormErrors, ctx: &crate::ctx::Ctx, fields: &[(&str, &str)]) {
    for (field, value) in fields {
        single_line(errors, ctx, field, value, domain::text::LINE_MAX);
    }
}

/// The reader's message for a refused text; a length names its limit.
pub fn text_message(ctx: &crate::ctx::Ctx, e: domain::text::TextError) -> String {
    match e {
        domain::text::TextError::TooLong { max } => ctx.t1(e.message_key(), "max", max.to_string()),
        _ => ctx.t(e.message_key()),
    }
}

/// A single-line text field (`domain::text::check_single_line`): its error, if any, is
/// added; the value to keep is returned trimmed.
pub fn single_line(
    errors: &mut FormErrors,
    ctx: &crate::ctx::Ctx,
    field: &str,
    value: &str,
    max: usize,
) -> String {
    match domain::text::check_single_line(value, max) {
        Ok(v) => v.to_string(),
        Err(e) => {
            errors.add(field, text_message(ctx, e));
            value.trim().to_string()
        }
    }
}

/// A single-line text field that must be filled in; `empty_key` says so when it is not.
pub fn required_line(
    errors: &mut FormErrors,
    ctx: &crate::ctx::Ctx,
    field: &str,
    value: &str,
    max: usize,
    empty_key: &str,
) -> String {
    if value.trim().is_empty() {
        errors.add(field, ctx.t(empty_key));
    }
    single_line(errors, ctx, field, value, max)
}

/// A multi-line text field (`domain::text::check_multi_line`): line breaks are kept (as
/// `\n`), anything else hidden is refused.
pub fn multi_line(
    errors: &mut FormErrors,
    ctx: &crate::ctx::Ctx,
    field: &str,
    value: &str,
    max: usize,
) -> String {
    match domain::text::check_multi_line(value, max) {
        Ok(v) => v,
        Err(e) => {
            errors.add(field, text_message(ctx, e));
            value.trim().to_string()
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

    #[test]
    fn a_year_out_of_range_has_its_own_message() {
        for bad in [
            "-001-01-01",
            "0099-01-01",
            "0000-01-01",
            "99-01-01",
            "1899-12-31",
            "2101-01-01",
            "20301-01-01",
        ] {
            assert_eq!(date_field(bad), Err(DateError::Range), "{bad:?}");
        }
        for bad in [
            "30-1-1",
            "2026-02-30",
            "31/12/2030",
            "2026-1-01",
            "",
            "-",
            "--",
        ] {
            assert_eq!(date_field(bad), Err(DateError::Format), "{bad:?}");
        }
        assert_eq!(
            date_field("2026-03-01"),
            Ok(time::macros::date!(2026 - 03 - 01))
        );
        assert_eq!(DateError::Range.message_key(), "err-date-range");
    }

    #[test]
    fn every_text_refusal_has_a_message() {
        let known: Vec<String> = texts::ids_with_files("sv")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for e in domain::text::TextError::ALL {
            assert!(known.iter().any(|k| k == e.message_key()), "{e:?}");
        }
        // The limit is named in the message, as «err-too-long-100» names 100.
        assert_eq!(
            texts::t_args(
                texts::Lang::Sv,
                "err-text-too-long",
                &[("max", "100".into())]
            ),
            texts::t(texts::Lang::Sv, "err-too-long-100")
        );
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
