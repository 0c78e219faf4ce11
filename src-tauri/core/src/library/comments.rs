//! Comments on an article: threads anchored to words of the title, the standfirst or the body,
//! with replies, resolved and reopened. Each change is an event on the article's record; the
//! threads are read back from the record and re-anchored against the current working copy.

use serde::Serialize;

use super::profile::Signer;
use super::review_error::ReviewError;
use super::workflow::{Step, StepOutcome};
use super::Library;
use crate::article::text_field::field_text;
use crate::identity::Fingerprint;
use crate::workflow::anchor::locate;
use crate::workflow::event::{Anchor, CommentChange, CommentOp};
use crate::workflow::EventKind;

/// The most a comment may say.
pub const MAX_COMMENT_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommentThread {
    pub id: String,
    pub anchor: Anchor,
    /// Where its words are in the working copy now (characters of the field's plain text); none
    /// when they were deleted: the thread is detached, still listed.
    pub located: Option<(usize, usize)>,
    pub resolved: bool,
    pub comments: Vec<CommentEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommentEntry {
    pub author: String,
    pub fingerprint: Fingerprint,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub time: i64,
    pub text: String,
}

pub(super) fn checked_text(text: &str) -> Result<String, ReviewError> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_COMMENT_CHARS {
        return Err(ReviewError::EmptyComment);
    }
    Ok(text.to_string())
}

impl Library {
    /// The anchor of the one place `quote` occurs in the working copy (the body, else the title,
    /// the kicker or the standfirst).
    pub fn anchor_for_quote(&self, id: &str, quote: &str) -> Result<Anchor, ReviewError> {
        self.anchor_for_quote_in(id, None, quote)
    }

    /// Starts a thread on the one place `quote` occurs.
    pub fn comment_on_quote(
        &mut self,
        id: &str,
        quote: &str,
        text: &str,
        signer: &Signer,
    ) -> Result<(String, StepOutcome), ReviewError> {
        let anchor = self.anchor_for_quote(id, quote)?;
        self.comment(id, anchor, text, signer)
    }

    /// Starts a thread at `anchor` (the app anchors a selection itself). Returns the thread's id.
    pub fn comment(
        &mut self,
        id: &str,
        anchor: Anchor,
        text: &str,
        signer: &Signer,
    ) -> Result<(String, StepOutcome), ReviewError> {
        let thread = crate::hash::new_id();
        let change = CommentChange {
            op: CommentOp::Add,
            thread: thread.clone(),
            anchor: Some(anchor),
            text: Some(checked_text(text)?),
        };
        let outcome = self.step(id, Step::Comment(change), None, signer, None)?;
        Ok((thread, outcome))
    }

    pub fn reply(&mut self, id: &str, thread: &str, text: &str, signer: &Signer) -> Result<StepOutcome, ReviewError> {
        self.thread_change(id, thread, CommentOp::Reply, Some(checked_text(text)?), signer)
    }

    pub fn set_resolved(
        &mut self,
        id: &str,
        thread: &str,
        resolved: bool,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        let op = if resolved { CommentOp::Resolve } else { CommentOp::Reopen };
        self.thread_change(id, thread, op, None, signer)
    }

    fn thread_change(
        &mut self,
        id: &str,
        thread: &str,
        op: CommentOp,
        text: Option<String>,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        if !self.comment_threads(id)?.iter().any(|t| t.id == thread) {
            return Err(ReviewError::NoThread { id: id.into(), thread: thread.into() });
        }
        let change = CommentChange { op, thread: thread.into(), anchor: None, text };
        self.step(id, Step::Comment(change), None, signer, None)
    }

    /// The article's comment threads, oldest first, anchored in the working copy.
    pub fn comment_threads(&self, id: &str) -> Result<Vec<CommentThread>, ReviewError> {
        // The record as the one rule reads it: only comments that count, named as this library
        // knows their signers.
        let lines = self.record(id)?;
        if !lines.iter().any(|l| matches!(l.body.kind, EventKind::Comment(_))) {
            // No comments: the article need not be read (a long one takes a while to parse).
            self.version_of(id)?.ok_or_else(|| super::LibraryError::NotFound { id: id.into() })?;
            return Ok(Vec::new());
        }
        let article = self.load(id)?.article;
        let mut threads: Vec<CommentThread> = Vec::new();
        for line in lines {
            let body = &line.body;
            let EventKind::Comment(change) = &body.kind else { continue };
            let Some(known) = line.known.as_ref().filter(|_| line.refused.is_none()) else { continue };
            let entry = |text: &Option<String>| CommentEntry {
                author: known.name.clone(),
                fingerprint: body.actor.clone(),
                time: body.time,
                text: text.clone().unwrap_or_default(),
            };
            match (change.op, &change.anchor) {
                (CommentOp::Add, Some(anchor)) => threads.push(CommentThread {
                    id: change.thread.clone(),
                    located: locate(anchor, &field_text(&article, anchor.field)),
                    anchor: anchor.clone(),
                    resolved: false,
                    comments: vec![entry(&change.text)],
                }),
                (op, _) => {
                    let Some(thread) = threads.iter_mut().find(|t| t.id == change.thread) else { continue };
                    match op {
                        CommentOp::Reply => thread.comments.push(entry(&change.text)),
                        CommentOp::Resolve => thread.resolved = true,
                        CommentOp::Reopen => thread.resolved = false,
                        CommentOp::Add => {}
                    }
                }
            }
        }
        Ok(threads)
    }
}
