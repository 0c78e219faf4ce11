//! Finding a comment's words again. A comment keeps what it quotes with some text either side
//! and where it was; after edits the quote is looked for in the current text, and where it
//! occurs more than once, the occurrence whose surroundings and position best match wins. A
//! quote that is gone leaves the comment detached — listed, never lost.
//!
//! Offsets are in characters (Unicode scalar values) of the field's plain text.

use super::event::{Anchor, AnchorField};

/// How much text either side of a quote an anchor keeps.
pub const CONTEXT_CHARS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteProblem {
    NotFound,
    Ambiguous(usize),
}

/// The anchor of the one place `quote` occurs in `text`.
pub fn anchor_quote(field: AnchorField, revision: i64, text: &str, quote: &str) -> Result<Anchor, QuoteProblem> {
    let quote = quote.trim();
    if quote.is_empty() {
        return Err(QuoteProblem::NotFound);
    }
    let places: Vec<usize> = text.match_indices(quote).map(|(byte, _)| byte).collect();
    match places.as_slice() {
        [] => Err(QuoteProblem::NotFound),
        [byte] => Ok(anchor_at(field, revision, text, *byte, *byte + quote.len())),
        many => Err(QuoteProblem::Ambiguous(many.len())),
    }
}

/// The anchor of `text[start..end]` (byte offsets on character boundaries).
pub fn anchor_at(field: AnchorField, revision: i64, text: &str, start: usize, end: usize) -> Anchor {
    let before = &text[..start];
    let after = &text[end..];
    Anchor {
        field,
        revision,
        start: before.chars().count(),
        end: before.chars().count() + text[start..end].chars().count(),
        exact: text[start..end].to_string(),
        prefix: last_chars(before, CONTEXT_CHARS).to_string(),
        suffix: after.chars().take(CONTEXT_CHARS).collect(),
    }
}

/// Where the anchor's words are in `text` now (character offsets), if they still are.
pub fn locate(anchor: &Anchor, text: &str) -> Option<(usize, usize)> {
    if anchor.exact.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize, i64)> = None;
    for (byte, _) in text.match_indices(anchor.exact.as_str()) {
        let start = text[..byte].chars().count();
        let end = start + anchor.exact.chars().count();
        let before = &text[..byte];
        let after = &text[byte + anchor.exact.len()..];
        let context = common_suffix(before, &anchor.prefix) + common_prefix(after, &anchor.suffix);
        // Context matters most; the old position breaks ties.
        let score = (context as i64) * 1_000_000 - (start as i64 - anchor.start as i64).abs();
        if best.is_none_or(|(_, _, s)| score > s) {
            best = Some((start, end, score));
        }
    }
    best.map(|(start, end, _)| (start, end))
}

fn last_chars(text: &str, n: usize) -> &str {
    let count = text.chars().count();
    match text.char_indices().nth(count.saturating_sub(n)) {
        Some((byte, _)) if count > n => &text[byte..],
        _ => text,
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "قال الوزير إن الميزانية ستُعرض غدًا، وقال النائب إن الميزانية ناقصة.";

    #[test]
    fn a_quote_found_once_is_anchored_with_its_context() {
        let anchor = anchor_quote(AnchorField::Body, 3, TEXT, "ستُعرض غدًا").unwrap();
        assert_eq!(anchor.exact, "ستُعرض غدًا");
        assert!(anchor.prefix.ends_with("الميزانية "));
        assert_eq!(locate(&anchor, TEXT), Some((anchor.start, anchor.end)));
        assert_eq!(anchor_quote(AnchorField::Body, 3, TEXT, "الميزانية"), Err(QuoteProblem::Ambiguous(2)));
        assert_eq!(anchor_quote(AnchorField::Body, 3, TEXT, "الرئيس"), Err(QuoteProblem::NotFound));
    }

    #[test]
    fn the_anchor_follows_its_words_through_edits_around_them() {
        let byte = TEXT.rfind("الميزانية").unwrap();
        let anchor = anchor_at(AnchorField::Body, 1, TEXT, byte, byte + "الميزانية".len());
        let edited = format!("عاجل: {}", TEXT.replace("وقال النائب", "وردّ النائب المعارض"));
        let (start, end) = locate(&anchor, &edited).unwrap();
        let found: String = edited.chars().skip(start).take(end - start).collect();
        assert_eq!(found, "الميزانية");
        // The second occurrence, not the first: its context is the one kept.
        let first = edited.find("الميزانية").unwrap();
        assert!(edited.chars().take(start).collect::<String>().len() > first);
    }

    #[test]
    fn deleted_words_leave_the_anchor_detached() {
        let anchor = anchor_quote(AnchorField::Body, 1, TEXT, "ناقصة").unwrap();
        assert_eq!(locate(&anchor, &TEXT.replace("ناقصة", "كاملة")), None);
    }
}
