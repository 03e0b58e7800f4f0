//! `certportal jobs run [--today YYYY-MM-DD]`: runs every date-driven job once as of that
//! day (today in Sweden by default) and prints what it did. The server runs the same jobs
//! at start and every ten minutes; running a day twice changes nothing.

use clap::Subcommand;

#[derive(Subcommand)]
pub enum JobsCommand {
    /// Run the daily jobs once: expiry, lapse to «Inaktivt», reminders.
    Run {
        /// The day to run them as of (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_day)]
        today: Option<time::Date>,
    },
}

fn parse_day(s: &str) -> Result<time::Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &format).map_err(|_| format!("`{s}` is not a date YYYY-MM-DD"))
}

pub fn run(state: web::AppState, command: JobsCommand) -> anyhow::Result<()> {
    match command {
        JobsCommand::Run { today } => {
            let today = today.unwrap_or_else(app::today);
            let base = state.config.base_url.clone();
            let report = state
                .db
                .run_blocking(move |c| Ok(app::jobs::run_all(c, today, &base)))?
                .map_err(|e| anyhow::anyhow!("jobs: {e}"))?;
            println!("jobs as of {today}: {report}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_parse_strictly() {
        assert_eq!(
            super::parse_day("2027-11-26"),
            Ok(time::macros::date!(2027 - 11 - 26))
        );
        assert!(super::parse_day("2027-13-01").is_err());
        assert!(super::parse_day("tomorrow").is_err());
    }
}
