//! Tauri commands: deserialize, call the core, map the result. Nothing else.

use qalam_core::dates::display_local_time;
use qalam_core::lang::Lang;
use qalam_core::library::ListFilter;
use serde::Serialize;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// One row of the drafts list, as the UI shows it.
#[derive(Debug, Serialize)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    pub status: String,
    /// The last change in local time, the publication's way («20 نيسان 2025، 14:05»).
    pub updated_label: String,
}

/// The library's articles outside the trash, most recently changed first.
#[tauri::command]
pub fn list_drafts(state: State<'_, AppState>) -> Result<Vec<DraftSummary>, IpcError> {
    state.with_library(|library| {
        Ok(library
            .list(ListFilter::Active)?
            .into_iter()
            .map(|a| DraftSummary {
                id: a.id,
                title: a.title,
                status: a.status,
                updated_label: display_local_time(a.updated_at, Lang::Ar),
            })
            .collect())
    })
}
