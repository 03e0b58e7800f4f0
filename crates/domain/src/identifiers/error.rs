//! Why an identifier was refused, precisely enough that the form can tell the
//! user what to correct rather than just "invalid".

use thiserror::Error;

/// A refused identifier. Each variant maps to one Fluent message through
/// [`IdError::message_key`]; the `Display` text is for logs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum IdError {
    /// Nothing was entered (or only whitespace).
    #[error("no value given")]
    Empty,
    /// Not 10 or 12 digits with an optional `-`/`+` before the last four.
    #[error("personnummer must be 10 or 12 digits")]
    PersonnummerFormat,
    /// The birth date does not exist in the calendar or lies in the future.
    #[error("personnummer contains an impossible birth date")]
    PersonnummerDate,
    /// The last digit does not match the Luhn check digit.
    #[error("personnummer check digit does not match")]
    PersonnummerChecksum,
    /// Not 10 digits (optionally with a hyphen after six, or prefixed "16").
    #[error("organisationsnummer must be 10 digits")]
    OrgnrFormat,
    /// Digits 3–4 are below 20, so this is a personnummer, not an organisation.
    #[error("organisationsnummer digits 3-4 must be at least 20")]
    OrgnrThirdDigit,
    /// The last digit does not match the Luhn check digit.
    #[error("organisationsnummer check digit does not match")]
    OrgnrChecksum,
    /// Not five digits (one space allowed, first digit not 0).
    #[error("postnummer must be five digits")]
    PostnummerFormat,
    /// A postal code outside Sweden longer than
    /// [`FOREIGN_POSTAL_CODE_MAX_CHARS`](super::FOREIGN_POSTAL_CODE_MAX_CHARS).
    #[error("postal code is too long")]
    PostalCodeTooLong,
}

impl IdError {
    /// The Fluent message id (in `crates/web/i18n/*/identifiers.ftl`) that
    /// tells the user how to correct the value.
    pub fn message_key(&self) -> &'static str {
        match self {
            IdError::Empty => "err-identifier-empty",
            IdError::PersonnummerFormat => "err-personnummer-format",
            IdError::PersonnummerDate => "err-personnummer-date",
            IdError::PersonnummerChecksum => "err-personnummer-checksum",
            IdError::OrgnrFormat => "err-orgnr-format",
            IdError::OrgnrThirdDigit => "err-orgnr-third-digit",
            IdError::OrgnrChecksum => "err-orgnr-checksum",
            IdError::PostnummerFormat => "err-postnummer-format",
            IdError::PostalCodeTooLong => "err-postal-code-too-long",
        }
    }

    /// Every variant, so tests can check that each message id exists in the
    /// Fluent files.
    pub const ALL: [IdError; 9] = [
        IdError::Empty,
        IdError::PersonnummerFormat,
        IdError::PersonnummerDate,
        IdError::PersonnummerChecksum,
        IdError::OrgnrFormat,
        IdError::OrgnrThirdDigit,
        IdError::OrgnrChecksum,
        IdError::PostnummerFormat,
        IdError::PostalCodeTooLong,
    ];
}
