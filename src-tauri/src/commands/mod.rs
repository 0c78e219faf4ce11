//! Tauri commands: deserialize, validate, call the core, map the result. Nothing else.

pub mod comments;
pub mod delivery;
pub mod desk;
pub mod drafts;
pub mod history;
pub mod house_style;
pub mod images;
pub mod packages;
pub mod preview;
pub mod review;
pub mod sample;
pub mod spelling;
pub mod suggestions;
mod upload;

use crate::ipc_error::IpcError;

/// Runs slow work (dictionaries, pictures) on a blocking thread, off the webview's IPC thread.
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::new(crate::ipc_error::ErrorCode::Internal, e.to_string()))
}

/// What a command about one article is given: its id (the library checks it is one).
#[derive(Debug, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ArticleRef {
    pub id: String,
}
