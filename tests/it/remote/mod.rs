//! relctl against `relctl serve`: the remote target and the server, end to end.

mod flow;
pub mod harness;
mod issues;
mod refs;
mod target;
