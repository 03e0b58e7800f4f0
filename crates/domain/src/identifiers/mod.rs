//! Swedish identifiers the portal takes from forms: personnummer (and
//! samordningsnummer), organisationsnummer and postnummer.
//!
//! Each type can only be built by parsing, so a value that exists has already
//! passed every check; other crates store and show it without re-validating.

mod error;
mod luhn;
mod orgnr;
mod personnummer;
mod postnummer;

pub use error::IdError;
pub use luhn::{luhn_check_digit, luhn_ok};
pub use orgnr::Orgnr;
pub use personnummer::Personnummer;
pub use postnummer::{check_foreign_postal_code, Postnummer, FOREIGN_POSTAL_CODE_MAX_CHARS};
