//! Postnummer, part of every applicant's postal address; parsed so that the
//! database holds five digits and letters print the conventional `NNN NN`.

use std::fmt;

use super::error::IdError;

/// A Swedish postal code, stored as 5 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postnummer(String);

impl Postnummer {
    /// Parses `NNNNN` or `NNN NN`. All whitespace is ignored: people put the
    /// space in varying places, and text copied from web pages often carries
    /// a non-breaking space. Swedish codes run from 100 00 to 984 99, so a
    /// leading 0 means a typo or a foreign code.
    pub fn parse(input: &str) -> Result<Postnummer, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Empty);
        }
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let valid = digits.len() == 5
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if !valid {
            return Err(IdError::PostnummerFormat);
        }
        Ok(Postnummer(digits))
    }

    /// The stored form, 5 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form Postnord asks for on letters: `NNN NN`.
    pub fn display(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }
}

/// The longest postal code kept for an address outside Sweden. Other countries' codes
/// take many shapes, so only their length is limited; the longest in use are about ten
/// characters, and 20 leaves room for spaces and a country prefix.
pub const FOREIGN_POSTAL_CODE_MAX_CHARS: usize = 20;

/// Checks a postal code for an address outside Sweden, where no format is imposed: only
/// its length, counted in characters after trimming, as the form stores it.
pub fn check_foreign_postal_code(input: &str) -> Result<(), IdError> {
    if input.trim().chars().count() > FOREIGN_POSTAL_CODE_MAX_CHARS {
        return Err(IdError::PostalCodeTooLong);
    }
    Ok(())
}

impl fmt::Display for Postnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accepts_with_and_without_space() {
        for input in ["11122", "111 22", " 111 22 ", "111\u{a0}22"] {
            let p = Postnummer::parse(input).unwrap();
            assert_eq!(p.as_str(), "11122");
            assert_eq!(p.display(), "111 22");
            assert_eq!(p.to_string(), "111 22");
        }
        assert_eq!(Postnummer::parse("981 38").unwrap().as_str(), "98138");
    }

    #[test]
    fn rejects_other_shapes() {
        assert_eq!(Postnummer::parse(""), Err(IdError::Empty));
        for input in [
            "1112",
            "111222",
            "011 22",
            "11l22",
            "SE-111 22",
            "111-22",
            "１１１２２",
        ] {
            assert_eq!(
                Postnummer::parse(input),
                Err(IdError::PostnummerFormat),
                "{input}"
            );
        }
    }

    #[test]
    fn foreign_postal_codes_are_limited_to_twenty_characters() {
        for input in [
            "",
            "SW1A 1AA",
            "10115",
            "D02 X285",
            &"9".repeat(20),
            "  12345  ",
        ] {
            assert_eq!(check_foreign_postal_code(input), Ok(()), "{input}");
        }
        // Counted in characters, not bytes: 20 letters of two bytes each are fine.
        assert_eq!(check_foreign_postal_code(&"Å".repeat(20)), Ok(()));
        let long = "1".repeat(21);
        assert_eq!(
            check_foreign_postal_code(&long),
            Err(IdError::PostalCodeTooLong)
        );
        assert_eq!(
            IdError::PostalCodeTooLong.message_key(),
            "err-postal-code-too-long"
        );
    }
}
