//! A target's secret — a WordPress Application Password, a webhook's signing key — in the OS
//! keychain under service `qalam-target` and `NAME@URL`. Without a keychain a target with a
//! secret cannot be added: the secret is never written to the library, a log or a file.

use qalam_core::identity::keychain::Slot;
use zeroize::Zeroizing;

use crate::error::DeliverError;

pub const KEYCHAIN_SERVICE: &str = "qalam-target";

fn slot(name: &str, url: &str) -> Result<Slot, DeliverError> {
    Slot::new(KEYCHAIN_SERVICE, &format!("{name}@{url}")).map_err(keychain_error)
}

pub fn save(name: &str, url: &str, secret: &str) -> Result<(), DeliverError> {
    slot(name, url)?.write(secret).map_err(keychain_error)
}

pub fn load(name: &str, url: &str) -> Result<Zeroizing<String>, DeliverError> {
    slot(name, url)?.read().map_err(|e| match e {
        keyring::Error::NoEntry => DeliverError::NoSecret { name: name.into() },
        other => keychain_error(other),
    })
}

pub fn forget(name: &str, url: &str) -> Result<(), DeliverError> {
    slot(name, url)?.forget().map_err(keychain_error)
}

fn keychain_error(e: keyring::Error) -> DeliverError {
    match e {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            DeliverError::NoKeychain { detail: e.to_string() }
        }
        other => DeliverError::Keychain { detail: other.to_string() },
    }
}
