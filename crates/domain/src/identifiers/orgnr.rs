//! Organisationsnummer, the identity of the companies and authorities that
//! apply for certification; parsed once into the 10 digits the database keeps.

use std::fmt;

use super::error::IdError;
use super::luhn::luhn_ok;

/// A checked Swedish organisationsnummer, stored as 10 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Orgnr(String);

impl Orgnr {
    /// Parses `NNNNNN-NNNN`, `NNNNNNNNNN`, and the 12-digit forms
    /// `16NNNNNNNNNN` / `16NNNNNN-NNNN` that some registers (e.g. SCB, the
    /// tax agency's VAT numbers) use; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Orgnr, IdError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(IdError::Empty);
        }
        let digits = strip_century(&remove_hyphen(input)?)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::OrgnrFormat);
        }
        // Digits 3–4 of a personnummer are a month (01–12); organisations get
        // 20 or more so that the two kinds of number can never collide.
        if digits[2..4] < *"20" {
            return Err(IdError::OrgnrThirdDigit);
        }
        if !luhn_ok(&digits) {
            return Err(IdError::OrgnrChecksum);
        }
        Ok(Orgnr(digits))
    }

    /// Reads back a 10-digit value stored earlier; `None` if it is malformed.
    pub fn from_stored(s: &str) -> Option<Orgnr> {
        let valid = s.len() == 10
            && s.bytes().all(|b| b.is_ascii_digit())
            && s[2..4] >= *"20"
            && luhn_ok(s);
        valid.then(|| Orgnr(s.to_owned()))
    }

    /// The stored form, 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The usual written form `NNNNNN-NNNN`.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..6], &self.0[6..])
    }
}

impl fmt::Display for Orgnr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Drops a hyphen that stands before the last four characters; a hyphen
/// anywhere else is a format error.
fn remove_hyphen(input: &str) -> Result<String, IdError> {
    match input.find('-') {
        None => Ok(input.to_owned()),
        Some(i) if i + 5 == input.len() && i >= 6 => {
            Ok(format!("{}{}", &input[..i], &input[i + 1..]))
        }
        Some(_) => Err(IdError::OrgnrFormat),
    }
}

/// Accepts 10 digits as they are, or 12 digits with the "16" prefix removed.
fn strip_century(digits: &str) -> Result<String, IdError> {
    match digits.len() {
        10 => Ok(digits.to_owned()),
        12 if digits.starts_with("16") => Ok(digits[2..].to_owned()),
        _ => Err(IdError::OrgnrFormat),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_written_form() {
        for input in [
            "556012-5790",
            "5560125790",
            "165560125790",
            "16556012-5790",
            " 556012-5790 ",
        ] {
            let o = Orgnr::parse(input).unwrap();
            assert_eq!(o.as_str(), "5560125790", "{input}");
            assert_eq!(o.display(), "556012-5790");
            assert_eq!(o.to_string(), "556012-5790");
        }
    }

    #[test]
    fn real_organisations() {
        // Aktiebolag (group 5) and a state authority (group 2).
        assert!(Orgnr::parse("556016-0680").is_ok());
        assert!(Orgnr::parse("212000-0142").is_ok());
        // An invented number in group 8 (ideella föreningar).
        assert!(Orgnr::parse("802456-7896").is_ok());
    }

    #[test]
    fn precise_errors() {
        assert_eq!(Orgnr::parse(""), Err(IdError::Empty));
        assert_eq!(Orgnr::parse("556012-5791"), Err(IdError::OrgnrChecksum));
        // A personnummer is not an organisationsnummer.
        assert_eq!(Orgnr::parse("811218-9876"), Err(IdError::OrgnrThirdDigit));
        assert_eq!(Orgnr::parse("551912-5790"), Err(IdError::OrgnrThirdDigit));
        for input in [
            "55601-25790",
            "556012--5790",
            "556012 5790",
            "55601257901",
            "175560125790",
            "19811218-9876",
            "5560125-790",
            "556O125790",
            "556012-579é",
        ] {
            assert_eq!(Orgnr::parse(input), Err(IdError::OrgnrFormat), "{input}");
        }
    }

    #[test]
    fn from_stored() {
        assert_eq!(
            Orgnr::from_stored("5560125790"),
            Some(Orgnr("5560125790".to_owned()))
        );
        assert_eq!(Orgnr::from_stored("556012-5790"), None);
        assert_eq!(Orgnr::from_stored("5560125791"), None);
        assert_eq!(Orgnr::from_stored("8112189876"), None);
    }
}
