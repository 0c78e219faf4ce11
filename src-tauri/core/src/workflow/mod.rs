//! The review workflow: who may do what to a story, and the signed record of what was done.
//!
//! - [`rules`]: the one pure function (state, role, action, is-author) → new state or a refusal,
//!   used by the app, the CLI and (later) the desk server.
//! - [`event`]: a step on the record — self-contained, signed, chained to the article's previous
//!   event, identified by its hash, so applying it twice changes nothing.
//! - [`authority`]: the one rule for what an event may do — who signed it, what the receiver
//!   trusts that key with, from which state — and the canonical order records are replayed in.
//! - [`roster`]: a signed list of people and their roles, as exported and imported between
//!   libraries (a chief's vouches for the people in it).
//! - [`suggestion`]: words proposed in place of others, and who may accept, reject or withdraw them.
//! - [`embargo`]: "not before T", set by an editor; only a chief breaks it, saying why.
//! - [`audit`]: checking an article's chain of events (signatures, links, order) and replaying it.

pub mod anchor;
pub mod audit;
pub mod authority;
pub mod embargo;
pub mod event;
pub mod roster;
pub mod rules;
pub mod style_sheet;
pub mod suggestion;

pub use event::{Event, EventBody, EventKind};
pub use roster::{Person, Roster, RosterBody, RosterProblem};
pub use rules::{decide, says_why, Action, ArticleStatus, Refusal, Role};
pub use style_sheet::{SheetProblem, StyleSheet, StyleSheetBody};
