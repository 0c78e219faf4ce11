//! Suggestions on an article: words proposed in place of others (or added, or taken out) without
//! touching the text, then accepted — applied as a new revision, in the same transaction as the
//! signed acceptance —, rejected or withdrawn. Each is an event on the record; the list is read
//! back from it, as the one rule counts it, and anchored in the working copy.

use serde::Serialize;

use super::comments::CommentEntry;
use super::profile::Signer;
use super::review_error::ReviewError;
use super::workflow::{NewText, Step, StepOutcome};
use super::{Library, LibraryError};
use crate::article::text_field::{field_text, replace_in_field, AnchorField};
use crate::article::Article;
use crate::diff::{diff_articles, AcceptedChange, RevisionDiff};
use crate::identity::Fingerprint;
use crate::workflow::anchor::{anchor_at, anchor_quote, locate, locate_as, QuoteProblem, Strictness};
use crate::workflow::event::Anchor;
use crate::workflow::suggestion::{settle, SuggestionChange, SuggestionOp, SuggestionProblem, SuggestionStatus};
use crate::workflow::EventKind;

/// Where a suggestion stands, as the window and `qalam suggestions` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Suggestion {
    pub id: String,
    pub anchor: Anchor,
    /// The words proposed (empty: the anchored words deleted).
    pub replacement: String,
    pub status: SuggestionStatus,
    /// Where its words are in the working copy now; none when they were edited away (an open
    /// suggestion then is detached: listed, never lost, and can only be rejected or withdrawn).
    pub located: Option<(usize, usize)>,
    pub by: String,
    pub fingerprint: Fingerprint,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub time: i64,
    /// Who accepted, rejected or withdrew it, and when.
    pub decided: Option<Decision>,
    /// A rejection or withdrawal made apart while someone accepted it: the acceptance stands.
    pub overruled: Option<Decision>,
    pub replies: Vec<CommentEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Decision {
    pub status: SuggestionStatus,
    pub by: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub time: i64,
    /// The revision its event was signed on (for an acceptance: the one that applied it).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
}

impl Suggestion {
    pub fn is_open(&self) -> bool {
        self.status == SuggestionStatus::Open
    }

    pub fn is_detached(&self) -> bool {
        self.is_open() && self.located.is_none()
    }
}

/// What `accept --all` did: the suggestions applied, and those left open because their words
/// are gone or cannot be applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllDecided {
    pub decided: Vec<String>,
    pub skipped: Vec<String>,
    pub outcome: Option<StepOutcome>,
}

impl Library {
    /// The anchor of the one place `quote` occurs in `field` (or, with none, in the body, else
    /// the title, the kicker or the standfirst).
    pub fn anchor_for_quote_in(
        &self,
        id: &str,
        field: Option<AnchorField>,
        quote: &str,
    ) -> Result<Anchor, ReviewError> {
        quote_anchor(&self.load(id)?.article, self.revision_count(id)?, field, quote)
    }

    /// The place right after the one occurrence of `after` in `field`: where an insertion goes
    /// (with `after` empty, the start of `field` when it is empty).
    pub fn anchor_after(&self, id: &str, field: Option<AnchorField>, after: &str) -> Result<Anchor, ReviewError> {
        let (article, revision) = (self.load(id)?.article, self.revision_count(id)?);
        // Words for a field that has none yet (a kicker for a story without one): its start.
        if let (Some(field), true) = (field, after.trim().is_empty()) {
            if field_text(&article, field).is_empty() {
                return Ok(anchor_at(field, revision, "", 0, 0));
            }
        }
        let words = quote_anchor(&article, revision, field, after)?;
        let text = field_text(&article, words.field);
        let end = byte_of(&text, words.end);
        Ok(anchor_at(words.field, words.revision, &text, end, end))
    }

