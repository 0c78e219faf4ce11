//! Receiving an article from another machine — a review package handed over, or the desk's copy
//! pulled by sync: its pictures and text, and the events this library does not have yet, appended
//! in the sender's order — all in one transaction, and nothing at all if any event is not
//! authentic, is of another article, or does not follow the record (cut or reordered). An
//! event the one rule does not count here (an unknown key, a step its signer may not take, a
//! comment claiming a state) is kept in the record and shown as not counting, with why — never
//! applied — and the outcome names it; should the library come to trust its key (a roster
//! imported later), it counts from then on. Receiving the same thing twice changes nothing.
//!
//! The text: if only the sender changed it since the last revision both sides share, it becomes
//! the working copy; if only this side did, this side's stays; if both did, nothing is
//! overwritten — the sender's text is kept as an `incoming` revision and the article is marked in
//! conflict until someone merges (`conflict` / `resolve_conflict`). A hand-off whose sender's key
//! does not count here (unknown, or removed) never replaces the working copy either: its text
//! changes are kept as an `incoming` revision, in conflict, for someone to look at and merge.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::articles::{current_version, SaveKind};
use super::events;
use super::review_error::ReviewError;
use super::revisions::insert_revision;
use super::save::{canonical_markdown, create_in, save_in, store_pictures};
use super::standing;
use super::{Library, LibraryError};
use crate::article::Article;
use crate::hash::text_hash;
use crate::workflow::authority::{Why, MAX_EVENT_BYTES, MAX_RECORD_EVENTS};
use crate::workflow::{Event, EventBody};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum TextOutcome {
    /// The article was not here.
    Created,
    /// Only the sender had changed it: theirs is the working copy now.
    Updated,
    /// The sender's text is one this side already has (or is the same).
    Kept,
    /// Both sides changed it: both versions kept, the article marked in conflict.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoffOutcome {
    pub id: String,
    pub title: String,
    pub text: TextOutcome,
    pub events_added: usize,
    /// The new events that do not count here, each with why: kept in the record, never applied.
    pub not_counting: Vec<NotCounting>,
    /// The keys among them this library does not know, each once, with the name the events claim:
    /// the user may decide to trust them (`Library::trust_signer`) after checking the fingerprint.
    /// A hand-off's sender this library does not know is among them too.
    pub unknown_signers: Vec<UnknownSigner>,
    /// Who sealed a hand-off (none for the desk's copy, which the desk vouches for).
    pub handed_by: Option<HandedBy>,
}

/// The sender of a hand-off, by the key that sealed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HandedBy {
    pub fingerprint: crate::identity::Fingerprint,
    /// The name this library knows them by, or the name the seal claims when it does not know them.
    pub name: String,
    /// Whether the key counts here: trusted, removed by the desk, or unknown.
    pub standing: super::people::KeyStanding,
    /// A key not known here whose seal claims the name of someone this library trusts: that
    /// person's own key's fingerprint (the seal is not theirs).
    pub name_belongs_to: Option<crate::identity::Fingerprint>,
}

/// A key that signed events this library does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UnknownSigner {
    pub fingerprint: crate::identity::Fingerprint,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub public_key: crate::identity::PublicKey,
    /// The name its events claim (not known to be theirs).
    pub claimed_name: String,
}

/// An arrived event the one rule does not count in this library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCounting {
    /// Its place in what arrived (1 for the first event).
    pub position: usize,
    pub hash: String,
    pub why: Why,
}

/// Both sides of a conflict and the revision they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The common revision's text; empty when the two sides share none.
    pub base: String,
    pub ours: String,
    pub theirs: String,
    pub theirs_revision: i64,
}

/// An article as another machine has it: its text (pictures by `src`, with their bytes), its
/// record, and the hashes of the revisions the sender has, oldest first.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub id: String,
    pub article: Article,
    pub pictures: Vec<(String, Vec<u8>)>,
    pub events: Vec<crate::workflow::Event>,
    /// For a pull: when the desk received each event (ms), in the same order; empty for a hand-off.
    pub desk_times: Vec<i64>,
    pub revision_hashes: Vec<String>,
}

