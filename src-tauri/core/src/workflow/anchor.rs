//! Finding a comment's words again. A comment keeps what it quotes with some text either side
//! and where it was; after edits the quote is looked for in the current text, and where it
//! occurs more than once, the occurrence whose surroundings and position best match wins. A
//! quote that is gone leaves the comment detached — listed, never lost.
//!
//! Offsets are in characters (Unicode scalar values) of the field's plain text.

use super::event::{Anchor, AnchorField};

/// How much text either side of a quote an anchor keeps.
pub const CONTEXT_CHARS: usize = 32;

/// How many characters of its context a quote found again must still have beside it (fewer when
/// the anchor kept fewer): the same words elsewhere, in another sentence, are not its place.
const WORDS_CONTEXT: usize = 4;

/// The same for an insertion's place, which has no words of its own to go by.
const POINT_CONTEXT: usize = 8;

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

/// Where the anchor's words are in `text` now (character offsets), if they still are. Words whose
/// harakat, tatweel or hamza were changed since are still found (as the search folds them); an
/// anchor of no words (a suggested insertion) is found between its context.
pub fn locate(anchor: &Anchor, text: &str) -> Option<(usize, usize)> {
    if anchor.exact.is_empty() {
        return locate_point(anchor, text).map(|at| (at, at));
    }
    best_place(
        anchor,
        text,
        text.match_indices(anchor.exact.as_str()).map(|(byte, _)| {
            let start = text[..byte].chars().count();
            (start, start + anchor.exact.chars().count())
        }),
    )
    .or_else(|| locate_folded(anchor, text))
}

/// The best of the places the anchor's words occur with enough of their context beside them:
/// context matters most, the old position breaks ties.
fn best_place(anchor: &Anchor, text: &str, places: impl Iterator<Item = (usize, usize)>) -> Option<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let needed = WORDS_CONTEXT.min(anchor.prefix.chars().count() + anchor.suffix.chars().count());
    places
        .filter_map(|(start, end)| {
            let before: String = chars[..start].iter().collect();
            let after: String = chars[end..].iter().collect();
            let context = common_suffix(&before, &anchor.prefix) + common_prefix(&after, &anchor.suffix);
            let score = (context as i64) * 1_000_000 - (start as i64 - anchor.start as i64).abs();
            (context >= needed).then_some((start, end, score))
        })
        .max_by_key(|&(start, _, score)| (score, std::cmp::Reverse(start)))
        .map(|(start, end, _)| (start, end))
}

/// The anchor's words found with harakat, tatweel and hamza folded on both sides; the range
/// returned covers the words as they are now, marks included.
fn locate_folded(anchor: &Anchor, text: &str) -> Option<(usize, usize)> {
    let (wanted, _) = folded(&anchor.exact);
    if wanted.is_empty() {
        return None;
    }
    let (folded_text, origin) = folded(text);
    let wanted: String = wanted.into_iter().collect();
    let haystack: String = folded_text.iter().collect();
    let places = haystack.match_indices(wanted.as_str()).map(|(byte, _)| {
        let first = haystack[..byte].chars().count();
        let last = first + wanted.chars().count() - 1;
        let start = origin[first];
        // The last letter's own marks belong to the words.
        let mut end = origin[last] + 1;
        let chars: Vec<char> = text.chars().collect();
        while end < chars.len() && folds_away(chars[end]) {
            end += 1;
        }
        (start, end)
    });
    let places: Vec<(usize, usize)> = places.collect();
    best_place(anchor, text, places.into_iter())
}

/// `text` folded letter by letter, with each folded letter's index in `text`.
fn folded(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut letters = Vec::new();
    let mut origin = Vec::new();
    for (i, c) in text.chars().enumerate() {
        for f in crate::search::normalize::normalize_word(c.encode_utf8(&mut [0; 4])).chars() {
            letters.push(f);
            origin.push(i);
        }
    }
    (letters, origin)
}

fn folds_away(c: char) -> bool {
    crate::search::normalize::normalize_word(c.encode_utf8(&mut [0; 4])).is_empty()
}

