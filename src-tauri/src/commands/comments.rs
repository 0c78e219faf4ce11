//! Comments on a story, private notes, and what changed between two revisions.

use qalam_core::diff::{diff_articles, RevisionDiff};
use qalam_core::library::comments::CommentThread;
use qalam_core::library::notes::Note;
use qalam_core::library::{Library, LibraryError, ReviewError, Signer};
use qalam_core::workflow::event::Anchor;
use tauri::State;

use super::review::signer;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;

/// The most context an anchor carries from the webview (the core keeps 32 characters a side).
const MAX_ANCHOR_CONTEXT: usize = 200;
const MAX_QUOTE: usize = 10_000;

#[tauri::command]
pub fn list_comments(state: State<'_, AppState>, id: String, lang: ShellLang) -> Result<Vec<CommentThread>, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.comment_threads(&id).or_ipc(lang))
}

/// Runs one signed change to the story's comments and answers with its threads.
fn signed_change(
    state: State<'_, AppState>,
    id: &str,
    passphrase: Option<String>,
    lang: ShellLang,
    change: impl FnOnce(&mut Library, &Signer) -> Result<(), ReviewError>,
) -> Result<Vec<CommentThread>, IpcError> {
    let lang = lang.into();
    validate::id(id, lang)?;
    state.with_library(lang, |lib| {
        let signer = signer(lib, passphrase, lang)?;
        change(lib, &signer).or_ipc(lang)?;
        lib.comment_threads(id).or_ipc(lang)
    })
}

#[tauri::command]
pub fn add_comment(
    state: State<'_, AppState>,
    id: String,
    anchor: Anchor,
    text: String,
    passphrase: Option<String>,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    let count = |s: &str| s.chars().count();
    if anchor.exact.trim().is_empty()
        || count(&anchor.exact) > MAX_QUOTE
        || count(&anchor.prefix) > MAX_ANCHOR_CONTEXT
        || count(&anchor.suffix) > MAX_ANCHOR_CONTEXT
        || anchor.end < anchor.start
    {
        let lang = lang.into();
        return Err(IpcError::invalid(lang, "اختر الكلمات التي تعلّق عليها", "select the words to comment on"));
    }
    signed_change(state, &id, passphrase, lang, |lib, signer| lib.comment(&id, anchor, &text, signer).map(drop))
}

#[tauri::command]
pub fn reply_comment(
    state: State<'_, AppState>,
    id: String,
    thread: String,
    text: String,
    passphrase: Option<String>,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    signed_change(state, &id, passphrase, lang, |lib, signer| lib.reply(&id, &thread, &text, signer).map(drop))
}

#[tauri::command]
pub fn resolve_comment(
    state: State<'_, AppState>,
    id: String,
    thread: String,
    resolved: bool,
    passphrase: Option<String>,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    signed_change(state, &id, passphrase, lang, |lib, signer| {
        lib.set_resolved(&id, &thread, resolved, signer).map(drop)
    })
}

#[tauri::command]
pub fn list_notes(state: State<'_, AppState>, id: String, lang: ShellLang) -> Result<Vec<Note>, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.notes(&id).or_ipc(lang))
}

#[tauri::command]
pub fn add_note(state: State<'_, AppState>, id: String, text: String, lang: ShellLang) -> Result<Vec<Note>, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        lib.add_note(&id, &text).or_ipc(lang)?;
        lib.notes(&id).or_ipc(lang)
    })
}

/// What changed from revision `from` to revision `to`.
#[tauri::command]
pub fn diff_revisions(
    state: State<'_, AppState>,
    id: String,
    from: i64,
    to: i64,
    lang: ShellLang,
) -> Result<RevisionDiff, IpcError> {
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        let read = |n: i64| {
            let markdown = lib.revision_markdown(&id, n).or_ipc(lang)?;
            qalam_core::article::parse(&markdown)
                .map_err(|source| LibraryError::Stored { id: id.clone(), source })
                .or_ipc(lang)
        };
        Ok(diff_articles(&read(from)?, &read(to)?))
    })
}
