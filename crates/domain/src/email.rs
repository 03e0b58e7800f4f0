//! E-mail addresses as people type them: trimmed and lower-cased (one account per address
//! whatever the case), with a shape check that catches typos, not a full RFC 5322 parser:
//! the verification link is the real check.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("empty")]
    Empty,
    #[error("malformed")]
    Malformed,
}

impl EmailError {
    pub fn message_key(&self) -> &'static str {
        match self {
            EmailError::Empty => "err-email-empty",
            EmailError::Malformed => "err-email-format",
        }
    }
}

impl Email {
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        let Some((local, host)) = s.rsplit_once('@') else {
            return Err(EmailError::Malformed);
        };
        let host_ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains("..")
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains(char::is_whitespace)
            && !local.contains(crate::text::is_hidden)
            && !local.contains(['<', '>', '"', ',', ';', '@', '(', ')', '[', ']', '\\']);
        if !host_ok || !local_ok || s.len() > 254 {
            return Err(EmailError::Malformed);
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`, for the password rule that refuses personal information.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        assert_eq!(
            Email::parse("  Anna.Svensson@Example.SE ").map(|e| e.0),
            Ok("anna.svensson@example.se".to_string())
        );
        assert!(Email::parse("a+tag@sub.example.com").is_ok());
        assert!(Email::parse("åsa@företag.se").is_ok());
    }

    #[test]
    fn refuses_malformed() {
        for bad in [
            "plainaddress",
            "a@b",
            "@example.se",
            "a b@example.se",
            "a@example..se",
            "a@.example.se",
            "a@example.se.",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
    }

    #[test]
    fn refuses_control_and_invisible_characters() {
        for bad in [
            "a\0b@example.se",
            "a\u{200b}b@example.se",
            "a\u{202e}b@example.se",
            "a\u{7f}@example.se",
            "a@exa\u{200d}mple.se",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad:?}");
        }
    }
}
