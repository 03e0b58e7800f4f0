//! Letters about a certificate to its holder and, where the holder is employed, to the
//! administrators of the confirmed current employer.

use store::models::case::CaseRow;
use store::models::company::Company;
use store::models::employment::Employment;
use store::DbConn;

use crate::error::Result;

/// The employer's version of a mail kind: `<kind>-employer`.
pub const EMPLOYER_SUFFIX: &str = "-employer";

/// Writes `kind` to the holder (linking to the case) and `<kind>-employer` to each
/// administrator of the holder's confirmed current employer (linking to the company
/// page), each in their own language, with `extra` besides what every certificate mail
/// says.
pub fn to_holder_and_employer(
    c: &mut DbConn,
    row: &CaseRow,
    kind: &str,
    base_url: &str,
    extra: &[(&'static str, String)],
) -> Result<()> {
    crate::mail::to_case_person(c, row, kind, base_url, |_| extra.to_vec())?;
    let Some(employer) = Employment::current_confirmed(c, &row.case.person_id)? else {
        return Ok(());
    };
    let company = employer.company;
    for admin in Company::admins(c, &company.id)? {
        if admin.person_id == row.case.person_id {
            continue;
        }
        let lang = admin.language.as_str();
        let mut args = vec![
            ("name", admin.first_name.clone()),
            ("holder", row.person_name.clone()),
            ("company", company.name.clone()),
            (
                "certificate",
                crate::mail::certificate_title(&row.area, &row.cert_type, lang),
            ),
            ("link", format!("{base_url}/companies/{}", company.id)),
        ];
        args.extend(extra.iter().cloned());
        crate::mail::enqueue(
            c,
            &admin.email,
            lang,
            &format!("{kind}{EMPLOYER_SUFFIX}"),
            &args,
        )?;
    }
    Ok(())
}
