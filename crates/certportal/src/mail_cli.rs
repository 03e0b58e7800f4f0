//! `certportal mail last` and `certportal mail list`: the local mail folder made readable.
//! Without SMTP the portal writes every e-mail as an `.eml` file with a random name into
//! `<data dir>/mail/`; a newcomer wants the newest one (or the newest to their address),
//! decoded, with its links ready to copy: the raw file's quoted-printable breaks them.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use clap::Subcommand;

use crate::eml::Mail;

/// How many mails `mail list` shows.
pub const LIST_LENGTH: usize = 20;

#[derive(Subcommand)]
pub enum MailCommand {
    /// Print the newest e-mail in the mail folder, decoded, with its links on lines of their own.
    Last {
        /// Only e-mails to this address.
        #[arg(long)]
        to: Option<String>,
    },
    /// List the newest 20 e-mails, one line each.
    List {
        /// Only e-mails to this address.
        #[arg(long)]
        to: Option<String>,
    },
}

/// One mail from the folder.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub modified: SystemTime,
    pub mail: Mail,
}

/// The newest `limit` mails in `dir` (only those to `to` when given), newest first. A
/// folder that does not exist yet holds no mail.
pub fn newest(dir: &Path, to: Option<&str>, limit: usize) -> std::io::Result<Vec<Found>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "eml") {
            files.push((entry.metadata()?.modified()?, path));
        }
    }
    // Newest first; the name only makes the order of equal times stable.
    files.sort_by(|a, b| b.cmp(a));
    let mut found = Vec::new();
    for (modified, path) in files {
        if found.len() >= limit {
            break;
        }
        let raw = match std::fs::read(&path) {
            Ok(raw) => raw,
            // Removed since the listing: it is no longer in the folder.
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let mail = Mail::parse(&raw);
        if to.is_none_or(|address| mail.is_to(address)) {
            found.push(Found {
                path,
                modified,
                mail,
            });
        }
    }
    Ok(found)
}

/// When the file was written, in the portal's time zone (`yyyy-mm-dd hh:mm`).
fn written_at(modified: SystemTime) -> String {
    let utc = time::OffsetDateTime::from(modified).to_offset(time::UtcOffset::UTC);
    domain::stockholm::format_datetime(time::PrimitiveDateTime::new(utc.date(), utc.time()))
}

/// The whole mail as `mail last` prints it: headers, the decoded text, then every link on
/// a line of its own.
pub fn render(found: &Found) -> String {
    let m = &found.mail;
    let mut out = format!(
        "From:    {}\nTo:      {}\nDate:    {}\nSubject: {}\nFile:    {}\n\n{}\n",
        m.from,
        m.to,
        m.date,
        m.subject,
        found.path.display(),
        m.body
    );
    let links = m.links();
    if !links.is_empty() {
        out.push_str("\nLinks:\n");
        for link in links {
            out.push_str(&link);
            out.push('\n');
        }
    }
    out
}

/// One line of `mail list`: when, to whom, what.
pub fn render_line(found: &Found) -> String {
    format!(
        "{}  {:<32}  {}",
        written_at(found.modified),
        found.mail.to,
        found.mail.subject
    )
}

pub fn run(config: &web::Config, command: MailCommand) -> anyhow::Result<()> {
    let dir = config.mail_dir();
    let (to, limit) = match &command {
        MailCommand::Last { to } => (to.as_deref(), 1),
        MailCommand::List { to } => (to.as_deref(), LIST_LENGTH),
    };
    let found = newest(&dir, to, limit)?;
    if found.is_empty() {
        let whose = to.map(|t| format!(" to {t}")).unwrap_or_default();
        let mut message = format!("no e-mail{whose} in {}", dir.display());
        if config.smtp_url.is_some() {
            message.push_str(" (CERTPORTAL_SMTP_URL is set: e-mails go out by SMTP instead)");
        }
        anyhow::bail!(message);
    }
    match command {
        MailCommand::Last { .. } => print!("{}", render(&found[0])),
        MailCommand::List { .. } => {
            for f in &found {
                println!("{}", render_line(f));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that unwraps fails loudly

    use std::time::Duration;

    use super::*;

    fn write(dir: &Path, name: &str, to: &str, subject: &str, age_s: u64) {
        let path = dir.join(name);
        let raw = format!(
            "To: {to}\r\nSubject: {subject}\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nL=C3=A4nk: http://x.example/v?t=3D1=\r\n23\r\n"
        );
        std::fs::write(&path, raw).unwrap();
        let at = SystemTime::now() - Duration::from_secs(age_s);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(at)
            .unwrap();
    }

    #[test]
    fn the_newest_mail_wins_and_to_filters() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.eml", "ada@example.se", "Old", 300);
        write(dir.path(), "a.eml", "eva@example.se", "New", 10);
        write(dir.path(), "c.eml", "ada@example.se", "Middle", 100);
        std::fs::write(dir.path().join("z.json"), "{}").unwrap();

        let last = newest(dir.path(), None, 1).unwrap();
        assert_eq!(last.len(), 1);
        assert_eq!(last[0].mail.subject, "New");
        let ada = newest(dir.path(), Some("ADA@example.se"), 1).unwrap();
        assert_eq!(ada[0].mail.subject, "Middle");
        let all: Vec<_> = newest(dir.path(), None, LIST_LENGTH)
            .unwrap()
            .into_iter()
            .map(|f| f.mail.subject)
            .collect();
        assert_eq!(all, ["New", "Middle", "Old"]);

        let printed = render(&ada[0]);
        assert!(printed.contains("Subject: Middle\n"), "{printed}");
        assert!(
            printed.contains("Länk: http://x.example/v?t=123\n"),
            "{printed}"
        );
        assert!(
            printed.ends_with("\nLinks:\nhttp://x.example/v?t=123\n"),
            "{printed}"
        );
        assert!(render_line(&ada[0]).contains("ada@example.se"));
    }

    #[test]
    fn a_missing_folder_holds_no_mail() {
        let dir = tempfile::tempdir().unwrap();
        assert!(newest(&dir.path().join("mail"), None, 1)
            .unwrap()
            .is_empty());
    }
}
