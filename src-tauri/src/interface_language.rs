//! The interface language for what the system draws: GTK's file chooser and WebKitGTK's own menus
//! take their language from `LANGUAGE` (gettext) when the process starts, not from the page. The
//! page's choice is remembered in the config folder, and at the next start-up — before GTK
//! initialises — `LANGUAGE` is set to it, unless the user set `LANGUAGE` themselves. Qalam's
//! default interface is Arabic, so a first start asks GTK for Arabic too. (It takes effect where
//! the system has a locale other than C for messages; gettext ignores `LANGUAGE` under C.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use qalam_core::Lang;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{command, Manager, Runtime, State};

use crate::dto::UiLang;
use crate::ipc_error::IpcError;
use serde::Deserialize;

/// The interface language the shell answers in: the page's, as it last said it
/// (`remember_interface_language`, at start and on every change), else the remembered one. Every
/// command's messages follow it; no command is passed a language.
pub struct InterfaceLanguage(AtomicBool);

impl InterfaceLanguage {
    pub fn get(&self) -> Lang {
        if self.0.load(Ordering::Relaxed) {
            Lang::En
        } else {
            Lang::Ar
        }
    }

    fn set(&self, lang: Lang) {
        self.0.store(lang == Lang::En, Ordering::Relaxed);
    }
}

/// A command's language, taken from the shell's state — never from the page's arguments.
#[derive(Clone, Copy)]
pub struct ShellLang(pub Lang);

impl<'de, R: Runtime> CommandArg<'de, R> for ShellLang {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let state = command.message.webview_ref().try_state::<InterfaceLanguage>();
        Ok(ShellLang(state.map_or(Lang::Ar, |s| s.get())))
    }
}

impl From<ShellLang> for Lang {
    fn from(l: ShellLang) -> Lang {
        l.0
    }
}

const FILE_NAME: &str = "interface-language";

fn remembered_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("qalam").join(FILE_NAME))
}

/// The `LANGUAGE` value to set, if any: nothing when the user chose one, else the remembered
/// interface language (Arabic when none was remembered).
pub fn language_to_set(user_language: Option<&str>, remembered: Option<&str>) -> Option<&'static str> {
    if user_language.is_some_and(|l| !l.is_empty()) {
        return None;
    }
    Some(match remembered.map(str::trim) {
        Some("en") => "en",
        _ => "ar",
    })
}

/// Called first thing in `run()`, while the process has one thread and GTK has not started:
/// reads the remembered language once, for GTK's `LANGUAGE` and as the language the shell answers
/// in until the page says its own.
pub fn apply_before_gtk() -> InterfaceLanguage {
    let remembered = remembered_path().and_then(|p| std::fs::read_to_string(p).ok());
    let user = std::env::var("LANGUAGE").ok();
    if let Some(lang) = language_to_set(user.as_deref(), remembered.as_deref()) {
        std::env::set_var("LANGUAGE", lang);
    }
    let english = language_to_set(None, remembered.as_deref()) == Some("en");
    InterfaceLanguage(AtomicBool::new(english))
}

/// Writes `lang` as the remembered interface language (nothing when it is already that).
pub fn remember(path: &Path, lang: UiLang) -> std::io::Result<()> {
    let text = match lang {
        UiLang::Ar => "ar",
        UiLang::En => "en",
    };
    if std::fs::read_to_string(path).is_ok_and(|t| t.trim() == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// What `remember_interface_language` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RememberInterfaceLanguageArgs {
    pub lang: UiLang,
}

/// The page tells the shell its language: every answer from now on is in it, and the dialogs GTK
/// draws follow it from the next start on.
#[command]
pub fn remember_interface_language(
    current: State<'_, InterfaceLanguage>,
    args: RememberInterfaceLanguageArgs,
) -> Result<(), IpcError> {
    let RememberInterfaceLanguageArgs { lang } = args;
    current.set(lang.into());
    let Some(path) = remembered_path() else { return Ok(()) };
    remember(&path, lang).map_err(|e| IpcError::new(crate::ipc_error::ErrorCode::Failed, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remembered_language_is_asked_of_gtk_unless_the_user_chose_one() {
        assert_eq!(language_to_set(None, None), Some("ar"), "Qalam's default interface is Arabic");
        assert_eq!(language_to_set(None, Some("en\n")), Some("en"));
        assert_eq!(language_to_set(Some(""), Some("ar")), Some("ar"));
        assert_eq!(language_to_set(Some("fr"), Some("en")), None, "the user's own LANGUAGE wins");
    }

    #[test]
    fn remembering_writes_the_choice_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qalam").join(FILE_NAME);
        remember(&path, UiLang::En).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "en");
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        remember(&path, UiLang::En).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), written, "unchanged: not written again");
        remember(&path, UiLang::Ar).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ar");
    }
}
