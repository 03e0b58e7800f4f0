//! The issuer's Ed25519 keys: files of 32 secret bytes in a directory, the newest signing.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::Error;

const KEY_SUFFIX: &str = ".ed25519";

/// One key: its name (the verification method's fragment) and its secret.
#[derive(Clone)]
pub(crate) struct Key {
    pub name: String,
    pub signing: SigningKey,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// The current signing key and older keys, still published so that credentials they signed
/// keep verifying. Key files are named `key-<unix seconds>.ed25519` and hold the 32 secret
/// bytes (or the same as text: 64 hex digits or multibase base58btc); the newest file signs.
#[derive(Clone, Debug)]
pub struct Keyring {
    /// Current key first, then older keys, newest first.
    keys: Vec<Key>,
}

/// The multibase (base58btc, 'z') Multikey encoding of an Ed25519 public key: "z6Mk…".
pub(crate) fn public_key_multibase(key: &VerifyingKey) -> String {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

fn parse_secret(text: &str) -> Result<[u8; 32], Error> {
    let text = text.trim();
    let bytes = if let Some(b58) = text.strip_prefix('z') {
        bs58::decode(b58)
            .into_vec()
            .map_err(|_| Error::Key("the secret is not base58btc".into()))?
    } else if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        (0..32)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| Error::Key("the secret is not hex".into()))?
    } else {
        return Err(Error::Key(
            "a secret is 64 hex digits or multibase base58btc ('z…') of 32 bytes".into(),
        ));
    };
    // A multibase secret may carry the Multikey header for Ed25519 secrets (0x80 0x26).
    let bytes = match bytes.as_slice() {
        [0x80, 0x26, rest @ ..] if rest.len() == 32 => rest.to_vec(),
        _ => bytes,
    };
    bytes
        .try_into()
        .map_err(|_| Error::Key("an Ed25519 secret is 32 bytes".into()))
}

fn read_key_file(path: &Path) -> Result<[u8; 32], Error> {
    let bytes = fs::read(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
    if let Ok(raw) = <[u8; 32]>::try_from(bytes.as_slice()) {
        return Ok(raw);
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Key(format!("{}: not an Ed25519 key", path.display())))?;
    parse_secret(&text).map_err(|e| Error::Key(format!("{}: {e}", path.display())))
}

/// Sort key of a key name: the unix seconds in "key-<seconds>", then the name.
fn age_of(name: &str) -> (u64, String) {
    let seconds = name
        .strip_prefix("key-")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (seconds, name.to_owned())
}

fn ensure_dir(dir: &Path) -> Result<(), Error> {
    if !dir.exists() {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
    }
    Ok(())
}

fn load_dir(dir: &Path) -> Result<Vec<Key>, Error> {
    let mut keys = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(keys),
        Err(e) => return Err(Error::Io(format!("{}: {e}", dir.display()))),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
        let file_name = entry.file_name();
        let Some(name) = file_name.to_str().and_then(|n| n.strip_suffix(KEY_SUFFIX)) else {
            continue;
        };
        let secret = read_key_file(&entry.path())?;
        keys.push(Key {
            name: name.to_owned(),
            signing: SigningKey::from_bytes(&secret),
        });
    }
    keys.sort_by_key(|k| std::cmp::Reverse(age_of(&k.name)));
    Ok(keys)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Writes a new random key, named after now (or one second after the newest existing key).
fn create_key(dir: &Path, existing: &[Key]) -> Result<(), Error> {
    let mut secret = [0u8; 32];
    getrandom::getrandom(&mut secret).map_err(|e| Error::Key(format!("no randomness: {e}")))?;
    let newest = existing
        .iter()
        .map(|k| age_of(&k.name).0)
        .max()
        .unwrap_or(0);
    let mut seconds = unix_now().max(newest + 1);
    loop {
        let path = dir.join(format!("key-{seconds}{KEY_SUFFIX}"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(&secret)
                    .and_then(|()| file.sync_all())
                    .map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
                // The mode given at creation is masked by the umask; make it exactly 0600.
                fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
                    .map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => seconds += 1,
            Err(e) => return Err(Error::Io(format!("{}: {e}", path.display()))),
        }
    }
}

impl Keyring {
    /// Loads every key file in `dir` (created 0700 if missing); when none exists, creates one
    /// (32 random bytes, file mode 0600, named "key-<unix seconds>.ed25519").
    /// The newest is the current key.
    pub fn load_or_create(dir: &Path) -> Result<Keyring, Error> {
        ensure_dir(dir)?;
        let keys = load_dir(dir)?;
        if !keys.is_empty() {
            return Ok(Keyring { keys });
        }
        create_key(dir, &keys)?;
        Ok(Keyring {
            keys: load_dir(dir)?,
        })
    }

    /// The current key given as text (multibase 'z' base58btc of the 32-byte secret, or 64 hex
    /// chars), the keys in `dir` (if any) kept as older keys. The current key's name is that of
    /// its file when `dir` holds it, else "key-" and the first 16 hex digits of the SHA-256 of
    /// its public key.
    pub fn from_secret(secret: &str, dir: Option<&Path>) -> Result<Keyring, Error> {
        let signing = SigningKey::from_bytes(&parse_secret(secret)?);
        let mut older = match dir {
            Some(d) => load_dir(d)?,
            None => Vec::new(),
        };
        let public = signing.verifying_key();
        let name = match older
            .iter()
            .position(|k| k.signing.verifying_key() == public)
        {
            Some(i) => older.remove(i).name,
            None => {
                let digest = Sha256::digest(public.as_bytes());
                let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
                format!("key-{hex}")
            }
        };
        let mut keys = vec![Key { name, signing }];
        keys.extend(older);
        Ok(Keyring { keys })
    }

    /// Writes a new key into `dir`; it becomes current, the others stay published.
    pub fn rotate(dir: &Path) -> Result<Keyring, Error> {
        ensure_dir(dir)?;
        let existing = load_dir(dir)?;
        create_key(dir, &existing)?;
        Ok(Keyring {
            keys: load_dir(dir)?,
        })
    }

    /// The name of the current key (the fragment of its verification method id).
    pub fn current_key_name(&self) -> &str {
        &self.keys[0].name
    }

    /// Names and public keys ("z6Mk…") of every key, current first.
    pub fn public_keys(&self) -> Vec<(String, String)> {
        self.keys
            .iter()
            .map(|k| {
                (
                    k.name.clone(),
                    public_key_multibase(&k.signing.verifying_key()),
                )
            })
            .collect()
    }

    pub(crate) fn current(&self) -> &Key {
        &self.keys[0]
    }

    pub(crate) fn find(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }
}
