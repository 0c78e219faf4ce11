//! Arabic-aware search terms. SQLite's FTS5 does not fold Arabic (see `docs/arabic-reference.md`),
//! so the library indexes a *shadow* of each text: every word normalized and lightly stemmed here,
//! following Lucene's Arabic analyzer. Queries go through exactly the same function, which is what
//! makes «الاسد» find «الأسد» and «مزارع» find «المزارعين».

pub mod normalize;
pub mod snippet;
pub mod stem;
pub mod stopwords;
pub mod variants;

use normalize::normalize_word;
use stem::stem;

/// Splits text into words: runs of letters, digits and the marks that sit inside Arabic words.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = iter.peek() {
            if is_word_char(c) {
                break;
            }
            iter.next();
        }
        let (start, _) = *iter.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        Some((start, &text[start..end]))
    })
}

fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Arabic text is nearly all of a story: its block's answers are worked out once (Unicode's
        // tables for a non-ASCII letter were a quarter of a save's time).
        0x0600..=0x06FF => ARABIC_WORD_CHARS.get_or_init(arabic_word_chars)[(c as usize) - 0x0600],
        _ => is_word_char_slow(c),
    }
}

fn is_word_char_slow(c: char) -> bool {
    c.is_alphanumeric() || crate::article::inline_text::is_arabic_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

static ARABIC_WORD_CHARS: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();

fn arabic_word_chars() -> [bool; 256] {
    std::array::from_fn(|i| char::from_u32(0x0600 + i as u32).is_some_and(is_word_char_slow))
}

/// The search term of one word: lowercased, digits folded, normalized, stemmed, and a listed
/// name's spelling folded to its preferred one ([`variants`]); None for stop words and words that
/// normalize to nothing.
pub fn term(word: &str) -> Option<String> {
    let normalized = normalize_word(word);
    if normalized.is_empty() || stopwords::is_stop_word(&normalized) {
        return None;
    }
    Some(variants::fold(stem(&normalized)))
}

/// The most words whose terms a thread keeps between calls; past it the memo starts again (a
/// newsroom's vocabulary is tens of thousands of words, so this is rarely reached).
const MEMO_WORDS: usize = 200_000;

thread_local! {
    /// Each word's term, kept between calls: an autosave re-indexes a whole article of which one
    /// sentence changed, and analysing every distinct word again was most of a save's time.
    static TERMS: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The shadow text the index stores for `text`: its terms separated by spaces.
pub fn shadow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    TERMS.with_borrow_mut(|memo| {
        if memo.len() > MEMO_WORDS {
            memo.clear();
        }
        for (_, word) in words(text) {
            let known = match memo.get(word) {
                Some(known) => known,
                None => memo.entry(word.to_string()).or_insert_with(|| term(word)),
            };
            if let Some(t) = known {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
    });
    out
}

/// The terms of a query, in order, without repeats.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for (_, word) in words(query) {
        if let Some(t) = term(word) {
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    terms
}

/// An FTS5 MATCH expression that requires every term: each is quoted as a string so that FTS5
/// syntax characters in a query can never change its meaning.
pub fn fts_match_expression(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_word_test_answers_as_unicode_does() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "U+{:04X}", c as u32);
        }
    }
}
