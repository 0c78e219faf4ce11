//! What readers are told of a story's public life beside its words: when it was updated (a
//! developing story published again with a new approval) and its corrections, in order, each with
//! its date and its public note. It is read from the story's signed record when the package is
//! made (`package::public_life`), travels in the package as `public-life.json`, and is shown the
//! same way everywhere the story goes: the page (with schema.org's `correction`), ninjs and the
//! WordPress post — so the words a correction signs are the words readers see.

use chrono::DateTime;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::presentation::Presentation;

/// The most corrections a package carries (a story corrected more often than this is a new story).
pub const MAX_CORRECTIONS: usize = 100;
/// The longest public note of a correction, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicLife {
    /// When the story was first published (ms since the epoch): an earlier revision's publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_published: Option<i64>,
    /// When this revision's text was written, shown as "updated" when it was published before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<i64>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<PublicCorrection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicCorrection {
    /// When it was signed (ms since the epoch).
    pub time: i64,
    /// What readers are told, in the publication's language.
    pub note: String,
}

impl PublicLife {
    pub fn is_empty(&self) -> bool {
        self.updated.is_none() && self.corrections.is_empty()
    }

    /// Whether it is one a package may carry: bounded, and every note says something.
    pub fn is_bounded(&self) -> bool {
        self.corrections.len() <= MAX_CORRECTIONS
            && self.corrections.iter().all(|c| !c.note.trim().is_empty() && c.note.chars().count() <= MAX_NOTE_CHARS)
    }

    /// «آخر تحديث: 6 كانون الأول 2026، 14:05», when there is one.
    pub fn updated_line(&self, lang: Lang, presentation: &Presentation) -> Option<String> {
        let when = when(self.updated?, lang, presentation);
        Some(format!("{} {when}", lang.pick("آخر تحديث:", "Updated:")))
    }

    /// «تصحيح» or «تصحيحات».
    pub fn corrections_heading(&self, lang: Lang) -> &'static str {
        match self.corrections.len() {
            1 => lang.pick("تصحيح", "Correction"),
            _ => lang.pick("تصحيحات", "Corrections"),
        }
    }

    /// Each correction as it is shown: its date, then its note (digits in the publication's style).
    pub fn correction_lines(&self, lang: Lang, presentation: &Presentation) -> Vec<(String, String)> {
        self.corrections.iter().map(|c| (when(c.time, lang, presentation), presentation.text(c.note.trim()))).collect()
    }
}

/// A time as the publication prints it, in its own zone: «6 كانون الأول 2026، 14:05».
pub fn when(millis: i64, lang: Lang, presentation: &Presentation) -> String {
    let zone = crate::zoned::zone_or_default(presentation.zone.as_deref());
    let Some(utc) = DateTime::from_timestamp_millis(millis) else { return String::new() };
    let local = utc.with_timezone(&zone);
    let separator = lang.pick("،", ",");
    let time = presentation.text(&local.format("%H:%M").to_string());
    format!("{}{separator} {time}", presentation.date(local.date_naive(), lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presentation::DigitStyle;

    #[test]
    fn a_correction_is_shown_in_the_publications_zone_and_digits() {
        // 2026-12-06T11:05:00Z is 14:05 in Baghdad.
        let life = PublicLife {
            first_published: Some(1_765_000_000_000),
            updated: Some(1_796_555_100_000),
            corrections: vec![PublicCorrection {
                time: 1_796_555_100_000, note: " ورد خطأً أن العدد 12. ".into()
            }],
        };
        let indic = Presentation { digits: DigitStyle::ArabicIndic, ..Presentation::default() };
        let lines = life.correction_lines(Lang::Ar, &indic);
        assert_eq!(lines, [("٦ كانون الأول ٢٠٢٦، ١٤:٠٥".to_string(), "ورد خطأً أن العدد ١٢.".to_string())]);
        assert_eq!(life.updated_line(Lang::En, &Presentation::default()).unwrap(), "Updated: 6 December 2026, 14:05");
        assert_eq!(life.corrections_heading(Lang::Ar), "تصحيح");
        assert!(life.is_bounded());
        let blank = PublicLife { corrections: vec![PublicCorrection { time: 0, note: " \n".into() }], ..life };
        assert!(!blank.is_bounded());
    }
}
