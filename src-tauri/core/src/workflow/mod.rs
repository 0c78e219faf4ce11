//! The review workflow: who may do what to a story, and the signed record of what was done.
//!
//! - [`rules`]: the one pure function (state, role, action, is-author) → new state or a refusal,
//!   used by the app, the CLI and (later) the desk server.
//! - [`event`]: a step on the record — self-contained, signed, chained to the article's previous
//!   event, identified by its hash, so applying it twice changes nothing.
//! - [`audit`]: checking an article's chain of events (signatures, links, order).

pub mod anchor;
pub mod audit;
pub mod event;
pub mod rules;

pub use event::{Event, EventBody, EventKind};
pub use rules::{decide, Action, ArticleStatus, Refusal, Role};
