//! The Luhn (mod 10) check digit used by both personnummer and
//! organisationsnummer; kept apart so both parsers share one implementation.

/// The Luhn sum of `digits`, doubling every second digit counted from the
/// right, where `double_rightmost` says whether the rightmost digit is doubled
/// (it is when computing a check digit still to be appended).
fn luhn_sum(digits: &str, double_rightmost: bool) -> u32 {
    digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            // Callers guarantee ASCII digits; anything else counts as 0 rather
            // than panicking, and luhn_ok rejects it separately.
            let d = u32::from(b.wrapping_sub(b'0') % 10);
            let doubled = (i % 2 == 0) == double_rightmost;
            if doubled {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum()
}

/// True if `digits` (check digit last) passes the Luhn check. Returns false for
/// an empty string or any non-digit, so a careless caller cannot get a pass.
pub fn luhn_ok(digits: &str) -> bool {
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && luhn_sum(digits, false).is_multiple_of(10)
}

/// The check digit to append to `digits_without_check` (ASCII digits only).
pub fn luhn_check_digit(digits_without_check: &str) -> u8 {
    let sum = luhn_sum(digits_without_check, true);
    // sum % 10 < 10, so the cast cannot truncate.
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_numbers() {
        assert!(luhn_ok("8112189876"));
        assert!(luhn_ok("5560125790"));
        assert!(luhn_ok("2120000142"));
        assert!(!luhn_ok("8112189875"));
        assert!(!luhn_ok(""));
        assert!(!luhn_ok("81121898a6"));
    }

    #[test]
    fn check_digit_completes_number() {
        assert_eq!(luhn_check_digit("811218987"), 6);
        assert_eq!(luhn_check_digit("556012579"), 0);
        assert_eq!(luhn_check_digit("701063239"), 1);
        for prefix in ["000000000", "123456789", "999999999", "212000014"] {
            let full = format!("{prefix}{}", luhn_check_digit(prefix));
            assert!(luhn_ok(&full), "{full}");
        }
    }
}