    /// Proposes `replacement` for the anchored words (empty: delete them; an anchor of no words:
    /// insert). Refused here, before it is signed, when it could not be applied as it stands.
    /// Returns the suggestion's id.
    pub fn suggest(
        &mut self,
        id: &str,
        anchor: Anchor,
        replacement: &str,
        signer: &Signer,
    ) -> Result<(String, StepOutcome), ReviewError> {
        let article = self.load(id)?.article;
        let text = field_text(&article, anchor.field);
        // The words as this library's text has them (the window counts its offsets its own way;
        // they only say which occurrence is meant), and the anchor remade from that text.
        let (start, end) =
            locate(&anchor, &text).ok_or_else(|| ReviewError::QuoteNotFound { quote: anchor.exact.clone() })?;
        let anchor = anchor_at(anchor.field, anchor.revision, &text, byte_of(&text, start), byte_of(&text, end));
        let anchor = match replacement.is_empty() {
            true => with_its_space(&text, anchor),
            false => anchor,
        };
        replace_in_field(&article, anchor.field, anchor.start, anchor.end, replacement)
            .map_err(ReviewError::CannotSuggest)?;
        let suggestion = crate::hash::new_id();
        let change = SuggestionChange {
            op: SuggestionOp::Propose,
            suggestion: suggestion.clone(),
            anchor: Some(anchor),
            replacement: Some(replacement.to_string()),
            text: None,
        };
        let outcome = self.step(id, Step::Suggestion(change), None, signer, None)?;
        Ok((suggestion, outcome))
    }

    /// Accepts a suggestion: its words replace the ones it anchors, as a new revision signed by
    /// the acceptance.
    pub fn accept_suggestion(
        &mut self,
        id: &str,
        suggestion: &str,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        let stored = self.load(id)?;
        let found = self.suggestion(id, suggestion)?;
        let edited = apply(&stored.article, &found)?;
        let step = Step::Suggestion(decision(SuggestionOp::Accept, suggestion));
        self.steps(id, vec![step], None, signer, None, Some(NewText { article: &edited, base_version: stored.version }))
    }

    pub fn reject_suggestion(
        &mut self,
        id: &str,
        suggestion: &str,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        self.settle(id, suggestion, SuggestionOp::Reject, signer)
    }

    pub fn withdraw_suggestion(
        &mut self,
        id: &str,
        suggestion: &str,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        self.settle(id, suggestion, SuggestionOp::Withdraw, signer)
    }

    /// A rejection or a withdrawal of an open suggestion: the text stays as it is.
    fn settle(
        &mut self,
        id: &str,
        suggestion: &str,
        op: SuggestionOp,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        let found = self.suggestion(id, suggestion)?;
        if !found.is_open() {
            let problem = SuggestionProblem::Closed { suggestion: found.id, status: found.status };
            return Err(ReviewError::Suggestion(problem));
        }
        self.step(id, Step::Suggestion(decision(op, suggestion)), None, signer, None)
    }

    pub fn reply_to_suggestion(
        &mut self,
        id: &str,
        suggestion: &str,
        text: &str,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        self.suggestion(id, suggestion)?;
        let text = super::comments::checked_text(text)?;
        let change = SuggestionChange { text: Some(text), ..decision(SuggestionOp::Reply, suggestion) };
        self.step(id, Step::Suggestion(change), None, signer, None)
    }

    /// Accepts every open suggestion that can be applied, oldest first, as one revision; those
    /// whose words are gone (or were changed by one accepted before them) stay open.
    pub fn accept_all_suggestions(&mut self, id: &str, signer: &Signer) -> Result<AllDecided, ReviewError> {
        let stored = self.load(id)?;
        let mut article = stored.article.clone();
        let (mut decided, mut skipped) = (Vec::new(), Vec::new());
        for s in self.suggestions(id)?.into_iter().filter(Suggestion::is_open) {
            let located = locate_as(&s.anchor, &field_text(&article, s.anchor.field), Strictness::Apply);
            let here = Suggestion { located, ..s };
            match apply(&article, &here) {
                Ok(edited) => {
                    article = edited;
                    decided.push(here.id);
                }
                Err(_) => skipped.push(here.id),
            }
        }
        if decided.is_empty() {
            return Ok(AllDecided { decided, skipped, outcome: None });
        }
        let steps = decided.iter().map(|s| Step::Suggestion(decision(SuggestionOp::Accept, s))).collect();
        let text = NewText { article: &article, base_version: stored.version };
        let outcome = self.steps(id, steps, None, signer, None, Some(text))?;
        Ok(AllDecided { decided, skipped, outcome: Some(outcome) })
    }

