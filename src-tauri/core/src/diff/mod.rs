//! Comparing two revisions: which fields changed, and a word-level diff of the body that knows
//! Arabic — a word that differs only in its harakat or its hamza is reported as such, not as a
//! deletion and an insertion of unrelated words.

pub mod merge;
mod words;

pub use words::{diff_words, is_marks_only_change, tokens, WordChange, WordOp};

use serde::Serialize;

use crate::article::inline_text::blocks_plain_text;
use crate::article::Article;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FieldChange {
    /// The front-matter field's name in the file (`title`, `standfirst`, `tags`…).
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RevisionDiff {
    pub fields: Vec<FieldChange>,
    pub body: Vec<WordChange>,
    /// The suggestions accepted between the two revisions: the changes they made, and who
    /// proposed and accepted each. Every other change was made by editing directly.
    pub accepted: Vec<AcceptedChange>,
}

/// A change a suggestion made: proposed by one person, accepted by another (or the same).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AcceptedChange {
    /// `title`, `kicker`, `standfirst` or `body`.
    pub field: String,
    pub before: String,
    pub after: String,
    pub suggested_by: String,
    pub accepted_by: String,
    /// The revision the acceptance made.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
}

impl RevisionDiff {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.body.iter().all(|c| c.op == WordOp::Equal)
    }
}

/// What changed from `before` to `after`.
pub fn diff_articles(before: &Article, after: &Article) -> RevisionDiff {
    let (a, b) = (&before.meta, &after.meta);
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let list = |v: &[String]| v.join("، ");
    let related = |m: &crate::FrontMatter| m.related.iter().map(|r| r.title.clone()).collect::<Vec<_>>().join("؛ ");
    let candidates = [
        ("title", a.title.clone(), b.title.clone()),
        ("kicker", opt(&a.kicker), opt(&b.kicker)),
        ("standfirst", opt(&a.standfirst), opt(&b.standfirst)),
        ("category", opt(&a.category), opt(&b.category)),
        ("tags", list(&a.tags), list(&b.tags)),
        ("byline", opt(&a.byline), opt(&b.byline)),
        ("dateline", opt(&a.dateline), opt(&b.dateline)),
        ("date", a.date.map(|d| d.to_string()).unwrap_or_default(), b.date.map(|d| d.to_string()).unwrap_or_default()),
        ("language", a.language.clone(), b.language.clone()),
        (
            "hero",
            a.hero.as_ref().map(|h| h.src.clone()).unwrap_or_default(),
            b.hero.as_ref().map(|h| h.src.clone()).unwrap_or_default(),
        ),
        ("related", related(a), related(b)),
    ];
    let fields = candidates
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, before, after)| FieldChange { field: field.into(), before, after })
        .collect();
    let body = diff_words(&blocks_plain_text(&before.body), &blocks_plain_text(&after.body));
    RevisionDiff { fields, body, accepted: Vec::new() }
}
