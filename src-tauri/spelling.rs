//! Spell checking in the editor, in the article's language. On Linux the webview is WebKitGTK,
//! whose spell checker (enchant with hunspell dictionaries, e.g. Debian's hunspell-ar) is off
//! until the app switches it on; the other platforms' webviews check `spellcheck` fields natively.

/// The dictionaries to use for an article in `language` (a BCP 47 tag): its own first, then
/// English for the Latin names and quotes Arabic news carries.
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

#[cfg(target_os = "linux")]
pub fn apply<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, language: &str) {
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
pub fn apply<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>, _language: &str) {}

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
