//! Argon2id hashing, run on the blocking pool so a login never stalls the async threads.
//!
//! Each hash takes 19 MiB. Hashed on the blocking pool, sixteen logins at once, those
//! blocks stayed with the allocator's arena of every pool thread that ever hashed, and the
//! process grew past 1.2 GB. So hashing runs on a few threads of its own, one per core
//! (all the cores can compute anyway): at most that many blocks are ever held, and the
//! other logins wait their turn.
//!
//! Each of those threads keeps its 19 MiB and hashes in it again. Allocated afresh for
//! every hash, the blocks still took the process from 140 MB to 240-400 MB under a stream
//! of logins (the allocator, having seen one such block freed, keeps later ones in its
//! heap, where they fragment it); kept, the memory is one block per core, once.

use std::cell::RefCell;

use argon2::password_hash::{
    rand_core::OsRng, Output, ParamsString, PasswordHash, Salt, SaltString,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::error::AppError;

/// One permit per hashing thread: how many Argon2 computations run at once.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(hashing_capacity()));

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads, fed through one queue.
static THREADS: std::sync::LazyLock<Option<std::sync::mpsc::Sender<Job>>> =
    std::sync::LazyLock::new(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        for i in 0..hashing_capacity() {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || loop {
                    // The lock is held only while waiting for the next job.
                    let job = match rx.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if spawned.is_err() {
                return None;
            }
        }
        Some(tx)
    });

/// How many hashes may run at once: one per core.
pub fn hashing_capacity() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Runs `f` on a hashing thread, in its turn.
async fn hashed<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let _turn = HASHING.acquire().await.map_err(AppError::internal)?;
    let threads = THREADS
        .as_ref()
        .ok_or_else(|| AppError::internal("no hashing thread could start"))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    threads
        .send(Box::new(move || {
            let _ = tx.send(f());
        }))
        .map_err(|_| AppError::internal("the hashing threads have stopped"))?;
    rx.await.map_err(AppError::internal)
}

thread_local! {
    /// This hashing thread's Argon2 memory, kept from one hash to the next.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// What `Argon2::hash_password` computes, in this thread's kept memory: the output of
/// `argon` for `password` and the (Base64) `salt`, `len` bytes long.
fn compute(
    argon: &Argon2<'_>,
    password: &[u8],
    salt: Salt<'_>,
    len: usize,
) -> argon2::password_hash::Result<Output> {
    let mut salt_buf = [0u8; Salt::MAX_LENGTH];
    let salt = salt.decode_b64(&mut salt_buf)?;
    MEMORY.with_borrow_mut(|blocks| {
        blocks.resize(argon.params().block_count(), Block::default());
        Output::init_with(len, |out| {
            Ok(argon.hash_password_into_with_memory(password, salt, out, blocks.as_mut_slice())?)
        })
    })
}

pub async fn hash(password: String) -> Result<String, AppError> {
    hashed(move || {
        let salt = SaltString::generate(&mut OsRng);
        let argon = Argon2::default();
        let encoded = |argon: &Argon2<'_>| -> argon2::password_hash::Result<String> {
            let output = compute(
                argon,
                password.as_bytes(),
                salt.as_salt(),
                Params::DEFAULT_OUTPUT_LEN,
            )?;
            Ok(PasswordHash {
                algorithm: Algorithm::default().ident(),
                version: Some(Version::default().into()),
                params: ParamsString::try_from(argon.params())?,
                salt: Some(salt.as_salt()),
                hash: Some(output),
            }
            .to_string())
        };
        encoded(&argon).map_err(|e| AppError::internal(format!("hashing: {e}")))
    })
    .await?
}

/// Checks a password against a stored hash. With no hash (unknown account) it verifies
/// against a fixed one, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    hashed(move || {
        let found = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let matches = || -> argon2::password_hash::Result<bool> {
            let parsed = PasswordHash::new(&stored)?;
            let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
                return Ok(false);
            };
            let version = parsed
                .version
                .map(Version::try_from)
                .transpose()?
                .unwrap_or_default();
            let argon = Argon2::new(
                Algorithm::try_from(parsed.algorithm)?,
                version,
                Params::try_from(&parsed)?,
            );
            let computed = compute(&argon, password.as_bytes(), salt, expected.len())?;
            // `Output`'s comparison takes the same time wherever the bytes differ.
            Ok(computed == expected)
        };
        matches().unwrap_or(false) && found
    })
    .await
}

/// The hash of a random password, with the default Argon2id parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5m3b5Rk8sVKGr8mPpbsQkRd4K5BjM8u6t2KI1vQ6Fvk";

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test that unwraps fails loudly, which is what it should do
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashes_wait_for_a_core_and_give_their_turn_back() {
        let n = hashing_capacity();
        let tasks: Vec<_> = (0..n * 3)
            .map(|i| tokio::spawn(hash(format!("ett långt lösenord {i}"))))
            .collect();
        let mut all_busy = false;
        while !tasks.iter().all(|t| t.is_finished()) {
            all_busy |= HASHING.available_permits() == 0;
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
        let mut hashes = Vec::new();
        for t in tasks {
            hashes.push(t.await.unwrap().unwrap());
        }
        assert!(all_busy, "every core hashed while the others waited");
        assert_eq!(HASHING.available_permits(), n, "every turn is given back");
        assert!(
            verify("ett långt lösenord 0".into(), Some(hashes[0].clone()))
                .await
                .unwrap()
        );
        assert!(!verify("fel".into(), Some(hashes[0].clone())).await.unwrap());
        assert_eq!(HASHING.available_permits(), n);
    }

    /// The kept memory gives what the argon2 crate's own hashing gives: hashes made before
    /// (by `hash_password`) still verify, ours verify with the crate's check, in either
    /// order and with a parameter set of another size in between.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hashes_match_the_argon2_crates_own() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"gammalt l\xc3\xb6senord", &salt)
            .unwrap()
            .to_string();
        let small = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"litet", &salt)
        .unwrap()
        .to_string();
        for _ in 0..2 {
            let old = String::from_utf8(b"gammalt l\xc3\xb6senord".to_vec()).unwrap();
            assert!(verify(old, Some(theirs.clone())).await.unwrap());
            assert!(verify("litet".into(), Some(small.clone())).await.unwrap());
            assert!(!verify("litet!".into(), Some(small.clone())).await.unwrap());
        }
        let ours = hash("nytt lösenord".into()).await.unwrap();
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password("nytt lösenord".as_bytes(), &parsed)
            .is_ok());
        assert!(Argon2::default().verify_password(b"fel", &parsed).is_err());
        // An unknown account is never let in, and neither is a stored value that is no hash.
        assert!(!verify("x".into(), None).await.unwrap());
        assert!(!verify("x".into(), Some("inte en hash".into()))
            .await
            .unwrap());
    }
}
