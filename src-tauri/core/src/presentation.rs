//! How the publication shows what it publishes: which digits (the text is stored as typed and
//! shaped only on output — the page, ninjs, WordPress) and whether the Hijri date stands beside
//! the Gregorian one. A chief sets both in the house style; nothing here changes stored text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{display_date, hijri_date};
use crate::lang::Lang;

/// The digits published text uses.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigitStyle {
    /// As the journalist typed them (no publication choice made).
    #[default]
    AsTyped,
    /// 0123456789 — the seed's house style.
    Western,
    /// ٠١٢٣٤٥٦٧٨٩, with the Arabic decimal and thousands separators between digits.
    ArabicIndic,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    #[serde(default)]
    pub digits: DigitStyle,
    /// «20 نيسان 2025 / 22 شوال 1446» (Umm al-Qura) where a date is shown.
    #[serde(default)]
    pub hijri: bool,
    /// The publication's time zone (an IANA name; none: Asia/Baghdad): local times typed for an
    /// embargo or a schedule are meant in it, and shown in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

impl Presentation {
    pub fn is_default(&self) -> bool {
        *self == Presentation::default()
    }

    /// `text` with its digits in the publication's style: words that hold a Latin letter (F-16,
    /// COVID-19, a web address), and a number right after one («iPhone 15»), keep theirs.
    pub fn text(&self, text: &str) -> String {
        shape_digits(text, self.digits)
    }

    /// A date as the publication prints it, the Hijri date beside it when asked for.
    pub fn date(&self, date: NaiveDate, lang: Lang) -> String {
        let shown = if self.hijri && lang == Lang::Ar {
            match hijri_date(date) {
                Some(hijri) => format!("{} / {hijri}", display_date(date, lang)),
                None => display_date(date, lang),
            }
        } else {
            display_date(date, lang)
        };
        self.text(&shown)
    }
}

const ARABIC_INDIC_ZERO: u32 = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO: u32 = 0x06F0;
const ARABIC_DECIMAL_SEPARATOR: char = '\u{066B}';
const ARABIC_THOUSANDS_SEPARATOR: char = '\u{066C}';
const ARABIC_PERCENT: char = '\u{066A}';

/// The value of a digit of any of the three sets.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - ARABIC_INDIC_ZERO),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - EXTENDED_ARABIC_INDIC_ZERO),
        _ => None,
    }
}

/// A word whose digits are not the publication's to shape: it holds a Latin letter (a model, a
/// code, an address), looks like an address, a handle or a hashtag, or is a dotted number of three
/// parts or more (a version, an IP address: its dots are not decimal points).
fn keeps_its_digits(word: &str) -> bool {
    let core = core_of(word);
    word.chars().any(|c| c.is_ascii_alphabetic())
        || word.contains("://")
        || word.contains('@')
        || core.contains('#')
        || (is_number_like(core) && core.matches('.').count() >= 2)
}

/// The word without the punctuation around it: «(15)،» → «15».
fn core_of(word: &str) -> &str {
    let edge = |c: char| !c.is_alphanumeric() && digit_value(c).is_none() && c != '#';
    word.trim_matches(edge)
}

/// Digits, with the separators numbers are written with (3.5, 1,200, 978-3-16, 10:30, 1/2).
fn is_number_like(word: &str) -> bool {
    word.chars().any(|c| digit_value(c).is_some())
        && word.chars().all(|c| digit_value(c).is_some() || ".,-/:\u{066B}\u{066C}".contains(c))
}

/// `text`'s digits in `style`, word by word (a word: what lies between white space).
pub fn shape_digits(text: &str, style: DigitStyle) -> String {
    if style == DigitStyle::AsTyped || !text.chars().any(|c| digit_value(c).is_some()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut word_start = 0;
    // A number right after a Latin word belongs to its name: «iPhone 15», «Windows 11».
    let mut after_latin = false;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_whitespace() {
            let word = &text[word_start..i];
            if !word.is_empty() {
                let latin = keeps_its_digits(word);
                let names_number = after_latin && is_number_like(core_of(word));
                if latin || names_number {
                    out.push_str(word);
                } else {
                    shape_word(word, style, &mut out);
                }
                after_latin = latin || names_number;
            }
            if i < text.len() {
                out.push(c);
            }
            word_start = i + c.len_utf8();
        }
    }
    out
}

