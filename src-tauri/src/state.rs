//! The app's state: the open library, or the reason it could not be opened.

use std::sync::Mutex;

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{Library, LibraryError, LibraryLocation};

use crate::ipc_error::IpcError;

pub struct AppState {
    library: Result<Mutex<Library>, LibraryError>,
}

impl AppState {
    /// Opens the library at `QALAM_LIBRARY` or under the platform's data directory — the same
    /// file the `qalam` CLI uses by default.
    pub fn open_default() -> AppState {
        // The app writes, so it creates its library: in the named folder when that exists, or
        // under the data directory with its folders.
        let library = match LibraryLocation::resolve(None, dirs::data_dir()) {
            None => Err(LibraryError::Io {
                path: "QALAM_LIBRARY".into(),
                source: std::io::Error::other("no data directory for this user; set QALAM_LIBRARY"),
            }),
            Some(location) => location.open_or_create().map(Mutex::new),
        };
        AppState { library }
    }

    /// The library file's path, if it opened.
    pub fn path(&self) -> Option<std::path::PathBuf> {
        let mutex = self.library.as_ref().ok()?;
        let library = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Some(library.path().to_path_buf())
    }

    /// Runs `f` with the library, or returns why there is none, worded in `lang`.
    pub fn with_library<T>(
        &self,
        lang: Lang,
        f: impl FnOnce(&mut Library) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        // The reason the library could not open, as its own error each time it is asked for.
        let mutex =
            self.library.as_ref().map_err(|e| IpcError::new(crate::ipc_error::ErrorCode::Failed, e.message(lang)))?;
        // A panic while holding the lock cannot leave SQLite inconsistent (every write is a
        // transaction), so a poisoned lock is still safe to use.
        let mut library = mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut library)
    }
}

/// `?` for core results inside commands: the error is worded in the UI's language.
pub trait OrIpc<T> {
    fn or_ipc(self, lang: Lang) -> Result<T, IpcError>;
}

impl<T> OrIpc<T> for Result<T, LibraryError> {
    fn or_ipc(self, lang: Lang) -> Result<T, IpcError> {
        self.map_err(|e| IpcError::library(e, lang))
    }
}

impl<T> OrIpc<T> for Result<T, qalam_core::library::ReviewError> {
    fn or_ipc(self, lang: Lang) -> Result<T, IpcError> {
        self.map_err(|e| IpcError::review(e, lang))
    }
}

impl<T> OrIpc<T> for Result<T, qalam_core::package::PackageError> {
    fn or_ipc(self, lang: Lang) -> Result<T, IpcError> {
        self.map_err(|e| IpcError::package(e, lang))
    }
}
