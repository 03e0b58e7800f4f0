//! E-mails: written in the recipient's language from the `mail-<kind>-subject` and
//! `mail-<kind>-body` texts, and queued in the outbox inside the caller's transaction, so
//! no mail goes out for a change that rolled back.

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
    let subject = texts::t_args(lang, &format!("mail-{kind}-subject"), args);
    let body = texts::t_args(lang, &format!("mail-{kind}-body"), args);
    Mail::enqueue(conn, to, &subject, &body)
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
