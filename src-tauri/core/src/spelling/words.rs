//! Finding words in running text, in the offsets a JavaScript editor uses (UTF-16 code units).
//! A word is a run of letters with their combining marks (harakat stay inside the word, tatweel
//! too); an apostrophe between Latin letters joins them (don't). Runs that hold a digit are not
//! words to check (2025, 2,000, F-16).

/// The writing system of a word, which picks its dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    /// Arabic, or any other non-Latin script: the article's own language.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSpan<'t> {
    pub text: &'t str,
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub script: Script,
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_mark(c) || c == '\u{0640}'
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}')
}

/// A word's letters: without its harakat and tatweel, as a dictionary knows it.
pub fn letters_of(word: &str) -> String {
    word.chars().filter(|&c| !(is_mark(c) || c == '\u{0640}')).collect()
}

/// The words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = WordSpan<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut utf16 = 0u32;
    while i < chars.len() {
        let (start_byte, c) = chars[i];
        if !(is_word_char(c) || c.is_ascii_digit()) {
            utf16 += c.len_utf16() as u32;
            i += 1;
            continue;
        }
        let start_utf16 = utf16;
        let mut has_digit = false;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j].1;
            let joins = (c == '\'' || c == '’')
                && j > i
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_alphabetic())
                && chars[j - 1].1.is_ascii_alphabetic();
            if !(is_word_char(c) || c.is_ascii_digit() || joins) {
                break;
            }
            has_digit |= c.is_numeric();
            utf16 += c.len_utf16() as u32;
            j += 1;
        }
        let end_byte = chars.get(j).map_or(text.len(), |c| c.0);
        let word = &text[start_byte..end_byte];
        if !has_digit {
            let script = if word.chars().any(|c| c.is_ascii_alphabetic()) { Script::Latin } else { Script::Other };
            out.push(WordSpan { text: word, start_utf16, end_utf16: utf16, script });
        }
        i = j;
    }
    out.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, u32, u32)> {
        words(text).map(|w| (w.text, w.start_utf16, w.end_utf16)).collect()
    }

    #[test]
    fn words_with_their_utf16_offsets() {
        assert_eq!(spans("قوات «عين الأسد»"), [("قوات", 0, 4), ("عين", 6, 9), ("الأسد", 10, 15)]);
        assert_eq!(
            spans("من نحو 2,000 جندي (Pentagon's)"),
            [("من", 0, 2), ("نحو", 3, 6), ("جندي", 13, 17), ("Pentagon's", 19, 29)]
        );
        assert_eq!(spans("تَمَرْكُز F-16 😀x"), [("تَمَرْكُز", 0, 9), ("F", 10, 11), ("x", 17, 18)]);
    }
}
