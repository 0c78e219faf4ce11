//! The device token, in the OS keychain under service `qalam-desk` and the device's id at its
//! desk. Without a keychain, joining is refused: the token is never written to a file.

use zeroize::Zeroizing;

use crate::error::SyncError;

pub const KEYCHAIN_SERVICE: &str = "qalam-desk";

fn entry(url: &str, device_id: &str) -> Result<keyring::Entry, SyncError> {
    keyring::Entry::new(KEYCHAIN_SERVICE, &format!("{device_id}@{url}")).map_err(keychain_error)
}

/// Whether the keychain can keep a token at all — asked before an enrolment code is spent on a
/// machine that could not keep what it buys.
pub fn check_available() -> Result<(), SyncError> {
    let probe = keyring::Entry::new(KEYCHAIN_SERVICE, "qalam-keychain-probe").map_err(keychain_error)?;
    probe.set_password("probe").map_err(keychain_error)?;
    let _ = probe.delete_credential();
    Ok(())
}

pub fn save(url: &str, device_id: &str, token: &str) -> Result<(), SyncError> {
    entry(url, device_id)?.set_password(token).map_err(keychain_error)
}

pub fn load(url: &str, device_id: &str) -> Result<Zeroizing<String>, SyncError> {
    entry(url, device_id)?.get_password().map(Zeroizing::new).map_err(|e| match e {
        keyring::Error::NoEntry => SyncError::NoToken,
        other => keychain_error(other),
    })
}

pub fn forget(url: &str, device_id: &str) -> Result<(), SyncError> {
    match entry(url, device_id)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(keychain_error(e)),
    }
}

fn keychain_error(e: keyring::Error) -> SyncError {
    match e {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            SyncError::NoKeychain { detail: e.to_string() }
        }
        other => SyncError::Keychain { detail: other.to_string() },
    }
}