    /// Rejects every open suggestion, detached ones too.
    pub fn reject_all_suggestions(&mut self, id: &str, signer: &Signer) -> Result<AllDecided, ReviewError> {
        let decided: Vec<String> =
            self.suggestions(id)?.into_iter().filter(Suggestion::is_open).map(|s| s.id).collect();
        if decided.is_empty() {
            return Ok(AllDecided { decided, skipped: Vec::new(), outcome: None });
        }
        let steps = decided.iter().map(|s| Step::Suggestion(decision(SuggestionOp::Reject, s))).collect();
        let outcome = self.steps(id, steps, None, signer, None, None)?;
        Ok(AllDecided { decided, skipped: Vec::new(), outcome: Some(outcome) })
    }

    /// One suggestion, as listed.
    pub fn suggestion(&self, id: &str, suggestion: &str) -> Result<Suggestion, ReviewError> {
        self.suggestions(id)?
            .into_iter()
            .find(|s| s.id == suggestion)
            .ok_or_else(|| ReviewError::Suggestion(SuggestionProblem::Unknown { suggestion: suggestion.into() }))
    }

    /// The article's suggestions, oldest first, anchored in the working copy.
    pub fn suggestions(&self, id: &str) -> Result<Vec<Suggestion>, ReviewError> {
        let lines = self.record(id)?;
        if !lines.iter().any(|l| matches!(l.body.kind, EventKind::Suggestion(_))) {
            return Ok(Vec::new());
        }
        let article = self.load(id)?.article;
        let mut list: Vec<Suggestion> = Vec::new();
        for line in lines {
            let body = &line.body;
            let EventKind::Suggestion(change) = &body.kind else { continue };
            let Some(known) = line.known.as_ref().filter(|_| line.refused.is_none()) else { continue };
            let decided =
                |status| Decision { status, by: known.name.clone(), time: body.time, revision: body.revision };
            match (change.op, &change.anchor) {
                (SuggestionOp::Propose, Some(anchor)) => list.push(Suggestion {
                    id: change.suggestion.clone(),
                    located: locate_as(anchor, &field_text(&article, anchor.field), Strictness::Apply),
                    anchor: anchor.clone(),
                    replacement: change.replacement.clone().unwrap_or_default(),
                    status: SuggestionStatus::Open,
                    by: known.name.clone(),
                    fingerprint: body.actor.clone(),
                    time: body.time,
                    decided: None,
                    overruled: None,
                    replies: Vec::new(),
                }),
                (op, _) => {
                    let Some(s) = list.iter_mut().find(|s| s.id == change.suggestion) else { continue };
                    if op == SuggestionOp::Reply {
                        s.replies.push(CommentEntry {
                            author: known.name.clone(),
                            fingerprint: body.actor.clone(),
                            time: body.time,
                            text: change.text.clone().unwrap_or_default(),
                        });
                        continue;
                    }
                    // The same answer the rule gives: a decision made apart that gave way is
                    // listed as overruled; an acceptance overruling a rejection lists that one.
                    let settled = settle(s.status, op);
                    let this = decided(op.decides().unwrap_or(SuggestionStatus::Open));
                    if settled.gave_way {
                        if this.status != SuggestionStatus::Accepted {
                            s.overruled = Some(this);
                        }
                        continue;
                    }
                    s.overruled = s.decided.take();
                    s.status = settled.status;
                    s.decided = Some(this);
                }
            }
        }
        Ok(list)
    }

