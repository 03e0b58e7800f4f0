//! `certportal exam-centre create`: registers a «Provcenter» with the exam kinds it may
//! hold, through the same application function as «Administration».

use clap::Subcommand;

#[derive(Subcommand)]
pub enum ExamCentreCommand {
    /// Register an exam centre.
    Create {
        #[arg(long)]
        orgnr: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        postal_code: String,
        #[arg(long, default_value = "")]
        city: String,
        /// An exam kind's code (catalog/catalog.toml), once per kind; every kind when left out.
        #[arg(long)]
        kind: Vec<String>,
    },
}

pub fn run(state: web::AppState, command: ExamCentreCommand) -> anyhow::Result<()> {
    let ExamCentreCommand::Create {
        orgnr,
        name,
        address,
        postal_code,
        city,
        kind,
    } = command;
    let orgnr = domain::identifiers::Orgnr::parse(&orgnr)
        .map_err(|e| anyhow::anyhow!("organisationsnummer: {e}"))?;
    let name = name.trim().to_string();
    anyhow::ensure!(!name.is_empty(), "the exam centre needs a name");
    let id = state.db.run_blocking(move |c| {
        let all = store::models::exam::ExamKind::all(c)?;
        let mut kind_ids = Vec::new();
        for k in &all {
            if kind.is_empty() || kind.contains(&k.code) {
                kind_ids.push(k.id.clone());
            }
        }
        if let Some(unknown) = kind
            .iter()
            .find(|code| !all.iter().any(|k| &k.code == *code))
        {
            return Ok(Err(anyhow::anyhow!("no exam kind has the code {unknown}")));
        }
        let centre = app::exams::NewCentre {
            orgnr: orgnr.as_str().to_string(),
            name,
            address_line1: address,
            postal_code,
            city,
            kind_ids,
        };
        Ok(app::exams::create_centre(c, None, &centre).map_err(|e| anyhow::anyhow!("{e}")))
    })??;
    println!("exam centre created: {id}");
    Ok(())
}

/// Makes the account with `email` an examiner of the centre with `orgnr`.
pub fn grant(state: &web::AppState, email: &str, orgnr: &str) -> anyhow::Result<()> {
    let orgnr = domain::identifiers::Orgnr::parse(orgnr)
        .map_err(|e| anyhow::anyhow!("--exam-centre {orgnr}: {e}"))?
        .as_str()
        .to_string();
    let email = email.to_string();
    state.db.run_blocking(move |c| {
        let Some(centre) = store::models::exam::ExamCentre::find_by_orgnr(c, &orgnr)? else {
            return Ok(Err(anyhow::anyhow!(
                "no exam centre has the organisationsnummer {orgnr}"
            )));
        };
        Ok(app::exams::grant_examiner(c, None, &centre.id, &email)
            .map(drop)
            .map_err(|e| anyhow::anyhow!("{e}")))
    })?
}
