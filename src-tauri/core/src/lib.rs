//! Qalam's domain core.
//!
//! Everything Qalam knows about articles lives here and nowhere else: the typed article model
//! ([`article`]), the one definition of the article file format (parse and print), the safe HTML
//! renderer, the house-style checker ([`check`]), Arabic-aware search ([`search`]) and the local
//! SQLite library ([`library`]).
//!
//! Design rule: this crate knows nothing of Tauri, IPC or the terminal. The desktop shell and the
//! `qalam` CLI are thin layers that call these functions and present their `Result`s.

pub mod article;
pub mod backoff;
pub mod check;
pub mod dates;
pub mod diff;
pub mod files;
pub mod hash;
pub mod identity;
pub mod lang;
#[cfg(feature = "local")]
pub mod library;
#[cfg(feature = "local")]
pub mod package;
pub mod presentation;
pub mod publish;
pub mod search;
#[cfg(feature = "local")]
pub mod spelling;
pub mod style;
pub mod url_policy;
pub mod workflow;
pub mod zoned;

pub use article::{Article, Block, FrontMatter, Inline};
pub use lang::Lang;
