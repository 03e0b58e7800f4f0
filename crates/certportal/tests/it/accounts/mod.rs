//! Registration, verification, login, logout, reset, profile and their refusals, one
//! file per part of the account.

mod floods;
mod forms;
mod password;
mod profile;
mod refusals;
mod register;
mod sessions;
mod staff;
mod throttling;
