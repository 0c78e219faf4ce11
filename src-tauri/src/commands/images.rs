//! Images from disk: the webview sends a file's bytes as a raw IPC body (no JSON inflation of a
//! photo), and reads stored images back as raw bytes to show them.

use tauri::ipc::{Request, Response};
use tauri::State;

use super::upload::{upload, Upload};
use crate::dto::AddedImage;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use serde::Deserialize;

/// Adds the image file in the request body. Header: `x-file-name` (percent-encoded).
#[tauri::command]
pub fn add_image(state: State<'_, AppState>, request: Request<'_>, lang: ShellLang) -> Result<AddedImage, IpcError> {
    let Upload { lang, name, bytes } =
        upload(&request, lang.into(), ("لم تصل بيانات الصورة", "no image data arrived"))?;
    state.with_library(lang, |lib| {
        let stored = lib.add_image(bytes, &name).or_ipc(lang)?;
        Ok(AddedImage { src: stored.src, width: stored.width, height: stored.height })
    })
}

/// What `read_image` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReadImageArgs {
    pub src: String,
}

/// The bytes of a stored image, for the editor and the preview to show.
#[tauri::command]
pub fn read_image(state: State<'_, AppState>, args: ReadImageArgs, lang: ShellLang) -> Result<Response, IpcError> {
    let ReadImageArgs { src } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| Ok(Response::new(lib.image(&src).or_ipc(lang)?.0)))
}
