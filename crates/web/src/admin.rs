//! Operator actions shared by the CLI (`certportal user create`, `company create`, `demo`)
//! and, later, the «Administration» pages.

use anyhow::{anyhow, Context};
use store::models::company::Company;
use store::models::person::Person;

use crate::auth::password;
use crate::state::AppState;

/// The staff roles an operator gives an account.
pub use app::accounts::StaffRoles;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub personnummer: Option<String>,
    pub password: String,
    pub roles: StaffRoles,
}

/// Creates a verified account with the given roles; returns its id. The input is checked
/// here (the command line's words), the account is made by `app::accounts`.
pub async fn create_user(state: &AppState, user: NewUser) -> anyhow::Result<String> {
    let email = domain::email::Email::parse(&user.email).map_err(|e| anyhow!("e-mail: {e}"))?;
    let personnummer = match &user.personnummer {
        Some(p) => Some(
            domain::identifiers::Personnummer::parse(p, app::today())
                .map_err(|e| anyhow!("personnummer: {e}"))?,
        ),
        None => None,
    };
    if user.first_name.trim().is_empty() || user.last_name.trim().is_empty() {
        return Err(anyhow!("first and last name are required"));
    }
    domain::password::check_password(
        &user.password,
        &[email.local_part(), &user.first_name, &user.last_name],
    )
    .map_err(|e| anyhow!("password: {e}"))?;
    let password_hash = password::hash(user.password.clone())
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let new = app::accounts::NewStaffUser {
        email,
        first_name: user.first_name.trim().to_string(),
        last_name: user.last_name.trim().to_string(),
        personnummer,
        password_hash,
        roles: user.roles,
    };
    match state
        .db
        .run(move |c| Ok(app::accounts::create_staff_user(c, new)))
        .await?
    {
        Ok(id) => Ok(id),
        Err(app::Error::Conflict(app::accounts::ACCOUNT_EXISTS)) => Err(anyhow!(
            "an account with that e-mail address or personnummer already exists"
        )),
        Err(e) => Err(anyhow!(e)),
    }
}

/// Registers a company; with `admin_email`, that existing account becomes its
/// administrator (both or neither). The input is checked here, the company is made by
/// `app::companies`.
pub async fn create_company(
    state: &AppState,
    orgnr: &str,
    name: &str,
    admin_email: Option<&str>,
) -> anyhow::Result<String> {
    let orgnr = domain::identifiers::Orgnr::parse(orgnr)
        .map_err(|e| anyhow!("organisationsnummer: {e}"))?;
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(anyhow!("the company needs a name"));
    }
    let admin_email = admin_email.map(str::to_string);
    let created = state
        .db
        .run(move |c| {
            let details = app::companies::Details::named(&name);
            Ok(match admin_email {
                Some(email) => app::companies::create_with_admin(c, None, &orgnr, &details, &email),
                None => app::companies::create(c, None, &orgnr, &details),
            })
        })
        .await?;
    match created {
        Ok(id) => Ok(id),
        Err(app::Error::Rule(domain::RuleError::CompanyExists)) => Err(anyhow!(
            "a company with that organisationsnummer already exists"
        )),
        Err(app::Error::NotFound) => {
            Err(anyhow!("no account has that administrator e-mail address"))
        }
        Err(e) => Err(anyhow!(e)),
    }
}

/// Who, first name, last name, e-mail, personnummer, roles.
type DemoPerson = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    StaffRoles,
);

pub const DEMO_PASSWORD: &str = "certportal-demo-2026";

