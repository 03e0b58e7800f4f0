//! `certportal backup --to DIR [--allow-missing]` and `certportal restore --from DIR`; the
//! work is in `backup`, which the integration tests call too.

use std::path::PathBuf;

use clap::Args;

use crate::backup::{self, Missing, Portal};

#[derive(Args)]
pub struct BackupArgs {
    /// A new or empty folder to write the backup into.
    #[arg(long)]
    pub to: PathBuf,
    /// Write the backup even when files the database names are missing or do not match
    /// their checksums (they are listed, and named in the manifest's `files.skipped`).
    #[arg(long)]
    pub allow_missing: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A folder written by `certportal backup`.
    #[arg(long)]
    pub from: PathBuf,
}

pub fn backup(config: &web::Config, args: BackupArgs) -> anyhow::Result<()> {
    let missing = if args.allow_missing {
        Missing::Allow
    } else {
        Missing::Fail
    };
    let portal = Portal::from_config(config)?;
    let manifest =
        tokio::runtime::Runtime::new()?.block_on(backup::backup(&portal, &args.to, missing))?;
    let rows: u64 = manifest.tables.values().map(|t| t.rows).sum();
    println!(
        "backed up {} tables ({rows} rows) and {} files ({} bytes) into {}",
        manifest.tables.len(),
        manifest.files.count,
        manifest.files.bytes,
        args.to.display()
    );
    if !manifest.files.skipped.is_empty() {
        println!(
            "left out {} files (--allow-missing): see files.skipped in the manifest",
            manifest.files.skipped.len()
        );
    }
    Ok(())
}

pub fn restore(config: &web::Config, args: RestoreArgs) -> anyhow::Result<()> {
    let portal = Portal::from_config(config)?;
    let manifest =
        tokio::runtime::Runtime::new()?.block_on(backup::restore(&portal, &args.from))?;
    println!(
        "restored {} tables and {} files from the backup of {}; every table matches the manifest",
        manifest.tables.len(),
        manifest.files.count,
        manifest.created_at
    );
    Ok(())
}
