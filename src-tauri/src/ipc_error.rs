//! The one error shape that crosses IPC: `{ code, message }`, the message in the UI's language.
//! The code is a small closed set (a TypeScript union through ts-rs): a code exists only when the
//! UI acts differently on it; every other failure is `failed`, and its message says what happened.

use qalam_core::identity::StoreError;
use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{LibraryError, ReviewError};
use qalam_core::package::PackageError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub enum ErrorCode {
    /// The article changed elsewhere since this edit began: keep mine or load theirs.
    Conflict,
    /// An imported package's article is already here: keep both or replace.
    AlreadyExists,
    /// What the webview sent was refused by the shell's checks.
    InvalidInput,
    /// A review step needs the library's profile, which is not made yet: ask for it.
    NoProfile,
    /// The profile's key is in a passphrase-sealed file: ask for the passphrase (again).
    NeedsPassphrase,
    /// A bug or a broken invariant inside the app.
    Internal,
    /// Anything else that went wrong (a file, the library, a picture…); the message says what.
    Failed,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError { code, message: message.into() }
    }

    pub fn library(e: LibraryError, lang: Lang) -> IpcError {
        let code = match e {
            LibraryError::Conflict { .. } => ErrorCode::Conflict,
            LibraryError::AlreadyExists { .. } => ErrorCode::AlreadyExists,
            _ => ErrorCode::Failed,
        };
        IpcError::new(code, e.message(lang))
    }

    pub fn review(e: ReviewError, lang: Lang) -> IpcError {
        if let ReviewError::Library(e) = e {
            return IpcError::library(e, lang);
        }
        let code = match &e {
            ReviewError::NoProfile => ErrorCode::NoProfile,
            ReviewError::Key(StoreError::NoPassphrase | StoreError::WrongPassphrase { .. }) => {
                ErrorCode::NeedsPassphrase
            }
            ReviewError::ChangedMeanwhile { .. } => ErrorCode::Conflict,
            _ => ErrorCode::Failed,
        };
        IpcError::new(code, e.message(lang))
    }

    pub fn package(e: PackageError, lang: Lang) -> IpcError {
        match e {
            PackageError::Library(e) => IpcError::library(e, lang),
            PackageError::Review(e) => IpcError::review(e, lang),
            other => IpcError::new(ErrorCode::Failed, other.message(lang)),
        }
    }

    /// Input from the webview that Rust refuses.
    pub fn invalid(lang: Lang, ar: &str, en: &str) -> IpcError {
        IpcError::new(ErrorCode::InvalidInput, lang.pick(ar, en))
    }

    /// This error with `prefix` (a file's name, say) before its message.
    pub fn prefixed(self, prefix: &str) -> IpcError {
        IpcError { message: format!("{prefix}: {}", self.message), ..self }
    }
}