/// Loads the demo people and company (once; a second run only prints the logins).
pub async fn load_demo(state: &AppState) -> anyhow::Result<Vec<(&'static str, String, String)>> {
    let people: [DemoPerson; 6] = [
        (
            "Test Person",
            "Test",
            "Person",
            "test.person@example.se",
            Some("19811218-9876"),
            StaffRoles::default(),
        ),
        (
            "Företagsadministratör",
            "Frida",
            "Företagsson",
            "frida.admin@example.se",
            Some("19790402-1230"),
            StaffRoles::default(),
        ),
        (
            "Handläggare",
            "Hanna",
            "Handläggare",
            "handlaggare@example.se",
            None,
            StaffRoles {
                handlaggare: true,
                ..Default::default()
            },
        ),
        (
            "Beslutsfattare",
            "Bertil",
            "Beslutsfattare",
            "beslutsfattare@example.se",
            None,
            StaffRoles {
                beslutsfattare: true,
                ..Default::default()
            },
        ),
        (
            "Provförrättare",
            "Erik",
            "Provförrättare",
            "provforrattare@example.se",
            None,
            StaffRoles::default(),
        ),
        (
            "Administratör",
            "Alva",
            "Administratör",
            "administrator@example.se",
            None,
            StaffRoles {
                administrator: true,
                ..Default::default()
            },
        ),
    ];
    let mut logins = Vec::new();
    for (who, first, last, email, pnr, roles) in people {
        let lookup = email.to_string();
        let exists = state
            .db
            .run(move |c| Person::find_by_email(c, &lookup))
            .await?
            .is_some();
        if !exists {
            create_user(
                state,
                NewUser {
                    email: email.into(),
                    first_name: first.into(),
                    last_name: last.into(),
                    personnummer: pnr.map(Into::into),
                    password: DEMO_PASSWORD.into(),
                    roles,
                },
            )
            .await
            .with_context(|| format!("creating {email}"))?;
        }
        logins.push((who, email.to_string(), DEMO_PASSWORD.to_string()));
    }
    let exists = state
        .db
        .run(|c| Company::find_by_orgnr(c, "5560125790"))
        .await?
        .is_some();
    if !exists {
        create_company(
            state,
            "556012-5790",
            "Test Företag AB",
            Some("frida.admin@example.se"),
        )
        .await?;
    }
    // «Kylskolan AB», an exam centre holding every exam kind, with Erik as its examiner.
    let exists = state
        .db
        .run(|c| store::models::exam::ExamCentre::find_by_orgnr(c, "5569876542"))
        .await?
        .is_some();
    if !exists {
        state
            .db
            .run(|c| {
                let kind_ids = store::models::exam::ExamKind::all(c)?
                    .into_iter()
                    .map(|k| k.id)
                    .collect();
                let centre = app::exams::NewCentre {
                    orgnr: "5569876542".into(),
                    name: "Kylskolan AB".into(),
                    address_line1: "Provvägen 3".into(),
                    postal_code: "41105".into(),
                    city: "Göteborg".into(),
                    kind_ids,
                };
                Ok(app::exams::create_centre(c, None, &centre).and_then(|id| {
                    app::exams::grant_examiner(c, None, &id, "provforrattare@example.se")
                }))
            })
            .await?
            .map_err(|e| anyhow!("demo exam centre: {e}"))?;
    }
    // «Cecilia Certifierad», employed at «Kylservice Demo AB», holds an issued kat A1
    // certificate: something to find in «Sök certifierade», to verify and to download.
    let lookup = "cecilia.certifierad@example.se";
    let holder = match state
        .db
        .run(move |c| Person::find_by_email(c, lookup))
        .await?
    {
        Some(_) => None,
        None => Some(
            create_user(
                state,
                NewUser {
                    email: lookup.into(),
                    first_name: "Cecilia".into(),
                    last_name: "Certifierad".into(),
                    personnummer: Some("19850612-1238".into()),
                    password: DEMO_PASSWORD.into(),
                    roles: StaffRoles::default(),
                },
            )
            .await
            .context("creating the demo certificate holder")?,
        ),
    };
    logins.push((
        "Certifierad (kat A1)",
        lookup.to_string(),
        DEMO_PASSWORD.to_string(),
    ));
    if let Some(holder) = holder {
        let company = create_company(state, "556703-7485", "Kylservice Demo AB", None).await?;
        let base_url = state.config.base_url.clone();
        state
            .db
            .run(move |c| Ok(demo_certificate(c, &holder, &company, &base_url)))
            .await?
            .map_err(|e| anyhow!("demo certificate: {e}"))?;
    }
    Ok(logins)
}

/// The demo holder's confirmed employment and an issued kat A1 certificate, its moments
/// approved and attested as a finished application leaves them; issued through
/// `app::decisions::issue` by «Bertil Beslutsfattare», so its number, status-list place,
/// event and letter are the real ones.
fn demo_certificate(
    c: &mut store::DbConn,
    holder: &str,
    company: &str,
    base_url: &str,
) -> anyhow::Result<()> {
    use domain::certification::{InvoiceRecipientKind, MomentStatus};
    use domain::employment::EmploymentStatus;
    use store::models::catalog::{CertificateType, CommitmentText, MomentTemplate};
    let today = app::today();
    let decider = Person::find_by_email(c, "beslutsfattare@example.se")?
        .ok_or_else(|| anyhow!("no decision maker"))?;
    let case_id = store::write_tx(c, |c| {
        let employment = store::models::employment::Employment::request(
            c,
            holder,
            company,
            today - time::Duration::days(400),
        )?;
        store::models::employment::Employment::decide(
            c,
            &employment,
            store::models::Change {
                from: EmploymentStatus::Pending,
                to: EmploymentStatus::Confirmed,
            },
            holder,
        )?;
        let t = CertificateType::find_by_code(c, "fgas-a1")?
            .ok_or(store::StoreError::Migration("no kat A1".into()))?;
        let templates = MomentTemplate::for_type(c, &t.id)?;
        let id = store::models::case::Case::create(c, holder, &t.id, &templates, |_| {
            MomentStatus::Approved
        })?;
        let text = CommitmentText::current(c, &t.commitment_code)?
            .ok_or(store::StoreError::Migration("no commitment".into()))?;
        store::models::attestation::Attestation::record(c, &id, holder, &text.id)?;
        let now = store::now();
        store::models::invoice::InvoiceRecipient::save(
            c,
            &store::models::invoice::InvoiceRecipient {
                case_id: id.clone(),
                kind: InvoiceRecipientKind::Personal,
                company_id: None,
                name: "Cecilia Certifierad".into(),
                address_line1: "Kylvägen 1".into(),
                address_line2: String::new(),
                postal_code: "41101".into(),
                city: "Göteborg".into(),
                country: "Sverige".into(),
                phone: String::new(),
                email: "cecilia.certifierad@example.se".into(),
                reference: String::new(),
                updated_at: now,
                updated_by: holder.to_string(),
            },
        )?;
        Ok::<_, store::StoreError>(id)
    })?;
    app::decisions::issue(
        c,
        &app::Actor::of(&decider),
        &case_id,
        &app::decisions::IssueInput {
            valid_until: domain::certification::life::add_years(today, 5),
            external: None,
        },
        today,
        base_url,
    )?;
    Ok(())
}
