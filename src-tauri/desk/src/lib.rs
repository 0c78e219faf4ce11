//! `qalam-desk`: one newsroom's shared desk. PostgreSQL is the system of record ([`store`]);
//! the HTTP service ([`server`]) is stateless over it; [`cluster`] runs a private PostgreSQL for a
//! desk on one machine. The workflow rules are `qalam-core`'s, the same the app runs: here they
//! decide.

pub mod cluster;
pub mod database;
pub mod error;
pub mod folder_lock;
pub mod secrets;
pub mod server;
pub mod store;
