//! Integration tests: the whole portal through HTTP, each test on a fresh database, every
//! test on SQLite and on PostgreSQL (see `on_both_backends!`).
#![allow(clippy::unwrap_used)] // a test that unwraps fails loudly, which is what it should do

mod harness;

mod accounts;
mod backup;
mod certificates;
mod check;
mod codes;
mod companies;
mod exams;
mod hardening;
mod input;
mod journey;
mod life;
mod mail;
mod newcomer;
mod pages;
mod public;
mod scale;
mod schema;
mod server;
mod staff;
