//! Who someone is: an ed25519 key pair named by its fingerprint, where its private half is kept,
//! and the names people go by. Roles and rosters (who may do what) are the workflow's.
//!
//! - [`keys`]: key pairs, fingerprints, signing and checking signatures.
//! - [`secret_store`]: where the private key lives — the OS keychain, or a file encrypted with a
//!   passphrase where there is none. Never SQLite, logs, packages or the webview.
//! - [`keychain`]: the one careful way every secret (key, desk token, target password) is
//!   asked of the OS keychain.
//! - [`names`]: what a person's name may hold, and when two names read alike.

#[cfg(feature = "local")]
pub mod key_file;
#[cfg(feature = "local")]
pub mod keychain;
pub mod keys;
pub mod names;
#[cfg(feature = "local")]
pub mod secret_store;
pub mod signed;

pub use keys::{Fingerprint, KeyPair, PublicKey};
#[cfg(feature = "local")]
pub use secret_store::{SecretStore, StoreError};
pub use signed::Signed;
