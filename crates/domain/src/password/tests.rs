//! One test per rule of the password policy, including the edges where a
//! rule must not fire.

use super::*;

#[test]
fn length_counts_characters_not_bytes() {
    assert_eq!(check_password("kort", &[]), Err(PasswordError::TooShort));
    assert_eq!(check_password("", &[]), Err(PasswordError::TooShort));
    // 11 characters but 14 bytes.
    assert_eq!(
        check_password("blåbärsöl91", &[]),
        Err(PasswordError::TooShort)
    );
    // 12 characters.
    assert_eq!(check_password("blåbärsöl912", &[]), Ok(()));
}

#[test]
fn length_upper_bound() {
    let long_ok: String = "körsbär ".repeat(32);
    assert_eq!(long_ok.chars().count(), MAX_CHARS);
    assert_eq!(check_password(&long_ok, &[]), Ok(()));
    let too_long = format!("{long_ok}x");
    assert_eq!(check_password(&too_long, &[]), Err(PasswordError::TooLong));
}

#[test]
fn no_composition_rules() {
    // Only lower-case letters and spaces: a fine passphrase.
    assert_eq!(
        check_password("korrekt häst batteri häftklammer", &[]),
        Ok(())
    );
    assert_eq!(check_password("tre små grisar", &[]), Ok(()));
}

#[test]
fn common_passwords_case_insensitive() {
    for pw in [
        "password1234",
        "Password1234",
        "123456789012",
        "qwertyuiopas",
        "lösenord1234",
        "LÖSENORD1234",
        "sommar2024!!",
        "Sommar2024!!",
        "abcdefghijkl",
        "ZYXWVUTSRQPO",
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "1q2w3e4r5t6y",
    ] {
        assert_eq!(check_password(pw, &[]), Err(PasswordError::Common), "{pw}");
    }
}

#[test]
fn personal_info() {
    let ctx = ["anna.svensson", "Anna", "Svensson"];
    assert_eq!(
        check_password("svensson-kanoter-i-juni", &ctx),
        Err(PasswordError::ContainsPersonalInfo)
    );
    assert_eq!(
        check_password("ANNA gillar kanoter", &ctx),
        Err(PasswordError::ContainsPersonalInfo)
    );
    // A full address also has its local part checked.
    assert_eq!(
        check_password("kanot-anna.svensson!", &["anna.svensson@example.se"]),
        Err(PasswordError::ContainsPersonalInfo)
    );
    // Names shorter than four characters are ignored.
    assert_eq!(check_password("boende i skogen", &["Bo", "Li"]), Ok(()));
    assert_eq!(check_password("kanoter i juni", &ctx), Ok(()));
    assert_eq!(check_password("kanoter i juni", &["", "   "]), Ok(()));
}

#[test]
fn every_error_has_a_message_key() {
    for e in PasswordError::ALL {
        assert!(e.message_key().starts_with("err-password-"));
    }
}
