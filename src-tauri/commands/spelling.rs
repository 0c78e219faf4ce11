//! Follows the open article's language with the spell checker.

use qalam_core::article::front_matter::is_plausible_language_tag;
use tauri::WebviewWindow;

use crate::dto::UiLang;
use crate::ipc_error::IpcError;

#[tauri::command]
pub fn set_spelling_language(window: WebviewWindow, language: String, lang: UiLang) -> Result<(), IpcError> {
    if !is_plausible_language_tag(&language) {
        return Err(IpcError::invalid(lang.into(), "رمز لغة غير صالح", "not a language tag"));
    }
    crate::spelling::apply(&window, &language);
    Ok(())
}