impl Library {
    /// Takes in a colleague's hand-off (see the module's comment for the text); what it brought
    /// goes on to the desk, if this library is joined to one. `sender_counts`: whether the key
    /// that sealed it counts here (else its text never replaces the working copy).
    pub fn receive_handed(&mut self, incoming: Incoming, sender_counts: bool) -> Result<HandoffOutcome, ReviewError> {
        self.receive_and_queue(incoming, true, sender_counts)
    }

    /// Takes in the desk's copy of an article (see the module's comment for the text); nothing is
    /// queued to go back.
    pub fn receive(&mut self, incoming: Incoming) -> Result<HandoffOutcome, ReviewError> {
        self.receive_and_queue(incoming, false, true)
    }

    fn receive_and_queue(
        &mut self,
        incoming: Incoming,
        queue: bool,
        sender_counts: bool,
    ) -> Result<HandoffOutcome, ReviewError> {
        let Incoming { id, article, pictures, events: incoming_events, desk_times, revision_hashes } = incoming;
        if !crate::article::model::is_valid_id(&id) {
            return Err(ReviewError::ForgedEvent { position: 0 });
        }
        if incoming_events.len() > MAX_RECORD_EVENTS {
            return Err(ReviewError::RecordFull { id, limit: MAX_RECORD_EVENTS });
        }
        if incoming_events.iter().any(|e| e.0.body.len() > MAX_EVENT_BYTES) {
            return Err(ReviewError::EventTooLarge { limit: MAX_EVENT_BYTES });
        }
        let mut bodies = Vec::with_capacity(incoming_events.len());
        for (i, event) in incoming_events.iter().enumerate() {
            match event.read() {
                Ok(body) if body.article == id && event.is_authentic(&body) => bodies.push(body),
                _ => return Err(ReviewError::ForgedEvent { position: i + 1 }),
            }
        }
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Every event is checked before anything is written: each must follow the record.
        let new = admit(&tx, &id, &incoming_events, &bodies)?;
        let title = article.meta.title.clone();
        let mut incoming = article;
        incoming.meta.id = Some(id.clone());
        let incoming = store_pictures(&tx, &incoming, &pictures, now)?;
        let theirs = canonical_markdown(&id, &incoming)?;
        let text = match current_version(&tx, &id)? {
            None => {
                create_in(&tx, now, &id, &incoming)?;
                TextOutcome::Created
            }
            Some(version) => {
                let (seq, ours): (i64, String) =
                    tx.query_row("SELECT seq, markdown FROM articles WHERE id = ?1", [&id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                let local = local_hashes(&tx, seq)?;
                let base = revision_hashes.iter().rev().find_map(|h| local.iter().find(|(_, l)| l == h));
                if theirs == ours || local.iter().any(|(_, h)| *h == text_hash(&theirs)) {
                    TextOutcome::Kept
                } else if sender_counts && base.is_some_and(|(_, h)| *h == text_hash(&ours)) {
                    save_in(&tx, now, &id, &incoming, version, SaveKind::Import)?;
                    TextOutcome::Updated
                } else {
                    let number = local.last().map_or(1, |(n, _)| n + 1);
                    insert_revision(&tx, seq, number, SaveKind::Incoming, &theirs, now)?;
                    tx.execute(
                        "UPDATE articles SET conflict_base = ?2, conflict_theirs = ?3 WHERE seq = ?1",
                        params![seq, base.map(|(n, _)| *n), number],
                    )?;
                    TextOutcome::Conflict
                }
            }
        };
        for &i in &new {
            events::append(&tx, &id, &incoming_events[i], now)?;
        }
        for (event, at) in incoming_events.iter().zip(&desk_times) {
            events::on_desk(&tx, &event.hash(), *at)?;
        }
        standing::refresh(&tx, &id)?;
        // What the one rule makes of the new events, said to whoever brought them.
        let lines = standing::record_lines(&tx, &id)?;
        let not_counting: Vec<NotCounting> = new
            .iter()
            .filter_map(|&i| {
                let hash = incoming_events[i].hash();
                let why = lines.iter().find(|l| l.hash == hash)?.refused.clone()?;
                Some(NotCounting { position: i + 1, hash, why })
            })
            .collect();
        let mut unknown_signers: Vec<UnknownSigner> = Vec::new();
        for n in &not_counting {
            let body = &bodies[n.position - 1];
            if matches!(n.why, Why::UnknownKey { .. }) && !unknown_signers.iter().any(|u| u.fingerprint == body.actor) {
                unknown_signers.push(UnknownSigner {
                    fingerprint: body.actor.clone(),
                    public_key: body.actor_key.clone(),
                    claimed_name: body.actor_name.clone(),
                });
            }
        }
        if queue {
            super::outbox::queue_change(&tx, &id, now)?;
        }
        tx.commit()?;
        Ok(HandoffOutcome { id, title, text, events_added: new.len(), not_counting, unknown_signers, handed_by: None })
    }

    /// The article's unresolved conflict, if it has one.
    pub fn conflict(&self, id: &str) -> Result<Option<Conflict>, LibraryError> {
        let row: Option<(Option<i64>, Option<i64>, String)> = self
            .conn
            .query_row("SELECT conflict_base, conflict_theirs, markdown FROM articles WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (base, theirs_revision, ours) = row.ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
        let Some(theirs_revision) = theirs_revision else { return Ok(None) };
        let base = match base {
            Some(n) => self.revision_markdown(id, n)?,
            None => String::new(),
        };
        Ok(Some(Conflict { base, ours, theirs: self.revision_markdown(id, theirs_revision)?, theirs_revision }))
    }

    /// Ends a conflict with the merged article as the working copy (a `merge` revision).
    pub fn resolve_conflict(&mut self, id: &str, merged: &Article, base_version: i64) -> Result<i64, LibraryError> {
        let now = self.now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = save_in(&tx, now, id, merged, base_version, SaveKind::Merge)?;
        tx.execute("UPDATE articles SET conflict_base = NULL, conflict_theirs = NULL WHERE id = ?1", [id])?;
        super::outbox::queue_change(&tx, id, now)?;
        tx.commit()?;
        Ok(outcome.version)
    }
}

fn local_hashes(tx: &rusqlite::Transaction, seq: i64) -> Result<Vec<(i64, String)>, LibraryError> {
    let mut stmt = tx.prepare("SELECT number, markdown FROM revisions WHERE article_seq = ?1 ORDER BY number")?;
    let rows = stmt.query_map([seq], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    rows.map(|r| r.map(|(n, m)| (n, text_hash(&m))).map_err(LibraryError::from)).collect()
}

/// Checks the incoming events against the stored record and returns the indexes of those to
/// append, in order: each new event must follow one already stored or one before it in what
/// arrives (else the record was cut or reordered), and the record must stay within its limit.
fn admit(
    tx: &rusqlite::Transaction,
    id: &str,
    events: &[Event],
    bodies: &[EventBody],
) -> Result<Vec<usize>, ReviewError> {
    let stored = standing::readable(tx, id)?;
    let mut known: HashSet<String> = stored.iter().map(|(s, _)| s.hash.clone()).collect();
    let incoming_hashes: Vec<String> = events.iter().map(Event::hash).collect();
    let mut new = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        if known.contains(&incoming_hashes[i]) {
            continue;
        }
        let placed = match &body.prev {
            None => known.is_empty(),
            Some(prev) => known.contains(prev),
        };
        if !placed {
            let reordered = body.prev.as_ref().is_some_and(|p| incoming_hashes[i..].contains(p));
            return Err(ReviewError::BrokenChain { position: i + 1, reordered });
        }
        known.insert(incoming_hashes[i].clone());
        new.push(i);
    }
    if stored.len() + new.len() > MAX_RECORD_EVENTS {
        return Err(ReviewError::RecordFull { id: id.into(), limit: MAX_RECORD_EVENTS });
    }
    Ok(new)
}
