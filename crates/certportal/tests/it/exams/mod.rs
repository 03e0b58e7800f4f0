//! «Prov»: exam centres, examiners, sessions, bookings and results, on both databases.

mod admin;
mod examiner;
