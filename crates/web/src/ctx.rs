//! The page context every template gets: the reader's language, the signed-in user,
//! the CSRF token for its forms, the path (for the language switch), a flash message and
//! what the menu offers beyond the roles (the company pages the user administers).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use domain::certification::{CaseStatus, MomentStatus};
use domain::company_certificate::Standing;
use domain::employment::EmploymentStatus;
use std::borrow::Borrow;
use store::models::company::CompanyName;

use time::PrimitiveDateTime;

use crate::auth::CurrentUser;
use crate::cookies;
use crate::csrf::CsrfToken;
use crate::i18n::{self, Lang};
use crate::state::AppState;

#[derive(Debug, Clone)]
pub struct UserView {
    pub id: String,
    pub name: String,
    pub is_staff: bool,
    pub is_administrator: bool,
}

/// A company page in the menu: the administered company's page and name.
#[derive(Debug, Clone)]
pub struct MenuCompany {
    pub href: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<UserView>,
    pub csrf: String,
    pub path: String,
    pub flash: Option<String>,
    pub body_name: String,
    /// The companies the signed-in person administers (menu «Företagssida»); empty on
    /// pages rendered without the database (error pages).
    pub companies: Vec<MenuCompany>,
    /// The signed-in person is a «Provförrättare» of some centre (menu «Provtillfällen»).
    pub is_examiner: bool,
}

/// The reader's language: the switch's cookie, else the account's, else the browser's.
pub fn lang_of(parts: &Parts, user: Option<&CurrentUser>) -> Lang {
    let headers = &parts.headers;
    if let Some(lang) =
        cookies::read(headers, &parts.extensions, cookies::LANG).and_then(|c| Lang::from_code(&c))
    {
        return lang;
    }
    if let Some(lang) = user.and_then(|u| Lang::from_code(&u.person.language)) {
        return lang;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.trim_start().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Sv
    }
}

impl Ctx {
    pub fn from_parts(parts: &Parts, body_name: &str) -> Ctx {
        let current = parts.extensions.get::<CurrentUser>();
        let lang = lang_of(parts, current);
        let flash = cookies::read(&parts.headers, &parts.extensions, cookies::FLASH)
            .filter(|k| {
                !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            })
            .map(|k| i18n::t(lang, &format!("flash-{k}")));
        Ctx {
            lang,
            user: current.map(|u| UserView {
                id: u.person.id.clone(),
                name: u.person.full_name(),
                is_staff: u.person.is_staff(),
                is_administrator: u.person.is_administrator,
            }),
            csrf: parts
                .extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                // Error pages render outside the CSRF layer; the cookie holds the same token.
                .or_else(|| cookies::read(&parts.headers, &parts.extensions, cookies::CSRF))
                .unwrap_or_default(),
            path: parts
                .uri
                .path_and_query()
                .map(|pq| pq.as_str().to_string())
                .unwrap_or_else(|| "/".into()),
            flash,
            body_name: body_name.to_string(),
            companies: Vec::new(),
            is_examiner: false,
        }
    }

    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// `t` for templates: the text shared, not copied, as it is written out at once.
    pub fn text(&self, key: &str) -> std::rc::Rc<str> {
        texts::text(self.lang, key)
    }

    /// The text `<prefix>-<key>`, for keys that come from data (event kinds, statuses).
    /// The text `<prefix>-<code>`: a status or kind's name (`case-status-active`).
    pub fn tp(&self, prefix: &str, code: impl std::fmt::Display) -> String {
        i18n::t(self.lang, &format!("{prefix}-{code}"))
    }

    pub fn t_count(&self, key: &str, n: impl Borrow<i64>) -> String {
        i18n::t_count(self.lang, key, *n.borrow())
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl AsRef<str>) -> String {
        i18n::t_args(self.lang, key, &[(name, value.as_ref().to_string())])
    }

    pub fn t2(
        &self,
        key: &str,
        n1: &'static str,
        v1: impl AsRef<str>,
        n2: &'static str,
        v2: impl AsRef<str>,
    ) -> String {
        i18n::t_args(
            self.lang,
            key,
            &[(n1, v1.as_ref().to_string()), (n2, v2.as_ref().to_string())],
        )
    }

    /// An organisationsnummer as stored (10 digits), shown `NNNNNN-NNNN`.
    pub fn orgnr(&self, stored: &str) -> String {
        domain::identifiers::Orgnr::from_stored(stored)
            .map(|o| o.display())
            .unwrap_or_else(|| stored.to_string())
    }

