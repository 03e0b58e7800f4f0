//! certportal's texts in Swedish (first) and English, from the Fluent files in `i18n/`,
//! behind one lookup: `t(lang, key)` and `t_args(lang, key, args)`. Its own crate so that
//! pages (`web`) and e-mails written by the application layer (`app`) read the same texts.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use rustc_hash::FxHashMap;
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

    /// The language's place in the per-language caches.
    fn index(self) -> usize {
        match self {
            Lang::Sv => 0,
            Lang::En => 1,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// A text without arguments: formatted by Fluent the first time a thread asks for it, a
/// copy of that afterwards. A page asks for a hundred texts or more, and Fluent's lookup
/// negotiates the language and formats the pattern anew each time: a tenth of a person
/// page's time. Without arguments the text depends on nothing but the language and the
/// key. The copies are the thread's own: a map shared behind a lock had every lookup
/// write to one cache line from both cores, and was slower than formatting.
pub fn t(lang: Lang, key: &str) -> String {
    text(lang, key).to_string()
}

/// `t` without the copy: the thread's own text, shared. A page's template asks for its
/// hundred texts through this (`Ctx::text`) and writes each out at once; copying each into
/// a `String` of its own first was half of `t`'s 4.7 % of a case page's instructions. Not
/// `Send`: for a value used where it is made, as a template is rendered.
pub fn text(lang: Lang, key: &str) -> Rc<str> {
    FORMATTED.with(|formatted| {
        let mut formatted = formatted.borrow_mut();
        let map = &mut formatted[lang.index()];
        if let Some(text) = map.get(key) {
            return text.clone();
        }
        let text: Rc<str> = LOCALES.lookup(lang.id(), key).into();
        // Keys come from the code and the data's codes, a few thousand at most; the bound
        // keeps a key made from anything else from growing the map without end.
        if map.len() < FORMATTED_MAX {
            map.insert(key.to_string(), text.clone());
        }
        text
    })
}

thread_local! {
    /// The texts `t` has formatted on this thread: Swedish, English. Fx, not SipHash: the
    /// keys are the code's own and the map is bounded, and hashing them was a third of a
    /// lookup.
    static FORMATTED: RefCell<[FxHashMap<String, Rc<str>>; 2]> = RefCell::default();
    /// The counts `t_count` has formatted on this thread, by language, key and count.
    static COUNTED: RefCell<Counted> = RefCell::default();
}

#[derive(Default)]
struct Counted {
    texts: [FxHashMap<String, FxHashMap<i64, String>>; 2],
    /// How many counts are kept, in all; at most `FORMATTED_MAX`.
    len: usize,
}
const FORMATTED_MAX: usize = 4_096;

pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
        .collect();
    LOCALES.lookup_with_args(lang.id(), key, &map)
}

/// Every message id of a language with the file it is in: for tests that check the
/// keys the code uses exist.
pub fn ids_with_files(lang: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("i18n")
        .join(lang);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
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

/// A count as Fluent needs it to pick the plural form («1 träff», «2 träffar»). Formatted
/// by Fluent the first time a thread asks for a language, key and count, as `t` does: the
/// result depends on nothing else, and lists and pagers ask for the same few counts.
pub fn t_count(lang: Lang, key: &str, n: i64) -> String {
    COUNTED.with(|counted| {
        let mut counted = counted.borrow_mut();
        let Counted { texts, len } = &mut *counted;
        let map = &mut texts[lang.index()];
        if let Some(text) = map.get(key).and_then(|counts| counts.get(&n)) {
            return text.clone();
        }
        let mut args: HashMap<Cow<'static, str>, FluentValue<'_>> = HashMap::new();
        args.insert(Cow::Borrowed("n"), FluentValue::from(n));
        let text = LOCALES.lookup_with_args(lang.id(), key, &args);
        if *len < FORMATTED_MAX {
            map.entry(key.to_string())
                .or_default()
                .insert(n, text.clone());
            *len += 1;
        }
        text
    })
}

#[cfg(test)]
mod tests {
    //! Every text exists in both languages and no id is defined twice. That every key the
    //! code asks for exists is checked where the code is (`web`'s and `app`'s tests).
    #![allow(clippy::unwrap_used)]

    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        let sv: BTreeSet<String> = ids_with_files("sv").into_iter().map(|(id, _)| id).collect();
        let en: BTreeSet<String> = ids_with_files("en").into_iter().map(|(id, _)| id).collect();
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

    /// `t` keeps what it formatted per language: asked again, in either order, each
    /// language gets its own text, the same as Fluent's.
    #[test]
    fn a_text_asked_again_is_the_same_in_its_own_language() {
        for _ in 0..2 {
            assert_eq!(t(Lang::Sv, "skip-to-content"), "Hoppa till innehållet");
            assert_eq!(t(Lang::En, "skip-to-content"), "Skip to content");
        }
        for lang in [Lang::En, Lang::Sv] {
            for (id, _) in ids_with_files(lang.code()) {
                let first = t(lang, &id);
                assert_eq!(first, LOCALES.lookup(lang.id(), &id), "{id}");
                assert_eq!(t(lang, &id), first, "{id}");
            }
        }
    }

    #[test]
    fn plural_hit_counts() {
        assert_eq!(t_count(Lang::Sv, "hits", 0), "0 träffar");
        assert_eq!(t_count(Lang::Sv, "hits", 1), "1 träff");
        assert_eq!(t_count(Lang::Sv, "hits", 12), "12 träffar");
        assert_eq!(t_count(Lang::En, "hits", 1), "1 result");
    }

    /// Asked again, in another order, a count is the thread's kept copy of the same text:
    /// neither the language nor the count of an earlier call leaks into a later one.
    #[test]
    fn kept_counts_are_by_language_key_and_count() {
        let asked = [
            (Lang::En, "hits", 2, "2 results"),
            (Lang::Sv, "hits", 2, "2 träffar"),
            (Lang::Sv, "hits", 1, "1 träff"),
            (Lang::En, "hits", 1, "1 result"),
        ];
        for _ in 0..2 {
            for (lang, key, n, text) in asked {
                assert_eq!(t_count(lang, key, n), text);
            }
        }
    }
}
