//! Argon2id hashing, run on the blocking pool so a login never stalls the async threads.
//!
//! Each hash takes 19 MiB. Hashed on the blocking pool, sixteen logins at once, those
//! blocks stayed with the allocator's arena of every pool thread that ever hashed, and the
//! process grew past 1.2 GB. So hashing runs on a few threads of its own, one per core
//! (all the cores can compute anyway): at most that many blocks are ever held, and the
//! other logins wait their turn.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

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

pub async fn hash(password: String) -> Result<String, AppError> {
    hashed(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal(format!("hashing: {e}")))
    })
    .await?
}

/// Checks a password against a stored hash. With no hash (unknown account) it verifies
/// against a fixed one, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    hashed(move || {
        let found = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        ok && found
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
}
