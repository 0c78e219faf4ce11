//! The word diff: texts cut into words and the spaces and punctuation between them, compared
//! with `similar` (Myers' algorithm over tokens), then each deleted word followed by an inserted
//! one that differs only in harakat, tatweel or the form of its hamza is made one `marks` change.

use std::collections::HashMap;

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::article::inline_text::is_arabic_mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum WordOp {
    Equal,
    Insert,
    Delete,
    /// The same word with other harakat or another hamza: `before` is the old spelling.
    Marks,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WordChange {
    pub op: WordOp,
    pub text: String,
    pub before: Option<String>,
}

/// Words (letters, digits and the marks inside them) and the runs between them.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_word: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let word = is_word_char(c);
        if in_word.is_some_and(|w| w != word) {
            out.push(&text[start..i]);
            start = i;
        }
        in_word = Some(word);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Letters, digits and the marks inside words; the common cases (ASCII, the Arabic letters and
/// harakat) are decided without Unicode's tables, which the diff of a long article would
/// otherwise consult for every character.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        _ if c.is_ascii() => false,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{064B}'..='\u{065F}' | '\u{0660}'..='\u{0669}' => true,
        '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{00AB}' | '\u{00BB}' | '\u{00A0}' => false,
        _ => c.is_alphanumeric() || is_arabic_mark(c),
    }
}

/// The word without harakat and tatweel, with every hamza form as its bare letter.
fn skeleton(word: &str) -> String {
    word.chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            'ئ' | 'ى' => 'ي',
            'ء' => '\u{0}',
            other => other,
        })
        .filter(|&c| c != '\u{0}')
        .collect()
}

/// Whether two different spellings are the same word but for harakat or hamza.
pub fn is_marks_only_change(before: &str, after: &str) -> bool {
    before != after && !before.is_empty() && skeleton(before) == skeleton(after)
}

/// Each token as the number of its first occurrence among all tokens numbered so far.
fn numbered<'a>(ids: &mut HashMap<&'a str, u32>, tokens: &[&'a str]) -> Vec<u32> {
    tokens
        .iter()
        .map(|t| {
            let next = ids.len() as u32;
            *ids.entry(t).or_insert(next)
        })
        .collect()
}

pub fn diff_words(before: &str, after: &str) -> Vec<WordChange> {
    let old = tokens(before);
    let new = tokens(after);
    // Compared as numbers (one per distinct token), not as strings: the diff's inner loop is
    // then an integer comparison.
    let mut ids = HashMap::with_capacity(old.len());
    let (old_ids, new_ids) = (numbered(&mut ids, &old), numbered(&mut ids, &new));
    let mut out: Vec<WordChange> = Vec::new();
    let push = |out: &mut Vec<WordChange>, op: WordOp, text: String, before: Option<String>| match out.last_mut() {
        Some(last) if last.op == op && op != WordOp::Marks => last.text.push_str(&text),
        _ => out.push(WordChange { op, text, before }),
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_ids, &new_ids) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                push(&mut out, WordOp::Equal, old[old_index..old_index + len].concat(), None)
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                push(&mut out, WordOp::Delete, old[old_index..old_index + old_len].concat(), None)
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                push(&mut out, WordOp::Insert, new[new_index..new_index + new_len].concat(), None)
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let (a, b) = (&old[old_index..old_index + old_len], &new[new_index..new_index + new_len]);
                if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y || is_marks_only_change(x, y)) {
                    for (x, y) in a.iter().zip(b) {
                        if x == y {
                            push(&mut out, WordOp::Equal, x.to_string(), None);
                        } else {
                            push(&mut out, WordOp::Marks, y.to_string(), Some(x.to_string()));
                        }
                    }
                } else {
                    push(&mut out, WordOp::Delete, a.concat(), None);
                    push(&mut out, WordOp::Insert, b.concat(), None);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(changes: &[WordChange]) -> Vec<(WordOp, &str)> {
        changes.iter().map(|c| (c.op, c.text.as_str())).collect()
    }

    #[test]
    fn words_are_inserted_and_deleted_whole() {
        let d = diff_words("قال الوزير اليوم", "قال الوزير الجديد اليوم");
        assert_eq!(
            ops(&d),
            vec![(WordOp::Equal, "قال الوزير "), (WordOp::Insert, "الجديد "), (WordOp::Equal, "اليوم")]
        );
        let d = diff_words("أعلنت الحكومة خطة", "أعلنت خطة");
        assert!(d.iter().any(|c| c.op == WordOp::Delete && c.text.contains("الحكومة")));
    }

    #[test]
    fn a_change_of_harakat_or_hamza_alone_is_shown_as_such() {
        let d = diff_words("كتب الطالب الدرس", "كَتَبَ الطالب الدرس");
        assert_eq!(d[0].op, WordOp::Marks);
        assert_eq!(d[0].before.as_deref(), Some("كتب"));
        let d = diff_words("قال ان الامر", "قال إن الأمر");
        assert_eq!(d.iter().filter(|c| c.op == WordOp::Marks).count(), 2);
        // Another word altogether is not a change of marks.
        let d = diff_words("قال ان", "قال كان");
        assert!(d.iter().all(|c| c.op != WordOp::Marks));
    }

    #[test]
    fn the_diff_rebuilds_both_texts() {
        let (a, b) = ("الأولى، والثانية! ثم الثالثة.", "الاولى والثانيةُ؛ ثم الرابعة.");
        let d = diff_words(a, b);
        let old: String =
            d.iter().filter(|c| c.op != WordOp::Insert).map(|c| c.before.clone().unwrap_or(c.text.clone())).collect();
        let new: String = d.iter().filter(|c| c.op != WordOp::Delete).map(|c| c.text.clone()).collect();
        assert_eq!((old.as_str(), new.as_str()), (a, b));
    }
}
