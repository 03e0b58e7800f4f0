//! Free text as the forms take it: one rule for every field a person types into, so that a
//! name, an address or a comment cannot carry what the reader does not see.
//!
//! A single-line field (names, addresses, company names, references) refuses line breaks,
//! control characters (Unicode category Cc, NUL included) and invisible format characters
//! (category Cf: zero-width spaces and joiners, the bidi embeddings, overrides and isolates
//! U+202A–U+202E and U+2066–U+2069, the byte order mark, …). A line break in a name is
//! how a «Bcc:» line got into the e-mail to a company's administrators; a bidi override
//! shows a name reversed; a zero-width space makes two equal-looking names differ.
//! A multi-line field (staff comments, decision reasons) takes line breaks, and nothing
//! else of the above. Both limit the length, counted in characters as the database's
//! `length()` counts them.

use thiserror::Error;

// The limits of the fields, in characters. The forms apply them and the database repeats
// them as CHECKs (migration 2026-11-25-000006_text_limits), so a value the form accepts is
// one the database keeps, and one written around the form is still refused.

/// A person's first or last name.
pub const NAME_MAX: usize = 100;
/// One line of an address, a city, a country, a phone number, an invoice reference, the
/// other body's country and number on an external certificate.
pub const LINE_MAX: usize = 100;
/// A company's name (and the other body's name on an external certificate).
pub const COMPANY_NAME_MAX: usize = 200;
/// A postal code (five digits in Sweden; see `identifiers::FOREIGN_POSTAL_CODE_MAX_CHARS`).
pub const POSTAL_CODE_MAX: usize = crate::identifiers::FOREIGN_POSTAL_CODE_MAX_CHARS;
/// An e-mail address (RFC 5321's limit, which `email::Email::parse` applies).
pub const EMAIL_MAX: usize = 254;
/// A staff comment on a moment or the reason for a decision.
pub const COMMENT_MAX: usize = 2000;

/// Why a text was refused. Each variant maps to one Fluent message through
/// [`TextError::message_key`]; `TooLong` also names its limit as the `max` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TextError {
    /// More characters than the field keeps.
    #[error("the text is longer than {max} characters")]
    TooLong { max: usize },
    /// A line break in a field that is one line.
    #[error("the text contains a line break")]
    LineBreak,
    /// A control or invisible format character.
    #[error("the text contains a control or invisible character")]
    Invisible,
}

impl TextError {
    /// The Fluent message id; `err-text-too-long` takes the limit as `$max`.
    pub fn message_key(&self) -> &'static str {
        match self {
            TextError::TooLong { .. } => "err-text-too-long",
            TextError::LineBreak => "err-text-line-break",
            TextError::Invisible => "err-text-invisible",
        }
    }

    /// Every kind of refusal, so tests can check that each message id exists.
    pub const ALL: [TextError; 3] = [
        TextError::TooLong { max: 100 },
        TextError::LineBreak,
        TextError::Invisible,
    ];
}

/// Checks a single-line field; returns it trimmed. Whitespace around the text (a pasted
/// line break at the end included) is trimmed away first, as the value is stored trimmed.
pub fn check_single_line(value: &str, max_chars: usize) -> Result<&str, TextError> {
    let v = value.trim();
    for c in v.chars() {
        if is_line_break(c) {
            return Err(TextError::LineBreak);
        }
        if is_hidden(c) {
            return Err(TextError::Invisible);
        }
    }
    check_length(v, max_chars)?;
    Ok(v)
}

/// Checks a multi-line field; returns it trimmed, with every line break as `\n` (browsers
/// send a textarea's line breaks as CR LF). A tab is kept: it is whitespace that pasted
/// text often has, and shows as such.
pub fn check_multi_line(value: &str, max_chars: usize) -> Result<String, TextError> {
    let v = value.trim().replace("\r\n", "\n").replace('\r', "\n");
    if v.chars().any(|c| c != '\n' && c != '\t' && is_hidden(c)) {
        return Err(TextError::Invisible);
    }
    check_length(&v, max_chars)?;
    Ok(v)
}

fn check_length(v: &str, max_chars: usize) -> Result<(), TextError> {
    if v.chars().count() > max_chars {
        Err(TextError::TooLong { max: max_chars })
    } else {
        Ok(())
    }
}

