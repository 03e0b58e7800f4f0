//! Logging: human-readable by default, JSON lines with `CERTPORTAL_LOG_FORMAT=json`;
//! the level from `RUST_LOG` (default `info`). Colours only when standard error is a
//! terminal: in a file, a pipe or a service's journal escape codes are noise.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("CERTPORTAL_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