    /// What changed from revision `from` to revision `to`, with the changes suggestions made
    /// between them (who proposed and who accepted each): the window, the CLI and the desk read
    /// the same answer.
    pub fn diff_revisions(&self, id: &str, from: i64, to: i64) -> Result<RevisionDiff, ReviewError> {
        let read = |n: i64| -> Result<Article, ReviewError> {
            let markdown = self.revision_markdown(id, n)?;
            Ok(crate::article::parse(&markdown).map_err(|source| LibraryError::Stored { id: id.into(), source })?)
        };
        let mut diff = diff_articles(&read(from)?, &read(to)?);
        let (low, high) = (from.min(to), from.max(to));
        diff.accepted = self
            .suggestions(id)?
            .into_iter()
            .filter_map(|s| {
                let d = s.decided.as_ref().filter(|d| d.status == SuggestionStatus::Accepted)?;
                (low < d.revision && d.revision <= high).then(|| AcceptedChange {
                    field: s.anchor.field.as_str().into(),
                    before: s.anchor.exact.clone(),
                    after: s.replacement.clone(),
                    suggested_by: s.by.clone(),
                    accepted_by: d.by.clone(),
                    revision: d.revision,
                })
            })
            .collect();
        Ok(diff)
    }

    /// How many suggestions on the article are open.
    pub fn open_suggestions(&self, id: &str) -> Result<usize, ReviewError> {
        Ok(self.suggestions(id)?.iter().filter(|s| s.is_open()).count())
    }
}

fn decision(op: SuggestionOp, suggestion: &str) -> SuggestionChange {
    SuggestionChange { op, suggestion: suggestion.into(), anchor: None, replacement: None, text: None }
}

/// The article with the suggestion's words applied where they are now.
fn apply(article: &Article, s: &Suggestion) -> Result<Article, ReviewError> {
    let id = || s.id.clone();
    if !s.is_open() {
        return Err(ReviewError::Suggestion(SuggestionProblem::Closed { suggestion: id(), status: s.status }));
    }
    let (start, end) =
        s.located.ok_or_else(|| ReviewError::Suggestion(SuggestionProblem::Detached { suggestion: id() }))?;
    replace_in_field(article, s.anchor.field, start, end, &s.replacement)
        .map_err(|_| ReviewError::Suggestion(SuggestionProblem::CannotApply { suggestion: id() }))
}

/// A deletion of words between spaces takes one of the spaces with it, so accepting it leaves
/// no double space behind.
fn with_its_space(text: &str, anchor: Anchor) -> Anchor {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (anchor.start, anchor.end);
    if start >= end || end > chars.len() {
        return anchor;
    }
    let space_before = start == 0 || chars[start - 1].is_whitespace();
    match chars.get(end) {
        Some(c) if c.is_whitespace() && space_before && !chars[start].is_whitespace() => {
            anchor_at(anchor.field, anchor.revision, text, byte_of(text, start), byte_of(text, end + 1))
        }
        _ => anchor,
    }
}

/// The anchor of the one place `quote` occurs in `field` of `article` (or, with none, in the
/// body, else the title, the kicker or the standfirst).
fn quote_anchor(
    article: &Article,
    revision: i64,
    field: Option<AnchorField>,
    quote: &str,
) -> Result<Anchor, ReviewError> {
    let fields = field
        .map_or(vec![AnchorField::Body, AnchorField::Title, AnchorField::Kicker, AnchorField::Standfirst], |f| vec![f]);
    for field in fields {
        match anchor_quote(field, revision, &field_text(article, field), quote) {
            Ok(anchor) => return Ok(anchor),
            Err(QuoteProblem::Ambiguous(times)) => {
                return Err(ReviewError::QuoteAmbiguous { quote: quote.into(), times })
            }
            Err(QuoteProblem::NotFound) => {}
        }
    }
    Err(ReviewError::QuoteNotFound { quote: quote.into() })
}

/// The byte offset of character `chars` of `text`.
fn byte_of(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(byte, _)| byte)
}