/// A character that ends a line: LF, CR, vertical tab, form feed, NEL and the Unicode
/// line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// A character the reader cannot see or that changes how the text around it shows: a
/// control character (Cc), a format character (Cf) or a line/paragraph separator.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Unicode's format characters (general category Cf, Unicode 15.1). The standard library
/// has no category lookup and the list is short and stable, so it is written out.
fn is_format(c: char) -> bool {
    matches!(
        c as u32,
        0xAD
            | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x890..=0x891
            | 0x8E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// Makes a value one line whatever it holds: every line break and hidden character
/// becomes a space. For text that is written somewhere one line is expected (an e-mail's
/// subject, a line of its body) as a second line of defence behind the forms' checks.
pub fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if is_hidden(c) { ' ' } else { c })
        .collect()
}

/// The key a name is found by in «Sök certifierade»: lowercased, words separated by one
/// space. A person's key is "last first" (`search_key(&[last, first])`), a company's its
/// name; the register matches a query as a prefix of the key.
pub fn search_key(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The prefixes a typed name is looked up by: the query itself ("svensson", "svensson
/// anna") and, for more than one word, its last word first ("anna svensson" → "svensson
/// anna"), as people type a first name first. Empty for an empty query.
pub fn search_prefixes(query: &str) -> Vec<String> {
    let key = search_key(&[query]);
    if key.is_empty() {
        return vec![];
    }
    let words: Vec<&str> = key.split(' ').collect();
    let mut prefixes = vec![key.clone()];
    if let Some((last, rest)) = words.split_last() {
        if !rest.is_empty() {
            prefixes.push(format!("{last} {}", rest.join(" ")));
        }
    }
    prefixes
}

/// The distinct words of a name's key, in order: the administrators' company search finds
/// a company by the start of any of them («kyl» finds «Andersson Kyl AB»).
pub fn key_words(key: &str) -> Vec<String> {
    let mut words: Vec<String> = key
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The upper end of the range of keys that start with `prefix`: every such key sorts below
/// it byte by byte, since no UTF-8 text continues past U+10FFFF.
pub fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{}", char::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_names_and_addresses_pass_trimmed() {
        for (input, kept) in [
            ("Anna", "Anna"),
            ("  Åsa-Britt  ", "Åsa-Britt"),
            ("O'Brien", "O'Brien"),
            ("Ørjan Ängel", "Ørjan Ängel"),
            ("Storgatan 1\u{a0}B", "Storgatan 1\u{a0}B"),
            ("Nguyễn Thị", "Nguyễn Thị"),
            ("محمد", "محمد"),
            ("Kyl & Värme AB (publ)", "Kyl & Värme AB (publ)"),
            ("Anna\r\n", "Anna"),
            ("", ""),
        ] {
            assert_eq!(check_single_line(input, 100), Ok(kept), "{input:?}");
        }
    }

    #[test]
    fn line_breaks_are_refused_in_one_line() {
        for input in [
            "Eva\r\nBcc: x@evil.example",
            "Eva\nSubject: hi",
            "Eva\rX",
            "A\u{0b}B",
            "A\u{0c}B",
            "A\u{85}B",
            "A\u{2028}B",
            "A\u{2029}B",
        ] {
            assert_eq!(
                check_single_line(input, 100),
                Err(TextError::LineBreak),
                "{input:?}"
            );
        }
    }

    #[test]
    fn control_and_invisible_characters_are_refused() {
        for input in [
            "Eva\0",
            "E\u{1}va",
            "E\tva",
            "E\u{7f}va",
            "E\u{9b}va",
            "E\u{200b}va",
            "E\u{200c}va",
            "E\u{200d}va",
            "E\u{200e}va",
            "E\u{200f}va",
            "E\u{202a}va",
            "E\u{202d}va",
            "evil\u{202e}gpj.exe",
            "E\u{2066}va\u{2069}",
            "E\u{2060}va",
            "\u{feff}Eva",
            "E\u{ad}va",
            "E\u{e0041}va",
            "E\u{61c}va",
        ] {
            assert_eq!(
                check_single_line(input, 100),
                Err(TextError::Invisible),
                "{input:?}"
            );
            assert_eq!(
                check_multi_line(input, 100).err(),
                (!input.contains('\t')).then_some(TextError::Invisible),
                "{input:?}"
            );
        }
    }

    #[test]
    fn length_is_counted_in_characters() {
        assert_eq!(check_single_line(&"å".repeat(100), 100).unwrap().len(), 200);
        assert_eq!(
            check_single_line(&"a".repeat(101), 100),
            Err(TextError::TooLong { max: 100 })
        );
        assert_eq!(
            check_multi_line(&"a".repeat(2001), 2000),
            Err(TextError::TooLong { max: 2000 })
        );
        // CR LF is one line break, and counted as one character.
        let two_lines = format!("{}\r\n{}", "a".repeat(999), "b".repeat(1000));
        assert_eq!(
            check_multi_line(&two_lines, 2000).unwrap().chars().count(),
            2000
        );
    }

    #[test]
    fn multi_line_keeps_line_breaks_as_newlines() {
        assert_eq!(
            check_multi_line("  Rad ett\r\nRad två\rRad tre\n\tindrag  ", 2000),
            Ok("Rad ett\nRad två\nRad tre\n\tindrag".to_string())
        );
        assert_eq!(
            check_multi_line("A\u{2028}B", 2000),
            Err(TextError::Invisible)
        );
    }

    #[test]
    fn message_keys() {
        assert_eq!(
            TextError::TooLong { max: 5 }.message_key(),
            "err-text-too-long"
        );
        assert_eq!(TextError::LineBreak.message_key(), "err-text-line-break");
        assert_eq!(TextError::Invisible.message_key(), "err-text-invisible");
    }

    #[test]
    fn one_line_makes_every_break_a_space() {
        assert_eq!(
            one_line("Eva\r\nBcc: x\u{2028}y\u{202e}z"),
            "Eva  Bcc: x y z"
        );
        assert_eq!(one_line("Åsa Öberg"), "Åsa Öberg");
    }

    fn hidden_char() -> impl Strategy<Value = char> {
        prop_oneof![
            (0u32..0x20).prop_map(|n| char::from_u32(n).unwrap()),
            (0x7fu32..0xa0).prop_map(|n| char::from_u32(n).unwrap()),
            (0x200bu32..=0x200f).prop_map(|n| char::from_u32(n).unwrap()),
            (0x202au32..=0x202e).prop_map(|n| char::from_u32(n).unwrap()),
            (0x2066u32..=0x2069).prop_map(|n| char::from_u32(n).unwrap()),
            Just('\u{feff}'),
            Just('\u{2028}'),
            Just('\u{2029}'),
        ]
    }

    proptest! {
        /// Whatever comes in, what a check lets through holds no hidden character and
        /// is within the limit.
        #[test]
        fn what_passes_is_clean(s in "\\PC{0,60}|.{0,60}", max in 0usize..80) {
            if let Ok(v) = check_single_line(&s, max) {
                prop_assert!(!v.chars().any(is_hidden));
                prop_assert!(v.chars().count() <= max);
            }
            if let Ok(v) = check_multi_line(&s, max) {
                prop_assert!(!v.chars().any(|c| c != '\n' && c != '\t' && is_hidden(c)));
                prop_assert!(!v.contains('\r'));
                prop_assert!(v.chars().count() <= max);
            }
            prop_assert!(!one_line(&s).chars().any(is_hidden));
        }

        /// A hidden character inside a text (not at its trimmed ends) is always refused.
        #[test]
        fn a_hidden_character_inside_is_refused(
            a in "[A-Za-zÅÄÖåäö]{1,20}",
            b in "[A-Za-zÅÄÖåäö]{1,20}",
            c in hidden_char(),
        ) {
            let s = format!("{a}{c}{b}");
            prop_assert!(check_single_line(&s, 100).is_err());
        }

        /// Printable text within the limit passes unchanged but for trimming.
        #[test]
        fn printable_text_passes(s in "[\\p{L}\\p{N}\\p{P}\\p{S} ]{0,100}") {
            prop_assert_eq!(check_single_line(&s, 100), Ok(s.trim()));
        }
    }

    #[test]
    fn search_keys_are_lowercase_single_spaced() {
        assert_eq!(
            search_key(&["Åström ", " Anna  Maria"]),
            "åström anna maria"
        );
        assert_eq!(search_key(&["", ""]), "");
        assert_eq!(search_prefixes("  "), Vec::<String>::new());
        assert_eq!(search_prefixes("Svensson"), vec!["svensson"]);
        assert_eq!(
            search_prefixes("Anna  Svensson"),
            vec!["anna svensson", "svensson anna"]
        );
        let end = prefix_end("sv");
        assert!("svensson anna" < end.as_str() && "sw" > end.as_str());
    }
}
