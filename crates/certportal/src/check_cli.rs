//! `certportal check [--repair] [--grace-seconds N]`: compares the `files` table's keys
//! with the objects in the file store, both read in key order (the table by pages of its
//! index, the store by its listing) and merged, so that a million files need neither in
//! memory. It reports stored objects without a row (an upload whose transaction failed and
//! whose removal failed too) and rows whose object is missing (lost bytes). `--repair`
//! deletes the former, but only those older than the grace period, so that an upload
//! committed to the store a moment before its row is not taken. The latter are reported
//! only: a row is a record of what was uploaded.

use std::time::{Duration, SystemTime};

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use store::models::file::FileMeta;
use web::storage::StoredObject;

/// How many of the table's keys one query reads.
const PAGE: i64 = 1000;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub repair: bool,
    pub grace: Duration,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub rows: u64,
    pub stored: u64,
    /// Stored objects no row names, in key order.
    pub stored_without_row: Vec<String>,
    /// Rows whose object is not in the store, in key order.
    pub rows_without_file: Vec<String>,
    /// With `--repair`: the objects deleted, and those left as younger than the grace.
    pub removed: Vec<String>,
    pub kept_young: Vec<String>,
}

impl Report {
    /// Clean: no orphan either way is left.
    pub fn clean(&self) -> bool {
        self.rows_without_file.is_empty() && self.stored_without_row.len() == self.removed.len()
    }
}

/// The table's keys in key order, a page at a time.
fn row_keys(db: store::Db) -> impl Stream<Item = anyhow::Result<String>> {
    stream::try_unfold(
        (db, None::<String>, false),
        |(db, after, done)| async move {
            if done {
                return Ok(None);
            }
            let from = after.clone();
            let page = db
                .run(move |c| FileMeta::storage_keys_after(c, from.as_deref(), PAGE))
                .await
                .map_err(|e| anyhow::anyhow!("reading files: {e}"))?;
            let last = page.last().cloned();
            let done = (page.len() as i64) < PAGE;
            Ok::<_, anyhow::Error>(Some((
                stream::iter(page.into_iter().map(Ok)),
                (db, last.or(after), done),
            )))
        },
    )
    .try_flatten()
}

/// Merges two streams in key order into a report. A stream out of order is an error, not
/// a wrong answer (a database whose collation sorted keys unlike their bytes would be).
pub async fn compare<R, S>(rows: R, stored: S) -> anyhow::Result<(Report, Vec<StoredObject>)>
where
    R: Stream<Item = anyhow::Result<String>>,
    S: Stream<Item = anyhow::Result<StoredObject>>,
{
    let mut rows = std::pin::pin!(rows);
    let mut stored = std::pin::pin!(stored);
    let mut report = Report::default();
    let mut orphans = Vec::new();
    let mut row = next_in_order(&mut rows, None, "files table", |k| k).await?;
    let mut obj = next_in_order(&mut stored, None, "store", |o| &o.key).await?;
    loop {
        match (row.take(), obj.take()) {
            (None, None) => break,
            (Some(r), Some(o)) if r == o.key => {
                report.rows += 1;
                report.stored += 1;
                row = next_in_order(&mut rows, Some(&r), "files table", |k| k).await?;
                obj = next_in_order(&mut stored, Some(&o.key), "store", |o| &o.key).await?;
            }
            (Some(r), o) if o.as_ref().is_none_or(|o| r.as_bytes() < o.key.as_bytes()) => {
                report.rows += 1;
                report.rows_without_file.push(r.clone());
                obj = o;
                row = next_in_order(&mut rows, Some(&r), "files table", |k| k).await?;
            }
            (r, Some(o)) => {
                report.stored += 1;
                report.stored_without_row.push(o.key.clone());
                row = r;
                obj = next_in_order(&mut stored, Some(&o.key), "store", |o| &o.key).await?;
                orphans.push(o);
            }
            (Some(_), None) => unreachable!("handled by the guard above"),
        }
    }
    Ok((report, orphans))
}

async fn next_in_order<T, St>(
    items: &mut std::pin::Pin<&mut St>,
    previous: Option<&str>,
    what: &str,
    key: impl Fn(&T) -> &String,
) -> anyhow::Result<Option<T>>
where
    St: Stream<Item = anyhow::Result<T>>,
{
    let Some(item) = items.next().await.transpose()? else {
        return Ok(None);
    };
    if let Some(prev) = previous {
        anyhow::ensure!(
            prev.as_bytes() < key(&item).as_bytes(),
            "the {what} listed `{}` after `{prev}`: not in byte order of the keys, so no comparison is made",
            key(&item)
        );
    }
    Ok(Some(item))
}

