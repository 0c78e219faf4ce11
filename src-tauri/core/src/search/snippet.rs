//! A short extract of a text around the words that matched a query, with the matches marked.
//! It works on the original text (not the index's shadow), so the reader sees what they wrote.

use serde::Serialize;

use super::{term, words};

/// An extract and the byte ranges inside it that matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The extract with every match wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut last = 0;
        for &(s, e) in &self.highlights {
            out.push_str(&self.text[last..s]);
            out.push_str(open);
            out.push_str(&self.text[s..e]);
            out.push_str(close);
            last = e;
        }
        out.push_str(&self.text[last..]);
        out
    }
}

/// Builds an extract of about `width` words around the first word of `text` that matches one of
/// the query's terms; None when no word matches. Terms are computed only up to the end of the
/// extract: this runs for every hit shown.
pub fn snippet(text: &str, query_terms: &[String], width: usize) -> Option<Snippet> {
    let all: Vec<(usize, &str)> = words(text).collect();
    let matches = |w: &str| term(w).is_some_and(|t| query_terms.contains(&t));
    let first = all.iter().position(|(_, w)| matches(w))?;
    let from = first.saturating_sub(width / 3);
    let to = (from + width).min(all.len());
    let start = all[from].0;
    let end = all[to - 1].0 + all[to - 1].1.len();
    let mut body = String::new();
    if from > 0 {
        body.push('…');
    }
    let offset = body.len();
    body.push_str(&text[start..end]);
    let highlights = (first..to)
        .filter(|&i| i == first || matches(all[i].1))
        .map(|i| (all[i].0 - start + offset, all[i].0 - start + offset + all[i].1.len()))
        .collect();
    if to < all.len() {
        body.push('…');
    }
    Some(Snippet { text: body.replace('\n', " "), highlights })
}
