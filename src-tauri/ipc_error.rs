//! The one error shape that crosses IPC: `{ code, message }`, the message in the UI's language.

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::LibraryError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> IpcError {
        IpcError { code: code.to_string(), message: message.into() }
    }

    pub fn library(e: LibraryError, lang: Lang) -> IpcError {
        IpcError::new(e.code(), e.message(lang))
    }

    /// Input from the webview that Rust refuses.
    pub fn invalid(lang: Lang, ar: &str, en: &str) -> IpcError {
        IpcError::new("invalid-input", lang.pick(ar, en))
    }
}