/// Compares, and with `repair` deletes the stored objects without a row that are older
/// than the grace period.
pub async fn check(state: &web::AppState, options: Options) -> anyhow::Result<Report> {
    let (mut report, orphans) = compare(row_keys(state.db.clone()), state.storage.list()).await?;
    if options.repair {
        let now = SystemTime::now();
        for o in orphans {
            let age = now.duration_since(o.modified).unwrap_or(Duration::ZERO);
            if age >= options.grace {
                state.storage.delete(&o.key).await?;
                report.removed.push(o.key);
            } else {
                report.kept_young.push(o.key);
            }
        }
    }
    Ok(report)
}

/// The report as printed; `run` exits 1 unless it is clean.
pub fn render(report: &Report, options: Options) -> String {
    let mut out = format!(
        "rows in files: {}\nstored objects: {}\nstored without a row: {}\nrows whose file is missing: {}\n",
        report.rows,
        report.stored,
        report.stored_without_row.len(),
        report.rows_without_file.len()
    );
    for key in &report.stored_without_row {
        out.push_str(&format!("stored without a row: {key}\n"));
    }
    for key in &report.rows_without_file {
        out.push_str(&format!("row whose file is missing: {key}\n"));
    }
    if options.repair {
        out.push_str(&format!(
            "removed: {} (kept {} younger than {} s)\n",
            report.removed.len(),
            report.kept_young.len(),
            options.grace.as_secs()
        ));
        for key in &report.removed {
            out.push_str(&format!("removed: {key}\n"));
        }
    }
    out
}

/// Runs the check; `Ok(false)` when orphans are left (the binary then exits 1).
pub fn run(state: web::AppState, options: Options) -> anyhow::Result<bool> {
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(check(&state, options))?;
    print!("{}", render(&report, options));
    Ok(report.clean())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test that unwraps fails loudly

    use super::*;

    fn obj(key: &str) -> anyhow::Result<StoredObject> {
        Ok(StoredObject {
            key: key.into(),
            modified: SystemTime::UNIX_EPOCH,
        })
    }

    async fn run_compare(rows: &[&str], stored: &[&str]) -> anyhow::Result<Report> {
        let rows = stream::iter(rows.iter().map(|k| Ok(k.to_string())).collect::<Vec<_>>());
        let stored = stream::iter(stored.iter().map(|k| obj(k)).collect::<Vec<_>>());
        Ok(compare(rows, stored).await?.0)
    }

    #[tokio::test]
    async fn orphans_are_found_both_ways() {
        let r = run_compare(&["a", "b", "d", "f"], &["b", "c", "d", "e", "g"])
            .await
            .unwrap();
        assert_eq!(r.rows, 4);
        assert_eq!(r.stored, 5);
        assert_eq!(r.rows_without_file, ["a", "f"]);
        assert_eq!(r.stored_without_row, ["c", "e", "g"]);
        assert!(!r.clean());

        let r = run_compare(&["a", "b"], &["a", "b"]).await.unwrap();
        assert!(r.clean());
        assert_eq!((r.rows, r.stored), (2, 2));
        let r = run_compare(&[], &[]).await.unwrap();
        assert!(r.clean());
        let r = run_compare(&["a"], &[]).await.unwrap();
        assert_eq!(r.rows_without_file, ["a"]);
        let r = run_compare(&[], &["a"]).await.unwrap();
        assert_eq!(r.stored_without_row, ["a"]);
    }

    #[tokio::test]
    async fn a_stream_out_of_order_is_an_error() {
        assert!(run_compare(&["b", "a"], &[]).await.is_err());
        assert!(run_compare(&[], &["a", "a"]).await.is_err());
        // Byte order: `-` before digits before letters.
        assert!(run_compare(&["0-1", "01", "0a"], &[]).await.is_ok());
    }

    #[tokio::test]
    async fn many_keys_merge_in_one_pass() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("{i:08}")).collect();
        let rows: Vec<&str> = keys.iter().step_by(2).map(String::as_str).collect();
        let stored: Vec<&str> = keys.iter().skip(1).step_by(3).map(String::as_str).collect();
        let r = run_compare(&rows, &stored).await.unwrap();
        assert_eq!(r.rows as usize, rows.len());
        assert_eq!(r.stored as usize, stored.len());
        let both = keys
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0 && i % 3 == 1)
            .count();
        assert_eq!(r.rows_without_file.len(), rows.len() - both);
        assert_eq!(r.stored_without_row.len(), stored.len() - both);
    }
}
