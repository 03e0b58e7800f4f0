//! Bulk data for the load benchmark (`certportal seed --persons N`): persons with cases in
//! every state, so that lists and the officers' queue have realistic lengths. All seeded
//! persons share one password hash (the caller's): hashing thousands of passwords would
//! measure Argon2.
//!
//! This is a fixture loader, not a state change a person makes: it writes rows in large
//! transactions and records no events or e-mails, so that a benchmark's data set loads
//! fast. It lives here because `app` is the only layer that writes.

use domain::certification::{MomentStatus, Subject};
use store::models::case::Case;
use store::models::catalog::{CertificateType, MomentTemplate};
use store::models::file::FileMeta;
use store::models::moment::Moment;
use store::models::person::{NewPerson, Person};
use store::DbConn;

use crate::error::Result;
use crate::tx;

pub struct Seeded {
    pub persons: usize,
    pub cases: usize,
    pub awaiting_review: usize,
}

/// A valid personnummer for seed number `i` (born 1950-01-01 + i days, Luhn-checked).
pub fn personnummer(i: usize) -> String {
    let born = time::macros::date!(1950 - 01 - 01) + time::Duration::days(i as i64 % 18000);
    let serial = 100 + (i / 18000) % 900;
    let first9 = format!(
        "{:02}{:02}{:02}{:03}",
        born.year() % 100,
        u8::from(born.month()),
        born.day(),
        serial
    );
    let check = domain::identifiers::luhn_check_digit(&first9);
    format!("{}{first9}{check}", born.year() / 100)
}

/// Seeds `persons` persons (skipping those already there), 100 to a transaction.
pub fn seed(c: &mut DbConn, persons: usize, password_hash: &str) -> Result<Seeded> {
    let types: Vec<CertificateType> = CertificateType::all(c)?
        .into_iter()
        .filter(|t| t.subject == Subject::Person)
        .collect();
    let mut templates = Vec::new();
    for t in &types {
        templates.push(MomentTemplate::for_type(c, &t.id)?);
    }
    if types.is_empty() {
        return Err(crate::Error::NotFound);
    }
    let mut out = Seeded {
        persons: 0,
        cases: 0,
        awaiting_review: 0,
    };
    // Batches of 100 persons per transaction keep SQLite's write lock short.
    for batch in (0..persons).collect::<Vec<_>>().chunks(100) {
        let (p, cases, awaiting) = tx(c, |c| {
            let (mut p, mut cases, mut awaiting) = (0, 0, 0);
            for &i in batch {
                let email = format!("seed{i}@bench.example");
                if Person::find_by_email(c, &email)?.is_some() {
                    continue;
                }
                let id = store::new_id();
                let now = store::now();
                Person::insert(
                    c,
                    &NewPerson {
                        id: id.clone(),
                        personnummer: Some(personnummer(i)),
                        first_name: format!("Seed{i}"),
                        last_name: "Benchsson".into(),
                        email,
                        email_verified_at: Some(now),
                        password_hash: Some(password_hash.to_string()),
                        language: "sv".into(),
                        is_handlaggare: false,
                        is_beslutsfattare: false,
                        is_administrator: false,
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                p += 1;
                // Two cases each, of different types; every other one awaits review.
                for k in 0..2 {
                    let t = (i + k) % types.len();
                    let case_id = Case::create(c, &id, &types[t].id, &templates[t], |_| {
                        MomentStatus::AwaitingFile
                    })?;
                    cases += 1;
                    if (i + k) % 2 == 0 {
                        for m in Moment::for_case(c, &case_id)? {
                            FileMeta::insert(
                                c,
                                &FileMeta {
                                    id: store::new_id(),
                                    moment_id: m.moment.id.clone(),
                                    case_id: case_id.clone(),
                                    uploaded_by: id.clone(),
                                    uploaded_at: store::now(),
                                    original_name: "certifikat.pdf".into(),
                                    content_type: "application/pdf".into(),
                                    size_bytes: 1000,
                                    sha256: String::new(),
                                    storage_key: "seed".into(),
                                },
                            )?;
                            Moment::set_status(
                                c,
                                &m.moment.id,
                                MomentStatus::AwaitingFile,
                                MomentStatus::AwaitingReview,
                                "",
                                &id,
                            )?;
                            awaiting += 1;
                        }
                    }
                }
            }
            Ok((p, cases, awaiting))
        })?;
        out.persons += p;
        out.cases += cases;
        out.awaiting_review += awaiting;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn seeded_personnummer_are_valid_and_distinct() {
        let today = time::macros::date!(2026 - 11 - 25);
        let mut seen = std::collections::HashSet::new();
        for i in 0..20_000 {
            let p = super::personnummer(i);
            assert!(
                domain::identifiers::Personnummer::parse(&p, today).is_ok(),
                "{p}"
            );
            assert!(seen.insert(p));
        }
    }
}
