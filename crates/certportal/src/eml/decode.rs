//! The encodings of an e-mail, undone: quoted-printable and base64 bodies (RFC 2045) and
//! encoded words in headers (RFC 2047), as lettre writes them for the mail folder.

/// Bytes in a charset as text: UTF-8 (what the portal writes) or Latin-1; anything else is
/// read as UTF-8 with replacement characters.
pub(super) fn text_in(charset: impl AsRef<str>, bytes: &[u8]) -> String {
    match charset.as_ref() {
        "iso-8859-1" | "latin1" | "latin-1" => bytes.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'F' => Some(b - b'A' + 10),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Quoted-printable (RFC 2045 6.7): `=XX` is a byte, `=` at the end of a line joins it to
/// the next (a soft line break), white space at the end of a line was added in transport.
pub fn decode_quoted_printable(encoded: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded.len());
    let mut lines = encoded.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let end = line
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t'))
            .map_or(0, |i| i + 1);
        let line = &line[..end];
        let (line, soft) = match line.strip_suffix(b"=") {
            Some(l) => (l, true),
            None => (line, false),
        };
        let mut i = 0;
        while i < line.len() {
            if line[i] == b'=' {
                if let (Some(h), Some(l)) = (
                    line.get(i + 1).copied().and_then(hex),
                    line.get(i + 2).copied().and_then(hex),
                ) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
            }
            out.push(line[i]);
            i += 1;
        }
        if !soft && lines.peek().is_some() {
            out.extend_from_slice(b"\r\n");
        }
    }
    out
}

/// Base64 (RFC 2045 6.8), line breaks and other characters outside the alphabet skipped.
pub fn decode_base64(encoded: &[u8]) -> Vec<u8> {
    fn value(b: u8) -> Option<u32> {
        match b {
            b'A'..=b'Z' => Some(u32::from(b - b'A')),
            b'a'..=b'z' => Some(u32::from(b - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(b - b'0') + 52),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(encoded.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in encoded {
        if b == b'=' {
            break;
        }
        let Some(v) = value(b) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// A header value with its RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`)
/// decoded; white space between two encoded words belongs to neither and is dropped.
pub fn decode_header(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(i) = rest.find("=?") {
        let (before, from) = rest.split_at(i);
        match encoded_word(from) {
            Some((text, len)) => {
                if !(after_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                out.push_str(&text);
                rest = &from[len..];
                after_word = true;
            }
            None => {
                out.push_str(before);
                out.push_str("=?");
                rest = &from[2..];
                after_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the encoded word at the start of `s` and how many bytes it took.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (charset, after) = inner.split_once('?')?;
    let (encoding, after) = after.split_once('?')?;
    let end = after.find("?=")?;
    let text = &after[..end];
    if text.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        "b" | "B" => decode_base64(text.as_bytes()),
        "q" | "Q" => decode_q(text.as_bytes()),
        _ => return None,
    };
    // A language tag may follow the charset (RFC 2231: `utf-8*sv`).
    let charset = charset.split('*').next().unwrap_or("").to_ascii_lowercase();
    // Every piece split off above is a tail of `s`: what is left after `?=` says how much
    // the word took.
    let taken = s.len() - after[end + 2..].len();
    Some((text_in(charset, &bytes), taken))
}

/// The «Q» encoding of a header word (RFC 2047 4.2): `_` is a space, `=XX` a byte.
fn decode_q(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'_' => out.push(b' '),
            b'=' => {
                if let (Some(h), Some(l)) = (
                    text.get(i + 1).copied().and_then(hex),
                    text.get(i + 2).copied().and_then(hex),
                ) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                out.push(b'=');
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that unwraps fails loudly

    use super::*;

    #[test]
    fn soft_line_breaks_join_and_3d_is_an_equals_sign() {
        let qp = b"Hej!\r\n\r\nhttp://127.0.0.1:8080/verify?token=3Dabcdefghijklmnopqrstuvwxyz=\r\n0123456789ABCDEFG\r\n\r\nSlut.";
        let text = String::from_utf8(decode_quoted_printable(qp)).unwrap();
        assert_eq!(
            text,
            "Hej!\r\n\r\nhttp://127.0.0.1:8080/verify?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\r\n\r\nSlut."
        );
    }

    #[test]
    fn utf8_letters_come_back() {
        let qp = b"Bekr=C3=A4fta din e-postadress, =C3=85sa och =C3=96rjan. =C3=A5 =C3=A4 =C3=B6";
        let text = String::from_utf8(decode_quoted_printable(qp)).unwrap();
        assert_eq!(text, "Bekräfta din e-postadress, Åsa och Örjan. å ä ö");
    }

    #[test]
    fn a_letter_split_by_a_soft_line_break_comes_back_whole() {
        // Encoders break between encoded bytes; the two bytes of «ä» may land on two lines.
        let qp = b"Bekr=C3=\r\n=A4fta";
        assert_eq!(
            String::from_utf8(decode_quoted_printable(qp)).unwrap(),
            "Bekräfta"
        );
    }

    #[test]
    fn trailing_white_space_and_lone_equals_signs_are_tolerated() {
        let qp = b"a = b  \r\nc=\t\r\nd=ZZ";
        assert_eq!(
            String::from_utf8(decode_quoted_printable(qp)).unwrap(),
            "a = b\r\ncd=ZZ"
        );
    }

    #[test]
    fn base64_decodes_across_lines() {
        assert_eq!(decode_base64(b"SGVq\r\nIMOlw6TDtg=="), "Hej åäö".as_bytes());
    }

    #[test]
    fn encoded_words_in_headers_decode_and_join() {
        assert_eq!(
            decode_header("=?utf-8?b?QmVrcsOkZnRhIGRpbiBl?=\r\n =?utf-8?b?LXBvc3RhZHJlc3M=?="),
            "Bekräfta din e-postadress"
        );
        assert_eq!(
            decode_header("=?UTF-8?Q?=C3=85sa_Ek?= <asa@example.se>"),
            "Åsa Ek <asa@example.se>"
        );
        assert_eq!(
            decode_header("Plain =? not encoded"),
            "Plain =? not encoded"
        );
        assert_eq!(
            decode_header("=?utf-8?q?Hej_?= =?utf-8?q?d=C3=A5?="),
            "Hej då"
        );
    }
}
