//! Arabic-aware search terms. SQLite's FTS5 does not fold Arabic (see `docs/arabic-reference.md`),
//! so the library indexes a *shadow* of each text: every word normalized and lightly stemmed here,
//! following Lucene's Arabic analyzer. Queries go through exactly the same function, which is what
//! makes «الاسد» find «الأسد» and «مزارع» find «المزارعين».

pub mod normalize;
pub mod snippet;
pub mod stem;
pub mod stopwords;

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
    c.is_alphanumeric() || crate::article::inline_text::is_arabic_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

/// The search term of one word: lowercased, digits folded, normalized, stemmed; None for stop words
/// and words that normalize to nothing.
pub fn term(word: &str) -> Option<String> {
    let normalized = normalize_word(word);
    if normalized.is_empty() || stopwords::is_stop_word(&normalized) {
        return None;
    }
    Some(stem(&normalized))
}

/// The shadow text the index stores for `text`: its terms separated by spaces. News text repeats
/// its words, so each distinct word is analysed once per call.
pub fn shadow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut seen: std::collections::HashMap<&str, Option<String>> = std::collections::HashMap::new();
    for (_, word) in words(text) {
        if let Some(t) = seen.entry(word).or_insert_with(|| term(word)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
    }
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
