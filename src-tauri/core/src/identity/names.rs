//! People's names as colleagues read them beside a step. A name may not carry characters that
//! change how the text around it reads or that hide in it — control characters, bidirectional
//! controls (an override could show «ed» as «de»), zero-width and other invisible format
//! characters — and two names that read alike (differing in spaces, letter case, tatweel or
//! harakat, or those characters) are the same name when a roster is compared with whom a library
//! trusts.

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether `name` may be a person's name: not empty, not too long, nothing hidden in it.
pub fn is_acceptable(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !name.chars().any(|c| c.is_control() || is_invisible_format(c))
}

/// What a name is compared by: its letters, case folded, with spaces collapsed and tatweel,
/// harakat and invisible characters removed.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars().filter(|c| !is_invisible_format(*c) && !is_tatweel_or_haraka(*c)) {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Whether `text` shows anything a reader could read: something other than spaces, control and
/// invisible format characters, fillers and blank glyphs, tatweel or harakat on their own. A
/// reason made only of those says nothing.
pub fn shows_something(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_whitespace()
            && !c.is_control()
            && !is_invisible_format(c)
            && !is_tatweel_or_haraka(c)
            && !matches!(c,
                '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
                | '\u{2065}' | '\u{206A}'..='\u{206F}' | '\u{2800}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
    })
}

/// Unicode format characters that do not show: bidirectional marks, embeddings, overrides and
/// isolates, zero-width spaces and joiners, word joiners, the byte-order mark, soft hyphens.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

fn is_tatweel_or_haraka(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{064B}'..='\u{0652}' | '\u{0670}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_of_invisible_characters_shows_nothing() {
        for blank in [
            "",
            "   ",
            "\u{200B}",
            "\u{202E}\u{200F}",
            "\u{FEFF}\u{00AD}",
            "\u{0640}\u{064E}",
            "\u{3164}",
            "\u{2800}",
            "\u{1}\u{7}",
        ] {
            assert!(!shows_something(blank), "{blank:?}");
        }
        for reason in ["المصدر غير مؤكد", "x", "؟", "\u{200B}لماذا"] {
            assert!(shows_something(reason), "{reason:?}");
        }
    }

    #[test]
    fn names_that_read_alike_are_one_name_and_hidden_characters_are_refused() {
        for alike in ["ed", " ed", "ed ", "Ed", "ED", "e\u{00A0}d"] {
            assert_eq!(name_key(alike).replace(' ', ""), "ed", "{alike:?}");
        }
        assert_eq!(name_key("مـهَا"), name_key("مها"));
        assert_eq!(name_key("سامي  نور"), name_key("سامي نور"));
        for hidden in ["ed\u{200B}", "\u{202E}ed", "e\u{2066}d", "\u{FEFF}ed", "ed\u{0007}", "", "   "] {
            assert!(!is_acceptable(hidden), "{hidden:?}");
        }
        assert!(is_acceptable("ليلى حسن"));
        assert!(is_acceptable("Layla Hassan"));
        assert!(!is_acceptable(&"ن".repeat(201)));
    }
}
