//! Spell checking for the editor: which checker serves the open article's language, the
//! misspelled words of paragraph texts, and suggestions for one word. Dictionary work runs on a
//! blocking thread, never on the webview's.

use qalam_core::lang::Lang;
use qalam_core::spelling::Misspelling;
use tauri::{State, WebviewWindow};

use super::blocking;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::spelling::{set_native, Spellers};
use crate::validate;
use serde::Deserialize;

/// The most text one check may carry (a 10,000-word article is about 120 KB).
const MAX_CHECK_BYTES: usize = 4 * 1024 * 1024;

/// What `set_spelling_language` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SetSpellingLanguageArgs {
    pub language: String,
}

/// Prepares spell checking for an article in `language`. True: Qalam checks the body (the editor
/// asks `check_spelling`); false: no dictionary here, so the webview's checker does it.
#[tauri::command]
pub async fn set_spelling_language(
    window: WebviewWindow,
    spellers: State<'_, Spellers>,
    args: SetSpellingLanguageArgs,
    lang: ShellLang,
) -> Result<bool, IpcError> {
    let SetSpellingLanguageArgs { language } = args;
    validate::language(&language, lang.into())?;
    let spellers = spellers.inner().clone();
    let key = language.clone();
    let ours = blocking(move || spellers.get(&key).is_some()).await?;
    // The webview's checker serves the body only where Qalam has no dictionary. The form's short
    // fields (title, standfirst…) ask for it when one is first focused (`use_webview_spelling`):
    // its dictionaries, Arabic and English, cost about 20 MiB that a session spent in the body
    // never needs.
    if !ours {
        set_native(&window, &language);
    }
    Ok(ours)
}

/// What `use_webview_spelling` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct UseWebviewSpellingArgs {
    pub language: String,
}

/// Switches the webview's own checker on in `language` (and English), for the form's short fields.
#[tauri::command]
pub fn use_webview_spelling(
    window: WebviewWindow,
    args: UseWebviewSpellingArgs,
    lang: ShellLang,
) -> Result<(), IpcError> {
    let UseWebviewSpellingArgs { language } = args;
    validate::language(&language, lang.into())?;
    set_native(&window, &language);
    Ok(())
}

/// What `check_spelling` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CheckSpellingArgs {
    pub texts: Vec<String>,
    pub language: String,
}

/// The misspelled words of each text, as UTF-16 offsets into it.
#[tauri::command]
pub async fn check_spelling(
    spellers: State<'_, Spellers>,
    args: CheckSpellingArgs,
    lang: ShellLang,
) -> Result<Vec<Vec<Misspelling>>, IpcError> {
    let CheckSpellingArgs { texts, language } = args;
    let lang: Lang = lang.into();
    validate::language(&language, lang)?;
    if texts.iter().map(String::len).sum::<usize>() > MAX_CHECK_BYTES {
        return Err(IpcError::invalid(
            lang,
            "النص أطول من أن يُدقَّق إملائيًا دفعة واحدة",
            "too much text to check at once",
        ));
    }
    let spellers = spellers.inner().clone();
    blocking(move || match spellers.get(&language) {
        Some(speller) => texts.iter().map(|t| speller.misspelled(t)).collect(),
        None => vec![Vec::new(); texts.len()],
    })
    .await
}

/// What `suggest_spelling` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct SuggestSpellingArgs {
    pub word: String,
    pub language: String,
}

/// Up to six suggestions for a misspelled word.
#[tauri::command]
pub async fn suggest_spelling(
    spellers: State<'_, Spellers>,
    args: SuggestSpellingArgs,
    lang: ShellLang,
) -> Result<Vec<String>, IpcError> {
    let SuggestSpellingArgs { word, language } = args;
    let lang: Lang = lang.into();
    validate::language(&language, lang)?;
    if word.chars().count() > 100 {
        return Err(IpcError::invalid(lang, "الكلمة أطول من المعقول", "the word is too long"));
    }
    let spellers = spellers.inner().clone();
    blocking(move || spellers.get(&language).map(|s| s.suggest(&word, 6)).unwrap_or_default()).await
}
