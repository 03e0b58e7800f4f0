//! Reads the `.eml` files the mail worker writes when no SMTP server is configured, so that
//! a person trying the portal can read a mail and copy its links. The files are what an
//! SMTP server would receive: headers folded and RFC 2047-encoded, the body
//! quoted-printable (with `=3D` for `=` and soft line breaks inside long links) or base64.
//! Only what lettre writes for the portal's single-part text mails needs to be read here;
//! anything unexpected is shown as it stands rather than refused.

mod decode;

use decode::text_in;
pub use decode::{decode_base64, decode_header, decode_quoted_printable};

/// One decoded e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mail {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub date: String,
    /// The text with `\n` line ends.
    pub body: String,
}

impl Mail {
    /// Decodes a whole message as written to the mail folder.
    pub fn parse(raw: &[u8]) -> Mail {
        let (head, body) = split_head(raw);
        let headers = unfold(&String::from_utf8_lossy(head));
        let header = |name: &str| -> String {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| decode_header(v))
                .unwrap_or_default()
        };
        let content_type = header("Content-Type");
        let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
        let bytes = match encoding.trim() {
            "quoted-printable" => decode_quoted_printable(body),
            "base64" => decode_base64(body),
            _ => body.to_vec(),
        };
        let text = text_in(charset_of(&content_type), &bytes).replace("\r\n", "\n");
        Mail {
            from: header("From"),
            to: header("To"),
            subject: header("Subject"),
            date: header("Date"),
            body: text.trim_end().to_string(),
        }
    }

    /// Whether this mail went to `address` (case-insensitively, with or without a name).
    pub fn is_to(&self, address: &str) -> bool {
        let wanted = address.trim().to_lowercase();
        self.to
            .split(',')
            .map(|one| {
                let one = one.trim();
                match (one.rfind('<'), one.rfind('>')) {
                    (Some(a), Some(b)) if a < b => one[a + 1..b].trim().to_lowercase(),
                    _ => one.to_lowercase(),
                }
            })
            .any(|a| a == wanted)
    }

    /// The web addresses in the body, in order, each once.
    pub fn links(&self) -> Vec<String> {
        links_in(&self.body)
    }
}

/// The web addresses in `text`: from `http://` or `https://` up to white space or a
/// character that cannot end a link in prose.
pub fn links_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'')) {
        let Some(start) = word.find("http://").or_else(|| word.find("https://")) else {
            continue;
        };
        let link = word[start..].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if link.len() > "https://".len() && !found.iter().any(|f| f == link) {
            found.push(link.to_string());
        }
    }
    found
}

/// Header block and body, split at the first empty line (CRLF or LF).
fn split_head(raw: &[u8]) -> (&[u8], &[u8]) {
    for (sep, len) in [(&b"\r\n\r\n"[..], 4), (&b"\n\n"[..], 2)] {
        if let Some(i) = raw.windows(len).position(|w| w == sep) {
            return (&raw[..i], &raw[i + len..]);
        }
    }
    (raw, &[])
}

/// The header lines as (name, value), continuation lines joined to the line they continue.
fn unfold(head: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push_str(line);
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    headers
}

fn charset_of(content_type: &str) -> String {
    content_type
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_ascii_lowercase())
        .unwrap_or_else(|| "utf-8".into())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that unwraps fails loudly

    use super::*;

    /// A mail as lettre writes it: folded encoded subject, quoted-printable body with a
    /// long link split by a soft line break.
    const LETTRE_MAIL: &[u8] = b"From: Certportal <no-reply@certportal.invalid>\r\n\
To: ada@example.se\r\n\
Subject: =?utf-8?b?QmVrcsOkZnRhIGRpbiBlLXBvc3RhZHJlc3M=?=\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Date: Tue, 15 Nov 2026 08:12:31 +0000\r\n\
\r\n\
Hej Ada!\r\n\
\r\n\
Bekr=C3=A4fta din e-postadress genom att =C3=B6ppna l=C3=A4nken nedan.\r\n\
\r\n\
http://127.0.0.1:8080/verify?token=3DQk9Fc2tqZGhma2pzZGhma2pzZGhma2pzZGZoa2pzZGZoaw=\r\n\
\r\n\
H=C3=A4lsningar\r\n";

    #[test]
    fn a_whole_mail_decodes_with_its_link_in_one_piece() {
        let mail = Mail::parse(LETTRE_MAIL);
        assert_eq!(mail.from, "Certportal <no-reply@certportal.invalid>");
        assert_eq!(mail.to, "ada@example.se");
        assert_eq!(mail.subject, "Bekräfta din e-postadress");
        assert_eq!(mail.date, "Tue, 15 Nov 2026 08:12:31 +0000");
        assert!(
            mail.body.starts_with(
                "Hej Ada!\n\nBekräfta din e-postadress genom att öppna länken nedan.\n"
            ),
            "{}",
            mail.body
        );
        assert!(mail.body.ends_with("Hälsningar"), "{}", mail.body);
        assert_eq!(
            mail.links(),
            ["http://127.0.0.1:8080/verify?token=Qk9Fc2tqZGhma2pzZGhma2pzZGhma2pzZGZoa2pzZGZoaw"]
        );
        assert!(mail.is_to("ADA@example.se"));
        assert!(!mail.is_to("eva@example.se"));
    }

    #[test]
    fn recipients_with_names_match_by_address() {
        let mail = Mail {
            to: "Ada Svensson <ada@example.se>, eva@example.se".into(),
            ..Mail::default()
        };
        assert!(mail.is_to("ada@example.se") && mail.is_to("eva@example.se"));
        assert!(!mail.is_to("da@example.se"));
    }

    #[test]
    fn links_end_before_punctuation_and_come_once() {
        assert_eq!(
            links_in(
                "Se https://a.example/x?y=1. Eller (http://b.example/), https://a.example/x?y=1"
            ),
            ["https://a.example/x?y=1", "http://b.example/"]
        );
    }

    #[test]
    fn a_seven_bit_body_is_read_as_it_stands() {
        let mail = Mail::parse(b"To: a@example.se\nSubject: Hi\n\nSee http://x.example/a=b\n");
        assert_eq!(mail.subject, "Hi");
        assert_eq!(mail.links(), ["http://x.example/a=b"]);
    }
}
