//! Publishable packages: what leaves a journalist's machine. One zip file (or the same tree as a
//! folder) holding `manifest.json`, `article.md` (the contract format), `article.html` (a
//! standalone right-to-left page), `article.ninjs.json` (IPTC ninjs 3.1) and `images/` (JPEG
//! renditions, stripped of metadata).
//!
//! - [`export`]: checker first, then renditions on every core, then the files; byte-identical for
//!   the same article and revision.
//! - [`import`]: verification of an untrusted package entirely in memory and within limits, then
//!   one library transaction, so a refused package writes nothing.
//! - [`manifest`]: the package's table of contents, with every file's size and SHA-256.
//!
//! Invariant: a package's bytes depend only on the article's revision, its pictures and the Qalam
//! version — never on the clock, the machine or the order threads finish in.

pub mod approval;
pub mod approve;
pub mod correct;
pub mod deliverable;
mod error;
pub mod export;
pub mod handoff;
mod html_page;
pub mod import;
pub mod manifest;
pub mod ninjs;
pub mod public_life;
pub mod renditions;
pub mod seal;
mod slug;
pub mod verify;
mod zip_io;

pub use approval::approval_file;
pub use approve::{approve, take_step};
pub use error::{PackageError, Refusal, SealFault};
pub use export::{export_package, ExportControl, ExportOptions, Package};
pub use handoff::{make_handoff, receive_handoff};
pub use import::{import_package, read_package, IfExists, ImportedPackage, VerifiedPackage};
pub use manifest::Manifest;
pub use slug::{package_name, slug};
pub use verify::{verify_package, Verification};

/// The `format` a manifest names.
pub const FORMAT_NAME: &str = "qalam-package";
/// The package format this version writes; it reads this and every older one.
pub const FORMAT_VERSION: u32 = 1;
