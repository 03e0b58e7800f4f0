//! The operator's subcommands: staff accounts, companies and demo data.

use std::io::BufRead;

use clap::{Subcommand, ValueEnum};
use web::AppState;

#[derive(Clone, Copy, ValueEnum)]
pub enum Role {
    Handlaggare,
    Beslutsfattare,
    Administrator,
    /// «Provförrättare» of the centres named by `--exam-centre`.
    Provforrattare,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a staff account that can log in at once (its e-mail counts as verified).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        #[arg(long, value_enum)]
        role: Vec<Role>,
        #[arg(long)]
        personnummer: Option<String>,
        /// With `--role provforrattare`: the exam centre's organisationsnummer (repeatable).
        #[arg(long)]
        exam_centre: Vec<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
pub enum CompanyCommand {
    /// Register a company, optionally with an existing person as its administrator.
    Create {
        #[arg(long)]
        orgnr: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin_email: Option<String>,
    },
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

pub fn user(state: AppState, command: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Create {
        email,
        first_name,
        last_name,
        role,
        personnummer,
        exam_centre,
        password_stdin,
    } = command;
    let examiner = role.iter().any(|r| matches!(r, Role::Provforrattare));
    anyhow::ensure!(
        examiner != exam_centre.is_empty(),
        "--role provforrattare goes with --exam-centre ORGNR (and --exam-centre with that role)"
    );
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        web::auth::tokens::random_token()[..20].to_string()
    };
    let roles = web::admin::StaffRoles {
        handlaggare: role.iter().any(|r| matches!(r, Role::Handlaggare)),
        beslutsfattare: role.iter().any(|r| matches!(r, Role::Beslutsfattare)),
        administrator: role.iter().any(|r| matches!(r, Role::Administrator)),
    };
    let rt = runtime()?;
    let id = rt.block_on(web::admin::create_user(
        &state,
        web::admin::NewUser {
            email: email.clone(),
            first_name,
            last_name,
            personnummer,
            password: password.clone(),
            roles,
        },
    ))?;
    println!("created {email} (id {id})");
    for orgnr in &exam_centre {
        certportal::exam_cli::grant(&state, &email, orgnr)?;
        println!("examiner at the exam centre {orgnr}");
    }
    if !password_stdin {
        println!("password: {password}");
    }
    Ok(())
}

pub fn company(state: AppState, command: CompanyCommand) -> anyhow::Result<()> {
    let CompanyCommand::Create {
        orgnr,
        name,
        admin_email,
    } = command;
    let rt = runtime()?;
    let id = rt.block_on(web::admin::create_company(
        &state,
        &orgnr,
        &name,
        admin_email.as_deref(),
    ))?;
    println!("created company {name} (id {id})");
    Ok(())
}

pub fn demo(state: AppState) -> anyhow::Result<()> {
    let rt = runtime()?;
    let logins = rt.block_on(web::admin::load_demo(&state))?;
    println!("Demo data loaded. Logins (all with the same password):");
    for (who, email, password) in logins {
        println!("  {who:<28} {email:<36} {password}");
    }
    Ok(())
}

pub fn seed(state: AppState, size: app::seed::Size) -> anyhow::Result<()> {
    let rt = runtime()?;
    let hash = rt
        .block_on(web::auth::password::hash(
            web::admin::DEMO_PASSWORD.to_string(),
        ))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    // On a connection of its own, with the pool's closed: on SQLite the load then has the
    // file to itself and leaves WAL mode while it writes (`bulk::prepare_for_load`).
    let url = state.config.database_url.clone();
    drop(state);
    let mut conn = store::conn::ConnectionManager::new(url).connect()?;
    let started = std::time::Instant::now();
    let s = app::seed::seed(&mut conn, size, &hash, app::today())
        .map_err(|e| anyhow::anyhow!("seeding: {e}"))?;
    if s.already_there {
        println!("the seed data is there already (seed0@bench.example exists): nothing written");
        return Ok(());
    }
    println!(
        "seeded {} persons, {} companies, {} employments, {} cases, {} moments ({} awaiting review), \
         {} cases ready for decision, {} files, {} events; {} rows in {:.1} s (password {})",
        s.persons,
        s.companies,
        s.employments,
        s.cases,
        s.moments,
        s.awaiting_review,
        s.ready_for_decision,
        s.files,
        s.events,
        s.rows,
        started.elapsed().as_secs_f64(),
        web::admin::DEMO_PASSWORD
    );
    Ok(())
}
