//! Who someone is: an ed25519 key pair named by its fingerprint, a profile (name, role) and the
//! roster of people a library trusts.
//!
//! - [`keys`]: key pairs, fingerprints, signing and checking signatures.
//! - [`secret_store`]: where the private key lives — the OS keychain, or a file encrypted with a
//!   passphrase where there is none. Never SQLite, logs, packages or the webview.
//! - [`roster`]: a signed list of people, as exported and imported between libraries.

pub mod key_file;
pub mod keys;
pub mod names;
pub mod roster;
pub mod secret_store;
pub mod signed;

pub use keys::{Fingerprint, KeyPair, PublicKey};
pub use roster::{Person, Roster, RosterBody, RosterProblem};
pub use secret_store::{SecretStore, StoreError};
pub use signed::Signed;
