//! Where a text meets a house-style rule. Words are compared as search folds them (hamza forms,
//! harakat, tatweel, ta marbuta, case), whole words only — a fragment of a word never matches —
//! and an Arabic word may carry the prefixes written joined to it (و ف ب ل ك and the article),
//! which the replacement keeps: «وترامب» reads «وترمب». Spelling variants are *not* folded here
//! (search folds ترامب and ترمب together; a style rule is exactly what tells them apart).

use std::collections::HashMap;
use std::ops::Range;

use super::rule::{HouseStyle, StyleRule};
use crate::search::normalize::normalize_word;
use crate::search::words;

/// Prefixes written joined to an Arabic word, longest first (folded, as `normalize_word` gives).
const JOINED_PREFIXES: [&str; 17] =
    ["وبال", "وكال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك"];

/// The most hits one text yields (a pasted word list must not flood the window).
pub const MAX_HITS: usize = 200;

/// One place a rule applies: the byte range in the text, the words as written there, and what
/// they would read with the rule's replacement (the joined prefix kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleHit<'r> {
    pub rule: &'r StyleRule,
    pub range: Range<usize>,
    pub found: String,
    pub replacement: Option<String>,
}

/// A rule's spelling, folded word by word.
struct Spelling<'r> {
    rule: &'r StyleRule,
    words: Vec<String>,
}

/// The active rules' spellings, folded once and found by their first word: made once for all
/// the texts of an article.
pub struct RuleIndex<'r> {
    by_first: HashMap<String, Vec<Spelling<'r>>>,
}

/// Every place in `text` where an active rule of `style` applies (see [`RuleIndex::hits`]).
pub fn find_hits<'r>(text: &str, style: &'r HouseStyle) -> Vec<RuleHit<'r>> {
    RuleIndex::new(style).hits(text)
}

impl<'r> RuleIndex<'r> {
    pub fn new(style: &'r HouseStyle) -> RuleIndex<'r> {
        let mut by_first: HashMap<String, Vec<Spelling<'r>>> = HashMap::new();
        for rule in style.active() {
            for spelling in &rule.find {
                let folded: Vec<String> = words(spelling).map(|(_, w)| normalize_word(w)).collect();
                if let Some(first) = folded.first() {
                    by_first.entry(first.clone()).or_default().push(Spelling { rule, words: folded });
                }
            }
        }
        RuleIndex { by_first }
    }

    /// Every place in `text` where an active rule applies, in order, at most [`MAX_HITS`]. A
    /// place that already reads as the replacement is not reported.
    pub fn hits(&self, text: &str) -> Vec<RuleHit<'r>> {
        if self.by_first.is_empty() {
            return Vec::new();
        }
        let by_first = &self.by_first;
        let split: Vec<(usize, &str, String)> = words(text).map(|(at, w)| (at, w, normalize_word(w))).collect();
        let mut hits = Vec::new();
        let mut next_free = 0;
        for i in 0..split.len() {
            if hits.len() == MAX_HITS {
                break;
            }
            if i < next_free {
                continue;
            }
            let Some((spelling, prefix)) = best_at(&split, i, text, by_first) else { continue };
            let last = i + spelling.words.len() - 1;
            let range = split[i].0..split[last].0 + split[last].1.len();
            let found = text[range.clone()].to_string();
            let replacement = spelling
                .rule
                .replace
                .as_ref()
                .map(|r| format!("{}{r}", written_prefix(split[i].1, prefix.chars().count())));
            if replacement.as_deref() == Some(found.as_str()) {
                continue;
            }
            next_free = last + 1;
            hits.push(RuleHit { rule: spelling.rule, range, found, replacement });
        }
        hits
    }
}

/// The longest spelling that starts at word `i` (with or without a joined prefix), and that prefix.
fn best_at<'s, 'r>(
    split: &[(usize, &str, String)],
    i: usize,
    text: &str,
    by_first: &'s HashMap<String, Vec<Spelling<'r>>>,
) -> Option<(&'s Spelling<'r>, &'static str)> {
    let word = &split[i].2;
    let arabic = word.chars().next().is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c));
    let joined: &[&'static str] = if arabic { &JOINED_PREFIXES } else { &[] };
    let prefixes = std::iter::once("").chain(joined.iter().copied());
    let mut best: Option<(&Spelling<'r>, &'static str)> = None;
    for prefix in prefixes {
        let Some(rest) = word.strip_prefix(prefix) else { continue };
        // A prefix must leave a word of two letters or more (و alone is not «و» + nothing).
        if !prefix.is_empty() && rest.chars().count() < 2 {
            continue;
        }
        for spelling in by_first.get(rest).into_iter().flatten() {
            if follows(split, i, text, &spelling.words)
                && best.is_none_or(|(b, _)| spelling.words.len() > b.words.len())
            {
                best = Some((spelling, prefix));
            }
        }
    }
    best
}

/// Whether the words after `i` are the spelling's next words, with only spaces between them.
fn follows(split: &[(usize, &str, String)], i: usize, text: &str, spelling: &[String]) -> bool {
    spelling.iter().enumerate().skip(1).all(|(k, want)| {
        split.get(i + k).is_some_and(|(at, _, folded)| {
            let (prev_at, prev, _) = split[i + k - 1];
            folded == want && text[prev_at + prev.len()..*at].chars().all(|c| c == ' ' || c == '\u{00A0}')
        })
    })
}

/// The first `letters` letters of `word` as written, with the marks that sit on them.
fn written_prefix(word: &str, letters: usize) -> &str {
    if letters == 0 {
        return "";
    }
    let mut seen = 0;
    for (at, c) in word.char_indices() {
        if !normalize_word(c.encode_utf8(&mut [0; 4])).is_empty() {
            if seen == letters {
                return &word[..at];
            }
            seen += 1;
        }
    }
    word
}
