//! Delivering stories from the library to where they are published — a WordPress site through
//! its REST API, a folder, a webhook — through the library's own outbox of deliveries, so a
//! delivery survives a lost network, a failing site, a restart or a kill, and is made exactly once.
//!
//! - [`targets`]: adding, listing, testing and removing targets (secrets in the keychain, [`secret`]).
//! - [`queue`]: `deliver ID --to NAME`: the package made, the status decided, the row queued.
//! - [`send`]: one delivery, its end recorded; [`run`]: the outbox drained; [`worker`]: the app's task.
//! - [`wordpress`]: the REST calls and the exactly-once delivery; [`folder`], [`webhook`].

pub mod correct;
pub mod error;
pub mod folder;
pub mod http;
pub mod published;
pub mod queue;
pub mod run;
pub mod secret;
pub mod send;
pub mod targets;
pub mod unpublish;
pub mod webhook;
pub mod wordpress;
pub mod worker;

pub use error::DeliverError;
