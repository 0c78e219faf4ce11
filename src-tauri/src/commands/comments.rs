//! Comments on a story, private notes, and what changed between two revisions.

use qalam_core::diff::RevisionDiff;
use qalam_core::library::comments::CommentThread;
use qalam_core::library::notes::Note;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::event::Anchor;
use tauri::State;

use super::review::signed_then;
use super::ArticleRef;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;
use serde::Deserialize;

#[tauri::command]
pub fn list_comments(
    state: State<'_, AppState>,
    args: ArticleRef,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    let ArticleRef { id } = args;
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
    signed_then(state, id, passphrase, lang, change, |lib| lib.comment_threads(id))
}

/// What `add_comment` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddCommentArgs {
    pub id: String,
    pub anchor: Anchor,
    pub text: String,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn add_comment(
    state: State<'_, AppState>,
    args: AddCommentArgs,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    let AddCommentArgs { id, anchor, text, passphrase } = args;
    if anchor.exact.trim().is_empty() || !is_bounded(&anchor) {
        let lang = lang.into();
        return Err(IpcError::invalid(lang, "اختر الكلمات التي تعلّق عليها", "select the words to comment on"));
    }
    signed_change(state, &id, passphrase, lang, |lib, signer| lib.comment(&id, anchor, &text, signer).map(drop))
}

/// Whether an anchor from the webview is within the sizes the core keeps: the one rule's bound
/// (`workflow::anchor::is_bounded`), so what the window sends is refused here, in words, rather
/// than signed and then not counted. An empty quote is an insertion's place.
pub(super) fn is_bounded(anchor: &Anchor) -> bool {
    qalam_core::workflow::anchor::is_bounded(anchor, qalam_core::workflow::anchor::MAX_QUOTE_CHARS)
}

/// What `reply_comment` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReplyCommentArgs {
    pub id: String,
    pub thread: String,
    pub text: String,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn reply_comment(
    state: State<'_, AppState>,
    args: ReplyCommentArgs,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    let ReplyCommentArgs { id, thread, text, passphrase } = args;
    signed_change(state, &id, passphrase, lang, |lib, signer| lib.reply(&id, &thread, &text, signer).map(drop))
}

/// What `resolve_comment` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ResolveCommentArgs {
    pub id: String,
    pub thread: String,
    pub resolved: bool,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn resolve_comment(
    state: State<'_, AppState>,
    args: ResolveCommentArgs,
    lang: ShellLang,
) -> Result<Vec<CommentThread>, IpcError> {
    let ResolveCommentArgs { id, thread, resolved, passphrase } = args;
    signed_change(state, &id, passphrase, lang, |lib, signer| {
        lib.set_resolved(&id, &thread, resolved, signer).map(drop)
    })
}

#[tauri::command]
pub fn list_notes(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<Vec<Note>, IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.notes(&id).or_ipc(lang))
}

/// What `add_note` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddNoteArgs {
    pub id: String,
    pub text: String,
}

#[tauri::command]
pub fn add_note(state: State<'_, AppState>, args: AddNoteArgs, lang: ShellLang) -> Result<Vec<Note>, IpcError> {
    let AddNoteArgs { id, text } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        lib.add_note(&id, &text).or_ipc(lang)?;
        lib.notes(&id).or_ipc(lang)
    })
}

/// What `diff_revisions` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DiffRevisionsArgs {
    pub id: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub from: i64,
    #[cfg_attr(test, ts(type = "number"))]
    pub to: i64,
}

/// What changed from revision `from` to revision `to`.
#[tauri::command]
pub fn diff_revisions(
    state: State<'_, AppState>,
    args: DiffRevisionsArgs,
    lang: ShellLang,
) -> Result<RevisionDiff, IpcError> {
    let DiffRevisionsArgs { id, from, to } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.diff_revisions(&id, from, to).or_ipc(lang))
}
