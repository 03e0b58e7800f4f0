//! Passwords that no list can enumerate but every cracker tries: one short
//! chunk repeated ("aaaaaaaaaaaa", "abcabcabcabc") or a walk along the digits,
//! the alphabet or a keyboard row ("123456789012", "abcdefghijkl").

/// Repeating units up to this length count as trivial ("passpasspass").
const MAX_REPEATED_UNIT: usize = 4;

/// Orders a user can type without thinking; `true` if they wrap around, as
/// digits do in "890123456789".
const SEQUENCES: [(&str, bool); 4] = [
    ("0123456789", true),
    ("abcdefghijklmnopqrstuvwxyzåäö", false),
    // Keyboard rows in reading order, Swedish and US layout.
    ("qwertyuiopåasdfghjklöäzxcvbnm", false),
    ("qwertyuiopasdfghjklzxcvbnm", false),
];

/// True for a repetition or sequential run. Expects a lower-cased password.
pub(super) fn is_trivial(lower: &str) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    is_repetition(&chars)
        || SEQUENCES
            .iter()
            .any(|(seq, cyclic)| is_run(&chars, seq, *cyclic))
}

/// True if the password is one unit of at most [`MAX_REPEATED_UNIT`]
/// characters repeated (the last repetition may be cut short).
fn is_repetition(chars: &[char]) -> bool {
    (1..=MAX_REPEATED_UNIT)
        .filter(|&unit| unit < chars.len())
        .any(|unit| chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit]))
}

/// True if every character is the next (or every one the previous) in `seq`.
fn is_run(chars: &[char], seq: &str, cyclic: bool) -> bool {
    let seq: Vec<char> = seq.chars().collect();
    let positions: Option<Vec<usize>> = chars
        .iter()
        .map(|c| seq.iter().position(|s| s == c))
        .collect();
    let Some(positions) = positions else {
        return false;
    };
    let len = seq.len();
    let step = |a: usize, b: usize, forward: bool| {
        let (from, to) = if forward { (a, b) } else { (b, a) };
        if cyclic {
            (from + 1) % len == to
        } else {
            from + 1 == to
        }
    };
    [true, false].iter().any(|&forward| {
        positions
            .windows(2)
            .all(|pair| step(pair[0], pair[1], forward))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitions() {
        assert!(is_trivial("aaaaaaaaaaaa"));
        assert!(is_trivial("åååååååååååå"));
        assert!(is_trivial("abababababab"));
        assert!(is_trivial("abcabcabcabca"));
        assert!(is_trivial("passpasspass"));
        assert!(!is_trivial("passwpasswpassw"));
    }

    #[test]
    fn runs() {
        assert!(is_trivial("123456789012"));
        assert!(is_trivial("098765432109"));
        assert!(is_trivial("abcdefghijkl"));
        assert!(is_trivial("zyxwvutsrqpo"));
        assert!(is_trivial("qwertyuiopas"));
        assert!(is_trivial("qwertyuiopåasdf"));
        assert!(is_trivial("mnbvcxzlkjhg"));
        assert!(!is_trivial("xyzåäöabcdef"));
        assert!(!is_trivial("korrekt häst batteri"));
    }
}
