//! Every message id the domain returns (identifiers, passwords, free text) must exist in both languages of the web
//! crate's Fluent files, or the user sees a raw id instead of advice. The files
//! are read at compile time, so the domain crate still does no I/O.

use domain::identifiers::{IdError, FOREIGN_POSTAL_CODE_MAX_CHARS};
use domain::password::PasswordError;
use domain::text::TextError;

const SV: &str = include_str!("../../texts/i18n/sv/identifiers.ftl");
const EN: &str = include_str!("../../texts/i18n/en/identifiers.ftl");

/// The message ids defined in a Fluent file (lines `id = ...`).
fn ids(ftl: &str) -> Vec<&str> {
    ftl.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .collect()
}

fn all_keys() -> Vec<&'static str> {
    IdError::ALL
        .iter()
        .map(IdError::message_key)
        .chain(PasswordError::ALL.iter().map(PasswordError::message_key))
        .chain(TextError::ALL.iter().map(TextError::message_key))
        .collect()
}

#[test]
fn every_key_has_a_message_in_both_languages() {
    for key in all_keys() {
        assert!(ids(SV).contains(&key), "sv lacks {key}");
        assert!(ids(EN).contains(&key), "en lacks {key}");
    }
}

#[test]
fn both_languages_define_the_same_ids() {
    let (mut sv, mut en) = (ids(SV), ids(EN));
    sv.sort_unstable();
    en.sort_unstable();
    assert_eq!(sv, en);
    let mut keys = all_keys();
    keys.sort_unstable();
    assert_eq!(sv, keys, "a message without a key is dead text");
}

/// The text of message `id` in a Fluent file.
fn message<'a>(ftl: &'a str, id: &str) -> &'a str {
    ftl.lines()
        .find_map(|l| l.strip_prefix(id).and_then(|r| r.strip_prefix(" = ")))
        .unwrap_or_else(|| panic!("no message {id}"))
}

#[test]
fn postal_code_length_messages_name_the_limit() {
    let limit = FOREIGN_POSTAL_CODE_MAX_CHARS.to_string();
    let key = IdError::PostalCodeTooLong.message_key();
    for ftl in [SV, EN] {
        let text = message(ftl, key);
        assert!(text.contains(&limit), "{key} = {text}");
    }
}
