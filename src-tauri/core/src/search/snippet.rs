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

/// Builds an extract of about `width` words around the first stretch of `text` where the query's
/// terms match; None when no word of `text` matches.
pub fn snippet(text: &str, query_terms: &[String], width: usize) -> Option<Snippet> {
    let all: Vec<(usize, &str)> = words(text).collect();
    let hits: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| term(w).is_some_and(|t| query_terms.contains(&t)))
        .map(|(i, _)| i)
        .collect();
    let first = *hits.first()?;
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
    let highlights = hits
        .iter()
        .filter(|&&i| i >= from && i < to)
        .map(|&i| (all[i].0 - start + offset, all[i].0 - start + offset + all[i].1.len()))
        .collect();
    if to < all.len() {
        body.push('…');
    }
    Some(Snippet { text: body.replace('\n', " "), highlights })
}
