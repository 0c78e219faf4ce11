//! Spell checking in the editor, in the article's language.
//!
//! Qalam's own checker (`qalam_core::spelling`, over the system's hunspell dictionaries) is used
//! wherever the language has a dictionary: the editor sends paragraph texts after a pause and
//! underlines what comes back, so typing never waits for a dictionary. Measured under Xvfb with
//! a 10,000-word article: WebKitGTK's own checker, which checks each finished word synchronously,
//! held keystroke-to-frame p95 at ≈ 40–55 ms; without it, ≈ 13 ms. The webview's own checker
//! serves the form's short fields, switched on when one is first focused (its dictionaries cost
//! ≈ 20 MiB), and the body too where Qalam has no dictionary (or on the other platforms'
//! webviews, which check natively).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use qalam_core::spelling::{dictionary_dirs, Speller};

/// Loaded dictionaries by language (None: none installed), shared by the spelling commands; a
/// clone is another handle on the same dictionaries, for a blocking thread.
#[derive(Default, Clone)]
pub struct Spellers {
    loaded: Arc<Mutex<HashMap<String, Option<Arc<Speller>>>>>,
}

impl Spellers {
    /// The speller for `language`, loading its dictionaries the first time (≈ 0.1 s for Arabic).
    pub fn get(&self, language: &str) -> Option<Arc<Speller>> {
        let key = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if let Some(found) = self.loaded.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return found.clone();
        }
        let speller = Speller::load(&key, &dictionary_dirs()).map(Arc::new);
        self.loaded.lock().unwrap_or_else(|e| e.into_inner()).insert(key, speller.clone());
        speller
    }
}

/// Switches the webview's own spell checker on, in `language` and English.
#[cfg(target_os = "linux")]
pub fn set_native<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, language: &str) {
    let languages = dictionaries(language);
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            let names: Vec<&str> = languages.iter().map(String::as_str).collect();
            context.set_spell_checking_enabled(true);
            context.set_spell_checking_languages(&names);
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn set_native<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>, _language: &str) {}

/// The webview dictionaries for an article in `language` (a BCP 47 tag): its own first, then
/// English for the Latin names and quotes Arabic news carries.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub fn dictionaries(language: &str) -> Vec<String> {
    let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let mut out = vec![match primary.as_str() {
        "en" => "en_US".to_string(),
        "" => "ar".to_string(),
        other => other.to_string(),
    }];
    if primary != "en" {
        out.push("en_US".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dictionaries;

    #[test]
    fn the_articles_language_comes_first() {
        assert_eq!(dictionaries("ar"), ["ar", "en_US"]);
        assert_eq!(dictionaries("ar-IQ"), ["ar", "en_US"]);
        assert_eq!(dictionaries("en"), ["en_US"]);
        assert_eq!(dictionaries("fa"), ["fa", "en_US"]);
    }
}