    pub fn employment_tone(&self, status: &EmploymentStatus) -> &'static str {
        crate::tones::employment(*status)
    }

    pub fn standing_tone(&self, standing: &Standing) -> &'static str {
        crate::tones::standing(*standing)
    }

    /// `yyyy-mm-dd hh:mm` in Europe/Stockholm.
    pub fn dt(&self, at: impl Timestamp) -> String {
        domain::stockholm::format_datetime(at.utc())
    }

    pub fn date(&self, d: impl Day) -> String {
        domain::stockholm::format_date(d.day())
    }

    /// The language the switch offers: its code and its name in itself.
    pub fn other_lang(&self) -> (&'static str, &'static str) {
        match self.lang {
            Lang::Sv => ("en", "English"),
            Lang::En => ("sv", "Svenska"),
        }
    }

    pub fn case_tone(&self, status: &CaseStatus) -> &'static str {
        crate::tones::case(*status)
    }

    pub fn moment_tone(&self, status: &MomentStatus) -> &'static str {
        crate::tones::moment(*status)
    }

    pub fn lang_switch_href(&self) -> String {
        format!(
            "/lang/{}?next={}",
            self.other_lang().0,
            crate::auth::user::urlencode(&self.path)
        )
    }

    /// Whether a menu item is the current section (for `aria-current`).
    /// Every page's menu asks this of each item: compared in place, not through a
    /// formatted `"{prefix}/"` per item.
    pub fn in_section(&self, prefix: &str) -> bool {
        let path = self.path.split('?').next().unwrap_or("");
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }
}

/// A date however many references deep a template hands it over.
pub trait Day {
    fn day(&self) -> time::Date;
}

impl Day for time::Date {
    fn day(&self) -> time::Date {
        *self
    }
}

impl<T: Day + ?Sized> Day for &T {
    fn day(&self) -> time::Date {
        (**self).day()
    }
}

/// A UTC time however many references deep a template hands it over.
pub trait Timestamp {
    fn utc(&self) -> PrimitiveDateTime;
}

impl Timestamp for PrimitiveDateTime {
    fn utc(&self) -> PrimitiveDateTime {
        *self
    }
}

impl<T: Timestamp + ?Sized> Timestamp for &T {
    fn utc(&self) -> PrimitiveDateTime {
        (**self).utc()
    }
}

/// What the menu of a signed-in person shows beyond their roles: the companies they
/// administer, and whether they are an examiner. The session middleware reads it in the
/// same pool round trip as the session and leaves it in the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct Menu {
    pub companies: Vec<CompanyName>,
    pub is_examiner: bool,
}

impl Menu {
    /// From what was read with the session (`Session::find_with_person`).
    pub fn of(
        person: &store::models::person::SignedIn,
        offers: store::models::session::MenuOffers,
    ) -> Menu {
        Menu {
            companies: offers.administered,
            // Staff see «Provtillfällen» anyway.
            is_examiner: !person.is_staff() && offers.examines,
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let mut ctx = Ctx::from_parts(parts, &state.config.body_name);
        // The session middleware read the menu with the session, in one pool round trip.
        if let Some(menu) = parts.extensions.get::<Menu>() {
            ctx.is_examiner = menu.is_examiner;
            ctx.companies = menu
                .companies
                .iter()
                .map(|c| MenuCompany {
                    href: format!("/companies/{}", c.id),
                    name: c.name.clone(),
                })
                .collect();
        }
        Ok(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> Ctx {
        Ctx {
            lang: Lang::Sv,
            user: None,
            csrf: String::new(),
            path: path.to_string(),
            flash: None,
            body_name: String::new(),
            companies: Vec::new(),
            is_examiner: false,
        }
    }

    #[test]
    fn a_section_is_its_path_and_what_lies_under_it() {
        assert!(at("/staff").in_section("/staff"));
        assert!(at("/staff/moments?page=2").in_section("/staff"));
        assert!(at("/staff?tab=x").in_section("/staff"));
        assert!(!at("/staffing").in_section("/staff"));
        assert!(!at("/admin/staff").in_section("/staff"));
        assert!(!at("/").in_section("/staff"));
        assert!(at("/companies/abc/employees").in_section("/companies/abc"));
        assert!(!at("/companies/abcd").in_section("/companies/abc"));
    }
}