/// Where an insertion's place is now: after its prefix and before its suffix, the place where
/// most of both still stand (enough of them that it is not a chance match).
fn locate_point(anchor: &Anchor, text: &str) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    let (prefix_len, suffix_len) = (anchor.prefix.chars().count(), anchor.suffix.chars().count());
    if prefix_len + suffix_len == 0 {
        return (anchor.start <= chars.len()).then_some(anchor.start);
    }
    let needed = POINT_CONTEXT.min(prefix_len + suffix_len);
    (0..=chars.len())
        .filter_map(|at| {
            let before: String = chars[at.saturating_sub(prefix_len)..at].iter().collect();
            let after: String = chars[at..(at + suffix_len).min(chars.len())].iter().collect();
            let (p, s) = (common_suffix(&before, &anchor.prefix), common_prefix(&after, &anchor.suffix));
            (p + s >= needed).then(|| ((p + s) as i64 * 1_000_000 - (at as i64 - anchor.start as i64).abs(), at))
        })
        .max_by_key(|&(score, at)| (score, std::cmp::Reverse(at)))
        .map(|(_, at)| at)
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
    fn words_whose_harakat_or_hamza_changed_are_found_whole() {
        let anchor = anchor_quote(AnchorField::Body, 1, TEXT, "ستُعرض غدًا").unwrap();
        let edited = TEXT.replace("ستُعرض غدًا", "سَتُعْرَضُ غداً");
        let (start, end) = locate(&anchor, &edited).unwrap();
        assert_eq!(edited.chars().skip(start).take(end - start).collect::<String>(), "سَتُعْرَضُ غداً");
        let hamza = anchor_quote(AnchorField::Body, 1, TEXT, "قال الوزير إن").unwrap();
        assert!(locate(&hamza, &TEXT.replace("إن", "ان")).is_some());
    }

    #[test]
    fn an_insertion_point_is_found_between_its_context_after_edits() {
        let at = TEXT.find("غدًا").unwrap();
        let point = anchor_at(AnchorField::Body, 1, TEXT, at, at);
        let edited = format!("عاجل: {TEXT}");
        let (start, end) = locate(&point, &edited).unwrap();
        assert_eq!(start, end);
        assert!(edited.chars().skip(start).collect::<String>().starts_with("غدًا"));
        // Both sides rewritten: the place is gone.
        assert_eq!(locate(&point, "نص آخر تمامًا لا يشبه الأول"), None);
    }

    #[test]
    fn the_same_words_in_another_sentence_are_not_their_place() {
        let text = "قالت الوزارة إن العجز سينخفض بنسبة ثلاثة.\nأما السعر فلا أحد يتوقع شيئا.";
        let anchor = anchor_quote(AnchorField::Body, 1, text, "سينخفض").unwrap();
        let edited = text.replace("العجز سينخفض", "العجز سيبقى على حاله").replace("يتوقع شيئا", "يتوقع أنه سينخفض");
        assert_eq!(locate(&anchor, &edited), None, "detached, not moved to another sentence");
        // An insertion whose neighbours were both changed a little is still found.
        let at = text.find(" بنسبة").unwrap() + " بنسبة ثلاثة".len();
        let point = anchor_at(AnchorField::Body, 1, text, at, at);
        let both = text.replace("سينخفض", "سيتراجع").replace("ثلاثة.", "ثلاثة في المئة.");
        let found = locate(&point, &both).expect("still placed").0;
        // Between its old neighbours: after «ثلاثة», before the end of the sentence.
        let before: String = both.chars().take(found).collect();
        assert!(before.contains("بنسبة ثلاثة") && !before.contains("أما"), "{before}");
    }

    #[test]
    fn deleted_words_leave_the_anchor_detached() {
        let anchor = anchor_quote(AnchorField::Body, 1, TEXT, "ناقصة").unwrap();
        assert_eq!(locate(&anchor, &TEXT.replace("ناقصة", "كاملة")), None);
    }
}
