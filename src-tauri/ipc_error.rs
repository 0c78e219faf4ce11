//! The one error shape that crosses IPC: `{ code, message }`, the message in the UI's language.

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::LibraryError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> IpcError {
        IpcError { code: code.to_string(), message: message.into() }
    }
}

impl From<LibraryError> for IpcError {
    fn from(e: LibraryError) -> Self {
        IpcError::new(e.code(), e.message(Lang::Ar))
    }
}
