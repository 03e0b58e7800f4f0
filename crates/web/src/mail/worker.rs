//! Delivers queued e-mails (see `transport` for where to). A failure is retried with a
//! doubling back-off (`retry`); a mail refused for good, or out of attempts, is marked
//! failed for «Utgående e-post». A crash loses nothing: a mail leaves the queue only once
//! it is sent, and one sent again after a crash carries the same Message-ID.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::Message;
use store::models::outbox::Mail;
use store::Db;
use tokio::sync::watch;

pub use super::retry::Retry;
use super::transport::SendError;
pub use super::transport::Transport;
use crate::config::Config;

/// How many mails one claim takes.
const BATCH: i64 = 20;

/// What every delivery needs besides the mail itself.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub from: Mailbox,
    /// The right-hand side of every Message-ID: the host of `CERTPORTAL_BASE_URL`.
    pub domain: String,
    pub per_minute: i64,
    pub retry: Retry,
}

impl Delivery {
    pub fn from_config(config: &Config) -> anyhow::Result<Delivery> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("CERTPORTAL_MAIL_FROM is not an address: {e}"))?;
        Ok(Delivery {
            from,
            domain: message_domain(&config.base_url),
            per_minute: config.mail_per_minute,
            retry: Retry::from_config(config),
        })
    }

    /// `<{outbox id}@{domain}>`: the same for every attempt at one mail, so a receiver
    /// (or a test) recognises a mail sent twice.
    pub fn message_id(&self, mail_id: &str) -> String {
        format!("<{mail_id}@{}>", self.domain)
    }

    fn build(&self, mail: &Mail) -> Result<Message, SendError> {
        let to: Mailbox = mail.recipient.parse().map_err(SendError::permanent)?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(self.message_id(&mail.id)))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(SendError::permanent)
    }
}

/// The host of a URL such as `https://portal.example.se:8443/x`: `portal.example.se`
/// (an IPv6 address keeps its brackets, as a Message-ID's domain literal).
pub fn message_domain(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port
            .find(']')
            .map_or(host_port, |end| &host_port[..=end])
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() {
        "certportal.invalid".into()
    } else {
        host.to_ascii_lowercase()
    }
}

/// Delivers the mails that are due now, within the rate of `delivery.per_minute`; returns
/// how many went out.
pub async fn deliver_due(
    db: &Db,
    transport: &Transport,
    delivery: &Delivery,
) -> anyhow::Result<usize> {
    let per_minute = delivery.per_minute;
    let batch = db
        .run(move |c| Mail::claim_due(c, BATCH, per_minute, store::now()))
        .await?;
    let mut sent = 0;
    for mail in batch {
        let result = match delivery.build(&mail) {
            Ok(message) => transport.send(message).await,
            Err(e) => Err(e),
        };
        let id = mail.id.clone();
        match result {
            Ok(()) => {
                db.run(move |c| Mail::mark_sent(c, &id)).await?;
                sent += 1;
            }
            Err(e) => failed(db, delivery, &mail, e).await?,
        }
    }
    Ok(sent)
}

/// Records a failed attempt: a retry after the back-off, or the end.
async fn failed(db: &Db, delivery: &Delivery, mail: &Mail, e: SendError) -> anyhow::Result<()> {
    // `attempts` counts this one (the claim counted it).
    let attempts = mail.attempts;
    let id = mail.id.clone();
    let message = e.message.clone();
    // The recipient's address is personal data, and a server's reply may quote it: the
    // log has the mail's id and the reply's code only.
    if delivery.retry.give_up(attempts, e.permanent) {
        tracing::error!(
            mail_id = %mail.id, attempts, permanent = e.permanent, error = %e.loggable(),
            "e-mail delivery failed for good; listed in «Utgående e-post»"
        );
        db.run(move |c| Mail::mark_failed(c, &id, &message)).await?;
    } else {
        let wait = delivery.retry.wait(attempts);
        tracing::warn!(
            mail_id = %mail.id, attempts, permanent = e.permanent, error = %e.loggable(),
            retry_in_s = wait.whole_seconds(), "e-mail delivery failed; will retry"
        );
        db.run(move |c| Mail::retry_later(c, &id, wait, &message))
            .await?;
    }
    Ok(())
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
    let delivery = match Delivery::from_config(&config) {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "e-mails stay queued");
            return;
        }
    };
    loop {
        let idle = match deliver_due(&db, &transport, &delivery).await {
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

#[cfg(test)]
mod tests {
    use super::message_domain;

    #[test]
    fn the_message_id_domain_is_the_base_urls_host() {
        assert_eq!(
            message_domain("https://Portal.example.se"),
            "portal.example.se"
        );
        assert_eq!(message_domain("http://127.0.0.1:8080/"), "127.0.0.1");
        assert_eq!(message_domain("https://u@cert.se:8443/x?y"), "cert.se");
        assert_eq!(message_domain("http://[::1]:8080"), "[::1]");
        assert_eq!(message_domain(""), "certportal.invalid");
    }
}
