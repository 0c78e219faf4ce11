//! Images from disk: the webview sends a file's bytes as a raw IPC body (no JSON inflation of a
//! photo), and reads stored images back as raw bytes to show them.

use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::State;

use crate::dto::{AddedImage, UiLang};
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};

fn header<'a>(request: &'a Request<'_>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Adds the image file in the request body. Headers: `x-file-name` (percent-encoded), `x-lang`.
#[tauri::command]
pub fn add_image(state: State<'_, AppState>, request: Request<'_>) -> Result<AddedImage, IpcError> {
    let lang: qalam_core::Lang = match header(&request, "x-lang") {
        Some("en") => qalam_core::Lang::En,
        _ => qalam_core::Lang::Ar,
    };
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::invalid(lang, "لم تصل بيانات الصورة", "no image data arrived"));
    };
    let name = header(&request, "x-file-name")
        .map(|n| percent_decode_str(n).decode_utf8_lossy().into_owned())
        .unwrap_or_default();
    state.with_library(lang, |lib| {
        let stored = lib.add_image(bytes, &name).or_ipc(lang)?;
        Ok(AddedImage { src: stored.src, width: stored.width, height: stored.height })
    })
}

/// The bytes of a stored image, for the editor and the preview to show.
#[tauri::command]
pub fn read_image(state: State<'_, AppState>, src: String, lang: UiLang) -> Result<Response, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| Ok(Response::new(lib.image(&src).or_ipc(lang)?.0)))
}
