//! The device token, in the OS keychain under service `qalam-desk` and the device's id at its
//! desk. Without a keychain, joining is refused: the token is never written to a file.

use qalam_core::identity::keychain::Slot;
use zeroize::Zeroizing;

use crate::error::SyncError;

pub const KEYCHAIN_SERVICE: &str = "qalam-desk";

fn slot(url: &str, device_id: &str) -> Result<Slot, SyncError> {
    Slot::new(KEYCHAIN_SERVICE, &format!("{device_id}@{url}")).map_err(keychain_error)
}

/// Whether the keychain can keep a token at all — asked before an enrolment code is spent on a
/// machine that could not keep what it buys.
pub fn check_available() -> Result<(), SyncError> {
    let probe = Slot::new(KEYCHAIN_SERVICE, "qalam-keychain-probe").map_err(keychain_error)?;
    probe.write("probe").map_err(keychain_error)?;
    let _ = probe.forget();
    Ok(())
}

pub fn save(url: &str, device_id: &str, token: &str) -> Result<(), SyncError> {
    slot(url, device_id)?.write(token).map_err(keychain_error)
}

pub fn load(url: &str, device_id: &str) -> Result<Zeroizing<String>, SyncError> {
    slot(url, device_id)?.read().map_err(|e| match e {
        keyring::Error::NoEntry => SyncError::NoToken,
        other => keychain_error(other),
    })
}

pub fn forget(url: &str, device_id: &str) -> Result<(), SyncError> {
    slot(url, device_id)?.forget().map_err(keychain_error)
}

fn keychain_error(e: keyring::Error) -> SyncError {
    match e {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            SyncError::NoKeychain { detail: e.to_string() }
        }
        other => SyncError::Keychain { detail: other.to_string() },
    }
}
