//! A laptop's side of the shared desk, for the CLI and the app alike. The library stays the
//! truth for everything typed on this machine; the desk gets copies through the outbox:
//!
//! - [`join`]: spend an enrolment code, keep the device token in the keychain.
//! - [`send`]: one outbox row — pictures first (once, by hash), then the article's copy based on
//!   the desk's head as last seen; a conflict or a refusal stops the row with its reason.
//! - [`receive`]: pages of what changed on the desk since the cursor, taken in as hand-offs are.
//! - [`run`]: a sync pass (push what is due, then pull) and the worker that repeats it with
//!   backoff; [`backoff`] is the pure schedule.
//! - [`worker`]: the app's tokio task that syncs at start, on a timer, on the desk's change
//!   notifications and on the app's own changes.
//! - [`style`]: the house style, the desk's newer sheet taken and the library's newer one offered.
//! - [`status`]: what the window and `qalam desk status` show.

pub use qalam_core::backoff;
pub mod client;
pub mod error;
pub mod join;
pub mod receive;
pub mod run;
pub mod send;
pub mod status;
pub mod style;
pub mod token;
pub mod worker;

pub use error::SyncError;

/// The desk API's types, for callers of the client.
pub use qalam_desk_api as api;
