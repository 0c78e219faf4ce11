//! Arabic house-style warnings (`docs/arabic-reference.md`): Latin punctuation after Arabic
//! words, spacing around punctuation, tatweel, doubled punctuation, double spaces, mixed digits.

use super::finding::{Finding, FindingKind};
use super::texts_by_line;
use crate::article::{Article, SourceMap};

pub fn check(article: &Article, map: &SourceMap) -> Vec<Finding> {
    let texts = texts_by_line(article, map);
    let mut out = Vec::new();
    for &(line, text) in &texts {
        check_run(text, line, &mut out);
    }
    check_digits(&texts, &mut out);
    out
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

const PUNCTUATION: [char; 9] = ['،', '؛', '؟', '.', ':', '!', ',', ';', '?'];

fn check_run(text: &str, line: usize, out: &mut Vec<Finding>) {
    let chars: Vec<char> = text.chars().collect();
    let mut reported = std::collections::HashSet::new();
    let mut report = |kind: FindingKind, out: &mut Vec<Finding>| {
        if reported.insert(kind.code()) {
            out.push(Finding::new(line, kind));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        if matches!(c, ',' | ';' | '?') {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
            if before.is_some_and(|&b| is_arabic_letter(b)) {
                report(FindingKind::LatinPunctuation(c), out);
            }
        }
        if PUNCTUATION.contains(&c) && prev.is_some_and(|p| p == ' ') && i > 1 {
            // "Like this ..." opens an ellipsis; only a lone mark after a space is a mistake.
            if !(c == '.' && next == Some('.')) {
                report(FindingKind::SpaceBeforePunctuation(c), out);
            }
        }
        if matches!(c, '،' | '؛' | '؟') && next.is_some_and(|n| n.is_alphabetic()) {
            report(FindingKind::NoSpaceAfterPunctuation(c), out);
        }
        if c == '\u{0640}' {
            report(FindingKind::Tatweel, out);
        }
        if matches!(c, '،' | '؛' | '؟' | '!' | '?' | ',' | ';' | ':') && next == Some(c) {
            report(FindingKind::DoubledPunctuation(c), out);
        }
        if c == ' ' && next == Some(' ') {
            report(FindingKind::DoubleSpace, out);
        }
    }
}

/// Western and Arabic-Indic digits in one article: warn once, where the rarer style first appears.
fn check_digits(texts: &[(usize, &str)], out: &mut Vec<Finding>) {
    let is_indic = |c: char| ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c);
    let count =
        |pred: &dyn Fn(char) -> bool| texts.iter().map(|(_, t)| t.chars().filter(|&c| pred(c)).count()).sum::<usize>();
    let western = count(&|c| c.is_ascii_digit());
    let indic = count(&is_indic);
    if western == 0 || indic == 0 {
        return;
    }
    let rarer: &dyn Fn(char) -> bool = if indic <= western { &is_indic } else { &|c: char| c.is_ascii_digit() };
    if let Some((line, _)) = texts.iter().find(|(_, t)| t.chars().any(rarer)) {
        out.push(Finding::new(*line, FindingKind::MixedDigits));
    }
}
