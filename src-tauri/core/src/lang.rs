//! The user's language for messages. Every user-facing message in the core exists in Arabic and
//! English; callers pick one with [`Lang`].

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    /// Picks the language from a locale string such as `ar_IQ.UTF-8` or `en_GB`: Arabic for an
    /// Arabic locale, English for any other.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ar") {
            Lang::Ar
        } else {
            Lang::En
        }
    }

    /// The language a tag such as `ar`, `en`, `ar_IQ.UTF-8` or `en-GB` names, if Qalam speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['_', '-', '.']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// A path (or another left-to-right token) to put inside a message. In Arabic it is isolated
    /// as left-to-right (U+2066 … U+2069), so the bidirectional algorithm keeps its slashes and
    /// dots where they belong (`/tmp/a.md` would otherwise show as `tmp/a.md/`); English text
    /// gets it as it is.
    pub fn ltr(self, token: impl std::fmt::Display) -> String {
        match self {
            Lang::Ar => format!("\u{2066}{token}\u{2069}"),
            Lang::En => token.to_string(),
        }
    }

    /// Chooses between the two wordings of one message.
    pub fn pick<'a>(self, ar: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }
}

/// Something that can explain itself to the user in either language.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}

/// An error as an outbox row keeps it (the desk's outbox, the deliveries): its code and both
/// languages' words, so the window and the CLI show it in whichever language the user reads.
pub fn stored_error(code: &str, error: &dyn Localized) -> String {
    serde_json::json!({ "code": code, "en": error.message(Lang::En), "ar": error.message(Lang::Ar) }).to_string()
}

/// The words of a [`stored_error`] in `lang` (an older plain text is shown as it is).
pub fn stored_error_text(stored: &str, lang: Lang) -> String {
    let key = if lang == Lang::Ar { "ar" } else { "en" };
    serde_json::from_str::<serde_json::Value>(stored)
        .ok()
        .and_then(|v| v.get(key).and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| stored.to_string())
}

/// The longest text from another machine (a desk's or a site's error) shown to the user.
pub const MAX_FOREIGN_TEXT_CHARS: usize = 2000;

/// Text another machine wrote, made safe to put in a message: [`without_escapes`], cut at
/// [`MAX_FOREIGN_TEXT_CHARS`] (an error's words need no more).
pub fn printable(text: &str) -> String {
    let mut out: String = without_escapes(&text.chars().take(MAX_FOREIGN_TEXT_CHARS + 1).collect::<String>());
    if out.chars().count() > MAX_FOREIGN_TEXT_CHARS {
        out = out.chars().take(MAX_FOREIGN_TEXT_CHARS).collect();
        out.push('…');
    }
    out
}

/// Text someone else wrote (a signer's name and note, a desk's or a site's words), made safe to
/// print on one line of a terminal: control characters (escape sequences among them) become
/// spaces and bidirectional embeddings and overrides (which could show «approve» reversed, or
/// reorder the words around them) are dropped. Isolates and marks stay: Qalam's own Arabic
/// messages use them to keep paths and names in order, and they end with the line.
pub fn without_escapes(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_text_loses_escapes_and_overrides_and_is_cut() {
        assert_eq!(printable("refused\u{1b}[2J\u{1b}]0;owned\u{7}"), "refused [2J ]0;owned ");
        assert_eq!(printable("\u{202E}devorppa\u{202C} ok"), "devorppa ok");
        assert_eq!(printable("a\u{85}b\r\nc"), "a b  c");
        assert_eq!(printable("في \u{2066}/tmp/a\u{2069}"), "في \u{2066}/tmp/a\u{2069}");
        let long = printable(&"x".repeat(MAX_FOREIGN_TEXT_CHARS + 10));
        assert_eq!(long.chars().count(), MAX_FOREIGN_TEXT_CHARS + 1);
        assert_eq!(printable(&"x".repeat(MAX_FOREIGN_TEXT_CHARS)).chars().count(), MAX_FOREIGN_TEXT_CHARS);
        assert_eq!(without_escapes(&"ن\n".repeat(5000)).chars().count(), 10_000, "a note is not cut");
    }
}
