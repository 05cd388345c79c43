//! Integration tests across crates: one binary, a module per topic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod approvals;
mod classify;
mod corpus;
mod delivery;
mod emulated;
mod emulator;
mod events;
mod failure_triage;
mod fakes;
mod fixtures;
mod least_privilege;
mod properties;
mod secrets;
