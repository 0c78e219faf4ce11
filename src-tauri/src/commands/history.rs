//! The revisions panel.

use qalam_core::dates::display_local_time;
use tauri::State;

use super::drafts::loaded;
use crate::dto::{LoadedDraft, RevisionRow};
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;

#[tauri::command]
pub fn list_revisions(state: State<'_, AppState>, id: String, lang: ShellLang) -> Result<Vec<RevisionRow>, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        Ok(lib
            .revisions(&id)
            .or_ipc(lang)?
            .into_iter()
            .map(|r| RevisionRow {
                number: r.number,
                kind: r.kind,
                title: r.title,
                created_label: display_local_time(r.created_at, lang),
            })
            .collect())
    })
}

/// Makes a revision the working copy again, checked against the version the editor shows.
#[tauri::command]
pub fn restore_revision(
    state: State<'_, AppState>,
    id: String,
    number: i64,
    base_version: i64,
    lang: ShellLang,
) -> Result<LoadedDraft, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        lib.restore_revision(&id, number, base_version).or_ipc(lang)?;
        Ok(loaded(lib.load(&id).or_ipc(lang)?, lang))
    })
}
