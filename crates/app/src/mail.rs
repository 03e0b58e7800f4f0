//! E-mails: written in the recipient's language from the `mail-<kind>-subject` and
//! `mail-<kind>-body` texts, and queued in the outbox inside the caller's transaction, so
//! no mail goes out for a change that rolled back.
//!
//! The values put into a mail never bring line breaks of their own (but for a staff
//! comment's lines): a name with CR LF once wrote «Bcc: …» lines into the body of the
//! mail to a company's administrators. The forms refuse such names
//! (`domain::text::check_single_line`); this is the second line of defence, for values
//! written before that check or around the forms.

use store::models::case::CaseRow;
use store::models::catalog::{Area, CertificateType};
use store::models::outbox::Mail;
use store::models::person::Person;
use store::{DbConn, StoreResult};
use texts::Lang;

use crate::error::{Error, Result};

/// Queues the mail `kind` to `to`, in the language whose code is `lang` (Swedish when the
/// code is unknown).
pub fn enqueue(
    conn: &mut DbConn,
    to: &str,
    lang: &str,
    kind: &str,
    args: &[(&'static str, String)],
) -> StoreResult<()> {
    let lang = Lang::from_code(lang).unwrap_or_default();
    let args = mail_args(args);
    let subject = texts::t_args(lang, &format!("mail-{kind}-subject"), &args);
    let body = texts::t_args(lang, &format!("mail-{kind}-body"), &args);
    // A subject is one header line, whatever its values held.
    Mail::enqueue(conn, to, &domain::text::one_line(&subject), &body)
}

/// The arguments that are a staff member's comment or reason and keep their lines.
const MULTI_LINE_ARGS: &[&str] = &["comment", "reason"];

/// The values as a mail may take them: each one line, its line breaks and hidden
/// characters made spaces; a comment keeps its lines (as `\n`), nothing else hidden.
fn mail_args(args: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    args.iter()
        .map(|(k, v)| {
            let v = if MULTI_LINE_ARGS.contains(k) {
                v.replace("\r\n", "\n")
                    .split(['\n', '\r'])
                    .map(domain::text::one_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                domain::text::one_line(v)
            };
            (*k, v)
        })
        .collect()
}

/// «<Teknikområde> - <Certifikat>», as e-mails (and the pages) name a case's certificate.
pub fn certificate_title(area: &Area, cert_type: &CertificateType, lang: &str) -> String {
    format!("{} - {}", area.name(lang), cert_type.name(lang))
}

/// Writes the mail `kind` to the case's person, in their language, with what every mail
/// about a case says (name, certificate, case number, link to the case) plus `extra`,
/// which may depend on the language (it gets the language's code).
pub fn to_case_person(
    c: &mut DbConn,
    row: &CaseRow,
    kind: &str,
    base_url: &str,
    extra: impl FnOnce(&str) -> Vec<(&'static str, String)>,
) -> Result<()> {
    let person = Person::find(c, &row.case.person_id)?.ok_or(Error::NotFound)?;
    let lang = person.language.as_str();
    let mut args = vec![
        ("name", person.first_name.clone()),
        (
            "certificate",
            certificate_title(&row.area, &row.cert_type, lang),
        ),
        ("case", row.case.number.to_string()),
        ("link", format!("{base_url}/cases/{}", row.case.id)),
    ];
    args.extend(extra(lang));
    enqueue(c, &person.email, lang, kind, &args)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_never_bring_line_breaks_into_a_mail() {
        let person = "Eva\r\nBcc: x@evil.example\nSubject: hi".to_string();
        let args = [
            ("name", "Frida".to_string()),
            ("link", "http://portal.example/companies/1".to_string()),
            ("person", person),
            ("company", "Kyl\u{2028}AB\u{202e}".to_string()),
            ("comment", "Rad ett\r\nRad två\rRad tre\u{200b}".to_string()),
        ];
        let out = mail_args(&args);
        assert_eq!(out[2].1, "Eva  Bcc: x@evil.example Subject: hi");
        assert_eq!(out[3].1, "Kyl AB ");
        assert_eq!(out[4].1, "Rad ett\nRad två\nRad tre ");
        // The texts around them keep their own lines.
        let body = texts::t_args(Lang::Sv, "mail-employment-requested-body", &out);
        assert!(body.contains("Eva  Bcc: x@evil.example"), "{body:?}");
        assert!(body.lines().count() > 3, "{body:?}");
        assert!(
            !body
                .lines()
                .any(|l| l.starts_with("Bcc:") || l.starts_with("Subject:")),
            "{body}"
        );
        let subject = texts::t_args(Lang::Sv, "mail-employment-requested-subject", &out);
        assert!(!subject.contains(['\r', '\n']), "{subject}");
    }
}
