//! Delivers queued e-mails: to `.eml` files in the mail folder by default, by SMTP when
//! configured. Failures are retried with back-off; a crash loses nothing because a mail
//! leaves the outbox only once it is sent.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::models::outbox::Mail;
use store::Db;
use tokio::sync::watch;

use crate::config::Config;

pub enum Transport {
    Files(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Transport {
    pub fn from_config(config: &Config) -> anyhow::Result<Transport> {
        match &config.smtp_url {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build(),
            )),
            None => {
                std::fs::create_dir_all(config.mail_dir())?;
                Ok(Transport::Files(AsyncFileTransport::new(config.mail_dir())))
            }
        }
    }

    async fn send(&self, message: Message) -> anyhow::Result<()> {
        match self {
            Transport::Files(t) => {
                t.send(message).await?;
            }
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}

fn build(from: &Mailbox, mail: &Mail) -> anyhow::Result<Message> {
    Ok(Message::builder()
        .from(from.clone())
        .to(mail.recipient.parse()?)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())?)
}

/// Delivers the mails that are due now, within the rate of `per_minute`; returns how
/// many went out.
pub async fn deliver_due(
    db: &Db,
    transport: &Transport,
    from: &Mailbox,
    per_minute: i64,
) -> anyhow::Result<usize> {
    let batch = db
        .run(move |c| Mail::claim_due(c, 20, per_minute, store::now()))
        .await?;
    let mut sent = 0;
    for mail in batch {
        let result = match build(from, &mail) {
            Ok(message) => transport.send(message).await,
            Err(e) => Err(e),
        };
        let id = mail.id.clone();
        match result {
            Ok(()) => {
                db.run(move |c| Mail::mark_sent(c, &id)).await?;
                sent += 1;
            }
            Err(e) => {
                // The recipient's address is personal data: log the mail's id only.
                tracing::warn!(mail_id = %mail.id, error = %e, "e-mail delivery failed; will retry");
                let attempts = mail.attempts + 1;
                let msg = e.to_string();
                db.run(move |c| Mail::mark_failed(c, &id, attempts, &msg))
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Polls the outbox until `shutdown` flips.
pub async fn run(db: Db, config: std::sync::Arc<Config>, mut shutdown: watch::Receiver<bool>) {
    let transport = match Transport::from_config(&config) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "mail transport could not start; e-mails stay queued");
            return;
        }
    };
    let from: Mailbox = match config.mail_from.parse() {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, "CERTPORTAL_MAIL_FROM is not an address; e-mails stay queued");
            return;
        }
    };
    loop {
        let idle = match deliver_due(&db, &transport, &from, config.mail_per_minute).await {
            Ok(n) => n == 0,
            Err(e) => {
                tracing::error!(error = %e, "outbox poll failed");
                true
            }
        };
        if idle {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                _ = shutdown.changed() => return,
            }
        }
        if *shutdown.borrow() {
            return;
        }
    }
}
