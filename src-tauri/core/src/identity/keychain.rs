//! One door to the OS keychain for every secret Qalam keeps there (a profile's private key, a
//! desk's device token, a delivery target's password), so each is asked the same careful way.
//!
//! Why asked again: the keychain is another process. On Linux the Secret Service client gives a
//! call two seconds; on a busy machine GNOME Keyring can answer later, and it has been seen to
//! crash when the client that timed out has gone (the session restarts it). A call that fails
//! because the service did not answer or went away is asked again a few times, a moment apart,
//! before the user is told there is no keychain. Only that failure is retried: "no such entry"
//! and a locked keychain are answers, said at once.

use std::time::Duration;

use zeroize::Zeroizing;

/// How often a call the service did not answer is tried in all.
const ATTEMPTS: u32 = 3;
const PAUSE: Duration = Duration::from_millis(300);

/// One secret's place: a service name and the user (or id) it is kept under.
pub struct Slot {
    entry: keyring::Entry,
}

impl Slot {
    pub fn new(service: &str, user: &str) -> keyring::Result<Slot> {
        Ok(Slot { entry: keyring::Entry::new(service, user)? })
    }

    pub fn read(&self) -> keyring::Result<Zeroizing<String>> {
        patiently(|| self.entry.get_password().map(Zeroizing::new))
    }

    /// Writes or replaces the secret (asking again is harmless: the same value replaces itself).
    pub fn write(&self, secret: &str) -> keyring::Result<()> {
        patiently(|| self.entry.set_password(secret))
    }

    /// Removes the secret; one that is not there is already forgotten.
    pub fn forget(&self) -> keyring::Result<()> {
        match patiently(|| self.entry.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

fn patiently<T>(call: impl Fn() -> keyring::Result<T>) -> keyring::Result<T> {
    let mut attempt = 1;
    loop {
        match call() {
            Err(keyring::Error::PlatformFailure(_)) if attempt < ATTEMPTS => {
                attempt += 1;
                std::thread::sleep(PAUSE);
            }
            other => return other,
        }
    }
}
