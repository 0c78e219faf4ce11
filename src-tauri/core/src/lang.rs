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
