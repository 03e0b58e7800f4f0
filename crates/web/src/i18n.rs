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

#[cfg(test)]
mod tests {
    //! Every text exists in both languages, no id is defined twice, and every key the
    //! templates and handlers ask for exists (a missing key would show its id to the reader).
    #![allow(clippy::unwrap_used)]

    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use super::*;

    /// Every message id of a language, with the file it is in.
    fn ids_with_files(lang: &str) -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("i18n")
            .join(lang);
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if !id.starts_with([' ', '#', '*', '[']) && !id.is_empty() {
                        out.push((id.trim().to_string(), path.display().to_string()));
                    }
                }
            }
        }
        out
    }

    fn ids(lang: &str) -> BTreeSet<String> {
        ids_with_files(lang).into_iter().map(|(id, _)| id).collect()
    }

    fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files_below(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let sv = ids("sv");
        let en = ids("en");
        assert!(sv.len() > 50);
        let only_sv: Vec<_> = sv.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        assert!(
            only_sv.is_empty() && only_en.is_empty(),
            "only sv: {only_sv:?}, only en: {only_en:?}"
        );
    }

    /// fluent-templates refuses to start when an id is defined twice, in any of the files.
    #[test]
    fn no_id_is_defined_twice() {
        for lang in ["sv", "en"] {
            let mut seen = BTreeMap::new();
            for (id, file) in ids_with_files(lang) {
                if let Some(first) = seen.insert(id.clone(), file.clone()) {
                    panic!("{lang}: {id} is defined in {first} and in {file}");
                }
            }
        }
    }

    /// String literals passed as keys (`t("key")`, `t(lang, "key")`) and literals that
    /// look like keys (`"err-…"`, `"error-…"`, `"flash-…"`) in Rust code must exist.
    #[test]
    fn every_key_used_exists() {
        let known = ids("sv");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        files_below(&root.join("templates"), &mut files);
        files_below(&root.join("src"), &mut files);
        let mut missing = Vec::new();
        for path in files {
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("t(\"") {
                // `t(` itself, not `get(` or `split(`.
                let before = text[..i].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' {
                    continue;
                }
                let rest = &text[i + 3..];
                let key = &rest[..rest.find('"').unwrap()];
                if !key.is_empty() && !known.contains(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
            let is_rust = path.extension().is_some_and(|e| e == "rs");
            for prefix in ["\"err-", "\"error-", "\"flash-"]
                .into_iter()
                .filter(|_| is_rust)
            {
                for (i, _) in text.match_indices(prefix) {
                    let rest = &text[i + 1..];
                    let key = &rest[..rest.find('"').unwrap()];
                    if key.ends_with('-') || key.contains('{') {
                        continue;
                    }
                    if !known.contains(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing texts: {missing:#?}");
    }

    #[test]
    fn plural_hit_counts() {
        assert_eq!(t_count(Lang::Sv, "hits", 0), "0 träffar");
        assert_eq!(t_count(Lang::Sv, "hits", 1), "1 träff");
        assert_eq!(t_count(Lang::Sv, "hits", 12), "12 träffar");
        assert_eq!(t_count(Lang::En, "hits", 1), "1 result");
    }
}
