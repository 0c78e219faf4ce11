//! The drafts list and the article being edited: list, search, create, load, save, trash.

use qalam_core::dates::display_local_time;
use qalam_core::library::{ListFilter, SaveKind, StoredArticle};
use qalam_core::Article;
use tauri::State;

use super::ArticleRef;
use crate::dto::{DraftSummary, LoadedDraft, SaveResult};
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;
use serde::Deserialize;

/// What `list_drafts` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ListDraftsArgs {
    pub query: String,
    pub trash: bool,
}

/// The library's articles (or its trash), newest change first; with a query, the search results.
#[tauri::command]
pub fn list_drafts(
    state: State<'_, AppState>,
    args: ListDraftsArgs,
    lang: ShellLang,
) -> Result<Vec<DraftSummary>, IpcError> {
    let ListDraftsArgs { query, trash } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| {
        if !query.trim().is_empty() && !trash {
            let hits = lib.search(&query, 50).or_ipc(lang)?;
            return Ok(hits
                .into_iter()
                .map(|h| DraftSummary {
                    id: h.id,
                    title: h.title,
                    status: h.status,
                    updated_label: display_local_time(h.updated_at, lang),
                    snippet: h.snippet.map(|s| s.marked("\u{2068}«", "»\u{2069}")),
                })
                .collect());
        }
        let filter = if trash { ListFilter::Trash } else { ListFilter::Active };
        Ok(lib
            .list(filter)
            .or_ipc(lang)?
            .into_iter()
            .map(|a| DraftSummary {
                id: a.id,
                title: a.title,
                status: a.status,
                updated_label: display_local_time(a.updated_at, lang),
                snippet: None,
            })
            .collect())
    })
}

pub fn loaded(stored: StoredArticle, lang: qalam_core::Lang) -> LoadedDraft {
    LoadedDraft {
        id: stored.id,
        version: stored.version,
        article: stored.article,
        updated_label: display_local_time(stored.updated_at, lang),
    }
}

#[tauri::command]
pub fn create_draft(state: State<'_, AppState>, lang: ShellLang) -> Result<LoadedDraft, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| {
        let id = lib.create_draft().or_ipc(lang)?;
        Ok(loaded(lib.load(&id).or_ipc(lang)?, lang))
    })
}

#[tauri::command]
pub fn load_draft(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<LoadedDraft, IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| Ok(loaded(lib.load(&id).or_ipc(lang)?, lang)))
}

/// What `save_draft` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SaveDraftArgs {
    pub id: String,
    pub article: Article,
    #[cfg_attr(test, ts(type = "number"))]
    pub base_version: i64,
    pub explicit: bool,
}

/// Saves the working copy. `explicit` is Ctrl+S (always a revision when the text changed since
/// the last one); otherwise an autosave. A save from a stale version fails with code "conflict".
#[tauri::command]
pub fn save_draft(state: State<'_, AppState>, args: SaveDraftArgs, lang: ShellLang) -> Result<SaveResult, IpcError> {
    let SaveDraftArgs { id, article, base_version, explicit } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    validate::article(&article, lang)?;
    let kind = if explicit { SaveKind::Explicit } else { SaveKind::Autosave };
    state.with_library(lang, |lib| {
        let outcome = lib.save(&id, &article, base_version, kind).or_ipc(lang)?;
        Ok(SaveResult {
            version: outcome.version,
            revision: outcome.revision,
            written: outcome.written,
            updated_label: display_local_time(outcome.updated_at, lang),
        })
    })
}

#[tauri::command]
pub fn trash_draft(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<(), IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.trash(&id).or_ipc(lang))
}

#[tauri::command]
pub fn untrash_draft(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<(), IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.untrash(&id).or_ipc(lang))
}
