//! The revisions panel.

use qalam_core::dates::display_local_time;
use tauri::State;

use super::drafts::loaded;
use super::ArticleRef;
use crate::dto::{LoadedDraft, RevisionRow};
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;
use serde::Deserialize;

#[tauri::command]
pub fn list_revisions(
    state: State<'_, AppState>,
    args: ArticleRef,
    lang: ShellLang,
) -> Result<Vec<RevisionRow>, IpcError> {
    let ArticleRef { id } = args;
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

/// What `restore_revision` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RestoreRevisionArgs {
    pub id: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub number: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub base_version: i64,
}

/// Makes a revision the working copy again, checked against the version the editor shows.
#[tauri::command]
pub fn restore_revision(
    state: State<'_, AppState>,
    args: RestoreRevisionArgs,
    lang: ShellLang,
) -> Result<LoadedDraft, IpcError> {
    let RestoreRevisionArgs { id, number, base_version } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        lib.restore_revision(&id, number, base_version).or_ipc(lang)?;
        Ok(loaded(lib.load(&id).or_ipc(lang)?, lang))
    })
}
