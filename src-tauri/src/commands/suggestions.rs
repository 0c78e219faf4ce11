//! Suggestions on a story: listed, proposed from the window's suggesting mode, accepted,
//! rejected, withdrawn and replied to — each a signed change through the library's one entry.

use qalam_core::library::suggestions::Suggestion;
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::workflow::event::Anchor;
use serde::Deserialize;
use tauri::State;

use super::comments::is_bounded;
use super::review::signed_then;
use super::ArticleRef;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;

#[tauri::command]
pub fn list_suggestions(
    state: State<'_, AppState>,
    args: ArticleRef,
    lang: ShellLang,
) -> Result<Vec<Suggestion>, IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| lib.suggestions(&id).or_ipc(lang))
}

/// Runs one signed change to the story's suggestions and answers with the list.
fn signed_change(
    state: State<'_, AppState>,
    id: &str,
    passphrase: Option<String>,
    lang: ShellLang,
    change: impl FnOnce(&mut Library, &Signer) -> Result<(), ReviewError>,
) -> Result<Vec<Suggestion>, IpcError> {
    signed_then(state, id, passphrase, lang, change, |lib| lib.suggestions(id))
}

/// What `suggest_change` is given: the words replaced (or an insertion's place) and the words
/// proposed instead (empty: a deletion).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SuggestChangeArgs {
    pub id: String,
    pub anchor: Anchor,
    pub replacement: String,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn suggest_change(
    state: State<'_, AppState>,
    args: SuggestChangeArgs,
    lang: ShellLang,
) -> Result<Vec<Suggestion>, IpcError> {
    let SuggestChangeArgs { id, anchor, replacement, passphrase } = args;
    if !is_bounded(&anchor) {
        let lang = lang.into();
        return Err(IpcError::invalid(lang, "موضع الاقتراح أطول من المسموح", "the suggestion's place is too long"));
    }
    signed_change(state, &id, passphrase, lang, |lib, signer| lib.suggest(&id, anchor, &replacement, signer).map(drop))
}

/// What happens to a suggestion.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub enum SuggestionDecision {
    Accept,
    Reject,
    Withdraw,
}

/// What `decide_suggestion` is given: one suggestion, or (none) every open one — accept or
/// reject all.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DecideSuggestionArgs {
    pub id: String,
    pub suggestion: Option<String>,
    pub decision: SuggestionDecision,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn decide_suggestion(
    state: State<'_, AppState>,
    args: DecideSuggestionArgs,
    lang: ShellLang,
) -> Result<Vec<Suggestion>, IpcError> {
    let DecideSuggestionArgs { id, suggestion, decision, passphrase } = args;
    signed_change(state, &id, passphrase, lang, |lib, signer| match (decision, suggestion.as_deref()) {
        (SuggestionDecision::Accept, Some(s)) => lib.accept_suggestion(&id, s, signer).map(drop),
        (SuggestionDecision::Reject, Some(s)) => lib.reject_suggestion(&id, s, signer).map(drop),
        (SuggestionDecision::Withdraw, Some(s)) => lib.withdraw_suggestion(&id, s, signer).map(drop),
        (SuggestionDecision::Accept, None) => lib.accept_all_suggestions(&id, signer).map(drop),
        (SuggestionDecision::Reject | SuggestionDecision::Withdraw, None) => {
            lib.reject_all_suggestions(&id, signer).map(drop)
        }
    })
}

/// What `reply_suggestion` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReplySuggestionArgs {
    pub id: String,
    pub suggestion: String,
    pub text: String,
    pub passphrase: Option<String>,
}

#[tauri::command]
pub fn reply_suggestion(
    state: State<'_, AppState>,
    args: ReplySuggestionArgs,
    lang: ShellLang,
) -> Result<Vec<Suggestion>, IpcError> {
    let ReplySuggestionArgs { id, suggestion, text, passphrase } = args;
    signed_change(state, &id, passphrase, lang, |lib, signer| {
        lib.reply_to_suggestion(&id, &suggestion, &text, signer).map(drop)
    })
}
