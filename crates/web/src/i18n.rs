//! Texts in Swedish (first) and English, from the Fluent files in `i18n/`, behind one
//! lookup: `t(lang, key)` and `t_args(lang, key, args)`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use unic_langid::{langid, LanguageIdentifier};

static_loader! {
    static LOCALES = {
        locales: "./i18n",
        fallback_language: "sv",
        // Bidi isolation marks around arguments would land in e-mails and attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(lang.id(), key)
}

pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(lang.id(), key, &map)
}

/// A count as Fluent needs it to pick the plural form («1 träff», «2 träffar»).
pub fn t_count(lang: Lang, key: &str, n: i64) -> String {
    let mut map: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
    map.insert(Cow::Borrowed("n"), FluentValue::from(n));
    LOCALES.lookup_with_args(lang.id(), key, &map)
}
