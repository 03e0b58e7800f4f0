//! «Prov»: exam centres, sessions, bookings and results, and the exam moments they satisfy.
//! Each file is named after what it covers.

mod person;
