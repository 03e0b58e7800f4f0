//! `certportal keys rotate`: a new signing key for the certificates' credentials. The new
//! key signs from the next start on; the older ones stay in `/.well-known/did.json`, so the
//! credentials they signed still verify. (With `CERTPORTAL_SIGNING_KEY` set, that key is
//! the current one whatever is in the folder.)

use clap::Subcommand;

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Create a new signing key in `<data dir>/keys`; the old ones stay published.
    Rotate,
    /// List the published keys (name and public key), the current one first.
    List,
}

pub fn run(config: &web::Config, command: KeysCommand) -> anyhow::Result<()> {
    let dir = config.keys_dir();
    let keyring = match command {
        KeysCommand::Rotate => credentials::Keyring::rotate(&dir),
        KeysCommand::List => credentials::Keyring::load_or_create(&dir),
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    for (i, (name, public)) in keyring.public_keys().into_iter().enumerate() {
        let current = if i == 0 { "  (current)" } else { "" };
        println!("{name}  {public}{current}");
    }
    Ok(())
}
