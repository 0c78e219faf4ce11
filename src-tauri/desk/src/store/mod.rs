//! The desk's data in PostgreSQL. Every function takes a client or transaction: the service keeps
//! nothing between requests, so any number of instances can serve one database.

pub mod blobs;
mod cached;
pub mod enrolment;
pub mod house_style;
pub mod locks;
pub mod migrate;
pub mod people;
pub mod record;
pub mod search;
pub mod stories;
pub mod visibility;
