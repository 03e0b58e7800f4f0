//! «Prov»: exam centres and examiners, sessions, bookings, results, and the exam moments a
//! passed result satisfies. `app_rules` calls the application layer with a chosen day;
//! the pages are exercised in the files named after who uses them.

mod admin;
mod app_rules;
mod cli;
mod examiner;
mod person;