fn shape_word(word: &str, style: DigitStyle, out: &mut String) {
    let chars: Vec<char> = word.chars().collect();
    let is_digit = |i: usize| chars.get(i).is_some_and(|&c| digit_value(c).is_some());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0 && is_digit(i - 1) && is_digit(i + 1);
        let after_digit = i > 0 && is_digit(i - 1);
        let shaped = match (style, c) {
            (_, c) if digit_value(c).is_some() => {
                let value = digit_value(c).unwrap_or(0);
                let zero = if style == DigitStyle::ArabicIndic { ARABIC_INDIC_ZERO } else { '0' as u32 };
                char::from_u32(zero + value).unwrap_or(c)
            }
            (DigitStyle::ArabicIndic, '.') if between_digits => ARABIC_DECIMAL_SEPARATOR,
            (DigitStyle::ArabicIndic, ',') if between_digits => ARABIC_THOUSANDS_SEPARATOR,
            (DigitStyle::ArabicIndic, '%') if after_digit => ARABIC_PERCENT,
            (DigitStyle::Western, ARABIC_DECIMAL_SEPARATOR) if between_digits => '.',
            (DigitStyle::Western, ARABIC_THOUSANDS_SEPARATOR) if between_digits => ',',
            (DigitStyle::Western, ARABIC_PERCENT) if after_digit => '%',
            _ => c,
        };
        out.push(shaped);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_arabic_text_take_the_publications_digits() {
        let typed = "قُتل ٣ وأصيب 12 في 2025، بنسبة 3.5% من 1,200 مقيم";
        assert_eq!(shape_digits(typed, DigitStyle::Western), "قُتل 3 وأصيب 12 في 2025، بنسبة 3.5% من 1,200 مقيم");
        assert_eq!(shape_digits(typed, DigitStyle::ArabicIndic), "قُتل ٣ وأصيب ١٢ في ٢٠٢٥، بنسبة ٣٫٥٪ من ١٬٢٠٠ مقيم");
        assert_eq!(shape_digits("٣٫٥٪ و١٬٢٠٠ و۴", DigitStyle::Western), "3.5% و1,200 و4");
        assert_eq!(shape_digits(typed, DigitStyle::AsTyped), typed);
    }

    #[test]
    fn latin_runs_addresses_and_handles_keep_their_digits() {
        for kept in ["F-16", "COVID-19", "https://example.com/2025/04", "www.site.iq/12", "a1@x.iq", "5G", "MH17"] {
            assert_eq!(shape_digits(kept, DigitStyle::ArabicIndic), kept);
        }
        // A number naming a Latin thing stays with it, punctuation and all; the next Arabic
        // number does not.
        assert_eq!(shape_digits("هاتف iPhone 15 بسعر 999", DigitStyle::ArabicIndic), "هاتف iPhone 15 بسعر ٩٩٩");
        assert_eq!(
            shape_digits(
                "أطلقت آبل iPhone 15. ونظام Windows 11، وiOS 17؟ ورحلة MS 985. وISBN 978-3-16",
                DigitStyle::ArabicIndic
            ),
            "أطلقت آبل iPhone 15. ونظام Windows 11، وiOS 17؟ ورحلة MS 985. وISBN 978-3-16"
        );
        // Hashtags, versions and addresses keep theirs; a decimal is still a number.
        assert_eq!(
            shape_digits("#وسم_2025 و#مصر2025 الإصدار 2.0.1 على 192.168.1.1 بنسبة 3.5", DigitStyle::ArabicIndic),
            "#وسم_2025 و#مصر2025 الإصدار 2.0.1 على 192.168.1.1 بنسبة ٣٫٥"
        );
        assert_eq!(shape_digits("#حرب_١٩٤٨", DigitStyle::Western), "#حرب_١٩٤٨");
        // A sentence end after a number is not a decimal point, nor a comma a separator.
        assert_eq!(shape_digits("عام 2025. ثم 3, 4", DigitStyle::ArabicIndic), "عام ٢٠٢٥. ثم ٣, ٤");
        // White space is kept as it was, to the character.
        assert_eq!(shape_digits(" 1\u{A0}2\n3 ", DigitStyle::ArabicIndic), " ١\u{A0}٢\n٣ ");
    }

    #[test]
    fn a_date_shows_the_hijri_date_beside_it_in_the_publications_digits() {
        let date = NaiveDate::from_ymd_opt(2025, 4, 20).unwrap();
        let hijri = Presentation { digits: DigitStyle::Western, hijri: true, zone: None };
        assert_eq!(hijri.date(date, Lang::Ar), "20 نيسان 2025 / 22 شوال 1446");
        let indic = Presentation { digits: DigitStyle::ArabicIndic, hijri: true, zone: None };
        assert_eq!(indic.date(date, Lang::Ar), "٢٠ نيسان ٢٠٢٥ / ٢٢ شوال ١٤٤٦");
        assert_eq!(Presentation::default().date(date, Lang::Ar), "20 نيسان 2025");
        assert_eq!(hijri.date(date, Lang::En), "20 April 2025");
    }
}
