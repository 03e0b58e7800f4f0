//! The certportal binary: `serve` (the default), `migrate`, `user create`,
//! `company create`, `demo`, `seed`, `jobs run`, `keys rotate|list`, `mail last|list`,
//! `check [--repair]`, `backup` and `restore`. Configuration comes from the
//! environment (README.md).

mod admin_cli;
mod telemetry;

use certportal::{backup_cli, check_cli, exam_cli, jobs_cli, keys_cli, mail_cli};
use clap::{Parser, Subcommand};

/// mimalloc instead of glibc's malloc: a page allocates many small strings and rows and
/// frees them on another worker thread as often as not, and glibc's arenas spent a seventh
/// of a person page's CPU in malloc and free (`malloc_consolidate` among the top). Measured
/// on the full data set, the same binary with each allocator serving at once: 12–18 % less
/// CPU per view on the person pages (`/certificates` 92 → 78 µs), 7 % on `/healthz`. It is
/// built to commit its arenas' memory as it hands it out (`.cargo/config.toml`): with the
/// eager default a burst's freed memory stayed resident, and the peak RSS went past the
/// 150 MB target (bench/README.md, the fifth and tenth rounds).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "certportal",
    version,
    about = "The certification body's web portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Staff accounts.
    User {
        #[command(subcommand)]
        command: admin_cli::UserCommand,
    },
    /// Companies.
    Company {
        #[command(subcommand)]
        command: admin_cli::CompanyCommand,
    },
    /// Load demo data and print the logins.
    Demo,
    /// Load bulk data for the load benchmark (bench/run).
    Seed {
        #[arg(long, default_value_t = 500)]
        persons: usize,
        /// Companies (default: one for every ten persons).
        #[arg(long)]
        companies: Option<usize>,
    },
    /// Exam centres («Provcenter»).
    ExamCentre {
        #[command(subcommand)]
        command: exam_cli::ExamCentreCommand,
    },
    /// The date-driven jobs (expiry, lapse, reminders).
    Jobs {
        #[command(subcommand)]
        command: jobs_cli::JobsCommand,
    },
    /// The signing keys of the certificates' verifiable credentials.
    Keys {
        #[command(subcommand)]
        command: keys_cli::KeysCommand,
    },
    /// Read the e-mails written to the mail folder (when no SMTP server is set).
    Mail {
        #[command(subcommand)]
        command: mail_cli::MailCommand,
    },
    /// Compare the uploaded files' rows with the file store: report stored files without a
    /// row and rows whose file is missing; exit status 1 when there are any.
    Check {
        /// Delete the stored files without a row (older than the grace period).
        #[arg(long)]
        repair: bool,
        /// Leave stored files younger than this alone: an upload in flight is stored a
        /// moment before its row is written.
        #[arg(long, default_value_t = 600)]
        grace_seconds: u64,
    },
    /// Write a consistent copy of the database and the uploaded files, with a manifest.
    Backup(backup_cli::BackupArgs),
    /// Restore a backup into an empty database and file storage.
    Restore(backup_cli::RestoreArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();
    let config = web::Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => {
            let state = web::prepare(config)?;
            drop(state);
            println!("database is up to date");
            Ok(())
        }
        Command::User { command } => admin_cli::user(web::prepare(config)?, command),
        Command::Company { command } => admin_cli::company(web::prepare(config)?, command),
        Command::Demo => admin_cli::demo(web::prepare(config)?),
        Command::Seed { persons, companies } => admin_cli::seed(
            web::prepare(config)?,
            app::seed::Size {
                persons,
                companies: companies.unwrap_or(persons / 10),
            },
        ),
        Command::ExamCentre { command } => exam_cli::run(web::prepare(config)?, command),
        Command::Jobs { command } => jobs_cli::run(web::prepare(config)?, command),
        // Only the folder: no database needed, so it works while the portal runs.
        Command::Keys { command } => keys_cli::run(&config, command),
        Command::Mail { command } => mail_cli::run(&config, command),
        Command::Check {
            repair,
            grace_seconds,
        } => {
            let options = check_cli::Options {
                repair,
                grace: std::time::Duration::from_secs(grace_seconds),
            };
            if !check_cli::run(web::prepare(config)?, options)? {
                std::process::exit(1);
            }
            Ok(())
        }
        // No `web::prepare`: a backup writes nothing to the portal it copies, and a restore
        // needs its target database empty, not migrated.
        Command::Backup(args) => backup_cli::backup(&config, args),
        Command::Restore(args) => backup_cli::restore(&config, args),
    }
}

fn serve(config: web::Config) -> anyhow::Result<()> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime.enable_all();
    // `TOKIO_WORKER_THREADS`, when set, decides.
    if std::env::var_os("TOKIO_WORKER_THREADS").is_none() {
        runtime.worker_threads(worker_threads(store::Backend::from_url(
            &config.database_url,
        )));
    }
    let runtime = runtime.build()?;
    runtime.block_on(async move {
        let bind = config.bind;
        let state = web::prepare(config)?;
        let listener = tokio::net::TcpListener::bind(bind).await?;
        tracing::info!(address = %listener.local_addr()?, base_url = %state.config.base_url, "certportal listening");
        println!("certportal listening on http://{}", listener.local_addr()?);
        web::serve(state, listener, shutdown_signal()).await
    })
}

/// The runtime's workers: one per core, and on PostgreSQL one more. A short read there
/// runs on its request's worker and waits for the database's answer (`Db::run_short`):
/// with one worker per core, both cores idled whenever both workers waited at once. At
/// full size on 2 cores, a case page went from 3 300 to 3 850 views a second with that
/// wait on the worker, and to 4 250 with a third worker (a fourth: 3 200–4 150, each view
/// costing more CPU in the workers' search for work). SQLite's reads wait for nothing.
fn worker_threads(backend: store::Backend) -> usize {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    match backend {
        store::Backend::Postgres => cores + 1,
        store::Backend::Sqlite => cores,
    }
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
