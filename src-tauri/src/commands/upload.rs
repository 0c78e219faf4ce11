//! A file sent from the webview as a raw IPC body (no JSON inflation of its bytes), with its
//! name in a header, `x-file-name` (percent-encoded); its messages are in the shell's language.

use percent_encoding::percent_decode_str;
use qalam_core::Lang;
use tauri::ipc::{InvokeBody, Request};

use crate::ipc_error::IpcError;

pub struct Upload<'r> {
    pub lang: Lang,
    pub name: String,
    pub bytes: &'r [u8],
}

/// A request header's value, if it is there and readable.
pub fn header<'r>(request: &'r Request<'_>, name: &str) -> Option<&'r str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Reads the upload in `request`; `missing` words the error when no bytes came (Arabic, English).
pub fn upload<'r>(request: &'r Request<'_>, lang: Lang, missing: (&str, &str)) -> Result<Upload<'r>, IpcError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::invalid(lang, missing.0, missing.1));
    };
    let name = header(request, "x-file-name")
        .map(|n| percent_decode_str(n).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    Ok(Upload { lang, name, bytes })
}
