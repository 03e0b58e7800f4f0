//! Where mail goes: `.eml` files in the mail folder by default, a mail server by SMTP
//! when `CERTPORTAL_SMTP_URL` is set. A failure says whether the server refused the mail
//! for good (SMTP 5xx) or for now (4xx, no connection, a timeout).

use std::time::Duration;

use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// How long one SMTP command may take: a server that goes away mid-conversation costs the
/// worker this much, not forever.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// The longest error text kept with a mail.
const ERROR_CHARS: usize = 500;

pub enum Transport {
    Files(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// A delivery that did not happen.
#[derive(Debug)]
pub struct SendError {
    /// The server refused it for good (or the mail cannot be written at all).
    pub permanent: bool,
    /// The SMTP reply code, when the server replied.
    pub code: Option<String>,
    /// What went wrong, as kept with the mail (the server's reply may name the recipient:
    /// it is stored, never logged).
    pub message: String,
}

impl SendError {
    pub fn permanent(message: impl std::fmt::Display) -> SendError {
        SendError {
            permanent: true,
            code: None,
            message: clip(message.to_string()),
        }
    }

    fn transient(message: impl std::fmt::Display) -> SendError {
        SendError {
            permanent: false,
            code: None,
            message: clip(message.to_string()),
        }
    }

    fn smtp(e: lettre::transport::smtp::Error) -> SendError {
        SendError {
            permanent: e.is_permanent(),
            code: e.status().map(|c| c.to_string()),
            message: clip(e.to_string()),
        }
    }

    /// What may be logged: the reply code, or for a failure without a reply (connection,
    /// timeout, a file) its text, which names no recipient.
    pub fn loggable(&self) -> &str {
        self.code.as_deref().unwrap_or(&self.message)
    }
}

fn clip(s: String) -> String {
    if s.chars().count() <= ERROR_CHARS {
        s
    } else {
        s.chars().take(ERROR_CHARS).collect()
    }
}

impl Transport {
    pub fn from_config(config: &Config) -> anyhow::Result<Transport> {
        match &config.smtp_url {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            )),
            None => {
                std::fs::create_dir_all(config.mail_dir())?;
                Ok(Transport::Files(AsyncFileTransport::new(config.mail_dir())))
            }
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Transport::Files(t) => t
                .send(message)
                .await
                .map(drop)
                .map_err(SendError::transient),
            Transport::Smtp(t) => t.send(message).await.map(drop).map_err(SendError::smtp),
        }
    }
}
