//! Workflow steps on the library's articles: each one checked by [`crate::workflow::decide`],
//! recorded as a signed event chained to the article's previous one, in one transaction with the
//! revision it is about and the article's state.

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::Serialize;

use super::articles::SaveKind;
use super::events;
use super::profile::Signer;
use super::review_error::ReviewError;
use super::revisions::{insert_revision, latest_revision};
use super::standing;
use super::{Library, LibraryError};
use crate::article::Article;
use crate::hash::sha256_hex;
use crate::identity::Fingerprint;
use crate::workflow::audit::{audit, AuditReport, RecordLine};
use crate::workflow::authority::{Known, MAX_EVENT_BYTES, MAX_RECORD_EVENTS};
use crate::workflow::event::EVENT_FORMAT;
use crate::workflow::suggestion::{self, SuggestionChange, SuggestionProblem};
use crate::workflow::{decide, says_why, Action, ArticleStatus, Event, EventBody, EventKind, Refusal};

/// What a step did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepOutcome {
    pub id: String,
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub revision: i64,
    /// The new event's hash.
    pub event: String,
}

/// The step's kind and how it moves the state.
pub(super) enum Step {
    Transition(Action),
    /// Comments leave the state as it is; anyone may comment.
    Comment(crate::workflow::event::CommentChange),
    /// So do suggestions; what each person may do to one is [`suggestion::judge`]'s.
    Suggestion(SuggestionChange),
    /// So do embargoes; who may set or lift one is [`crate::workflow::embargo::judge`]'s.
    Embargo(crate::workflow::embargo::EmbargoChange),
}

/// A new text a step records first, in its transaction (accepted suggestions), and the working
/// copy's version it was made from.
pub(super) struct NewText<'a> {
    pub article: &'a Article,
    pub base_version: i64,
}

/// An approval is bound to the exact revision and package it was prepared for.
pub(crate) struct Bound {
    pub revision: i64,
    pub package_hash: String,
    pub package_files: Vec<(String, String)>,
    pub web_text_hash: String,
    /// The time the event is signed with, when the package shows it (a correction's date): set
    /// moments before by the same caller from this library's clock.
    pub time: Option<i64>,
}

struct ArticleRow {
    status: ArticleStatus,
    markdown: String,
    trashed: bool,
    author: Option<String>,
    /// The last event that counts: the one a new event follows.
    last_event: Option<String>,
}

impl Library {
    /// Takes a workflow step (not an approval, which [`crate::package::approve`] binds to its package).
    pub fn act(
        &mut self,
        id: &str,
        action: Action,
        note: Option<&str>,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        debug_assert!(!action.signs_package(), "approvals and corrections go through package::{{approve, correct}}");
        self.step(id, Step::Transition(action), note, signer, None)
    }

    /// Records an approval of revision `bound.revision`, whose package hashes to `bound.package_hash`
    /// — after the start of the review, in the same transaction, when `start_review` (an editor
    /// approving a story still only submitted).
    pub(crate) fn approve_bound(
        &mut self,
        id: &str,
        bound: Bound,
        note: Option<&str>,
        signer: &Signer,
        start_review: bool,
    ) -> Result<StepOutcome, ReviewError> {
        let mut steps = Vec::new();
        if start_review {
            steps.push(Step::Transition(Action::StartReview));
        }
        steps.push(Step::Transition(Action::Approve));
        self.steps(id, steps, note, signer, Some(bound), None)
    }

    /// Records a correction of revision `bound.revision`: its public `note`, signed with the
    /// package that shows it (`bound`, made by [`crate::package::correct`]).
    pub(crate) fn correct_bound(
        &mut self,
        id: &str,
        bound: Bound,
        note: &str,
        signer: &Signer,
    ) -> Result<StepOutcome, ReviewError> {
        self.step(id, Step::Transition(Action::Correct), Some(note), signer, Some(bound))
    }

    /// Whether the rules allow `action` for this profile now (for the app's buttons).
    pub fn allowed(&self, id: &str, action: Action) -> Result<Result<ArticleStatus, Refusal>, ReviewError> {
        let profile = self.profile()?.ok_or(ReviewError::NoProfile)?;
        let row = article_row(&self.conn, id)?;
        let me = standing::trust(&self.conn)?.get(&profile.person.fingerprint).cloned();
        let role = me.as_ref().map_or(profile.person.role, |k| k.role);
        // A step that needs a note is allowed here if the rest allows it: the note is asked for.
        let author = is_author(&self.conn, id, &row, me.as_ref(), &profile.person.fingerprint)?;
        Ok(decide(row.status, role, action, author, true))
    }

    /// Whether the window opens this story in suggesting mode for this profile: someone who is
    /// not its author suggests by default, and so does an editor while it is under review.
    pub fn suggests_by_default(&self, id: &str) -> Result<bool, ReviewError> {
        let Some(profile) = self.profile()? else { return Ok(false) };
        let row = article_row(&self.conn, id)?;
        let me = standing::trust(&self.conn)?.get(&profile.person.fingerprint).cloned();
        let role = me.as_ref().map_or(profile.person.role, |k| k.role);
        let author = is_author(&self.conn, id, &row, me.as_ref(), &profile.person.fingerprint)?;
        let in_review = matches!(row.status, ArticleStatus::Submitted | ArticleStatus::InReview);
        Ok(!author || (role.is_editor() && in_review))
    }

    /// Every step the rules allow this profile now, but editing (for the app's buttons): the
    /// record is read once for all of them. An editor may approve a submitted story: the start of
    /// the review is recorded with the approval.
    pub fn allowed_actions(&self, id: &str) -> Result<Vec<Action>, ReviewError> {
        let profile = self.profile()?.ok_or(ReviewError::NoProfile)?;
        let row = article_row(&self.conn, id)?;
        let me = standing::trust(&self.conn)?.get(&profile.person.fingerprint).cloned();
        let role = me.as_ref().map_or(profile.person.role, |k| k.role);
        let author = is_author(&self.conn, id, &row, me.as_ref(), &profile.person.fingerprint)?;
        let may = |state, action| decide(state, role, action, author, true).is_ok();
        // A correction is of a story the record published (read only when the rules allow one).
        let corrects = may(row.status, Action::Correct) && standing::replayed(&self.conn, id)?.0.is_public;
        Ok(Action::ALL
            .into_iter()
            // Editing is saving; a take-down goes with its sites (`qalam unpublish`).
            .filter(|a| !matches!(a, Action::Edit | Action::TakeDown))
            .filter(|a| *a != Action::Correct || corrects)
            .filter(|a| may(row.status, *a) || approves_in_one_step(row.status, *a, may))
            .collect())
    }

    pub(super) fn step(
        &mut self,
        id: &str,
        step: Step,
        note: Option<&str>,
        signer: &Signer,
        bound: Option<Bound>,
    ) -> Result<StepOutcome, ReviewError> {
        self.steps(id, vec![step], note, signer, bound, None)
    }

    /// Takes `steps` one after the other in one transaction, each checked by the rules from the
    /// state the one before left; the note and the approval's binding go with the last. A
    /// `text` is saved first, and the steps are about it.
    pub(super) fn steps(
        &mut self,
        id: &str,
        steps: Vec<Step>,
        note: Option<&str>,
        signer: &Signer,
        bound: Option<Bound>,
        text: Option<NewText>,
    ) -> Result<StepOutcome, ReviewError> {
        let now = bound.as_ref().and_then(|b| b.time).unwrap_or_else(|| self.now());
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut row = article_row(&tx, id)?;
        if row.trashed {
            return Err(LibraryError::InTrash { id: id.into() }.into());
        }
        let before = row.status;
        if let Some(text) = text {
            super::save::save_in(&tx, now, id, text.article, text.base_version, SaveKind::Suggestion)?;
            row = article_row(&tx, id)?;
        }
        if events::count(&tx, id)? + steps.len() > MAX_RECORD_EVENTS {
            return Err(ReviewError::RecordFull { id: id.into(), limit: MAX_RECORD_EVENTS });
        }
        let me = &signer.profile.person;
        // The role this library holds for the profile's key (the desk may have changed it).
        let known = standing::trust(&tx)?.get(&me.fingerprint).cloned();
        let role = known.as_ref().map_or(me.role, |k| k.role);
        let author = is_author(&tx, id, &row, known.as_ref(), &me.fingerprint)?;
        // What a step may do to the suggestions and the embargo is judged before anything is
        // signed, by the rule the record is replayed with (once), so a refusal is said in the
        // user's words.
        let judged_by_record = |s: &Step| {
            matches!(
                s,
                Step::Suggestion(_)
                    | Step::Embargo(_)
                    | Step::Transition(Action::Approve | Action::Publish | Action::Correct)
            )
        };
        let record = match steps.iter().any(judged_by_record) {
            true => standing::replayed(&tx, id)?.0,
            false => Default::default(),
        };
        let mut suggestions = record.suggestions;
        let embargo = record.embargo;
        let is_public = record.is_public;
        let person = known.as_ref().map_or(me.fingerprint.0.clone(), |k| k.person.clone());
        let judged = suggestion::Signer { person: &person, is_editor: role.is_editor(), is_author: author };
        let revision = record_working_copy(&tx, id, &row.markdown, now)?;
        if bound.as_ref().is_some_and(|b| b.revision != revision) {
            return Err(ReviewError::ChangedMeanwhile { id: id.into() });
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let last_index = steps.len().saturating_sub(1);
        let mut bound = bound;
        let (mut state, mut prev) = (row.status, row.last_event.clone());
        let mut signed = Vec::with_capacity(steps.len());
        for (i, step) in steps.into_iter().enumerate() {
            let last = i == last_index;
            let note = if last { note } else { None };
            let (to, kind) = match step {
                Step::Transition(action) => {
                    let to = decide(state, role, action, author, says_why(note))
                        .map_err(|refusal| ReviewError::Refused { id: id.into(), refusal })?;
                    if matches!(action, Action::Publish | Action::Correct) {
                        if let Some(until) = embargo.as_ref().and_then(|e| e.holding_at(now)) {
                            return Err(ReviewError::Embargoed { until });
                        }
                    }
                    if action == Action::Correct && !is_public {
                        return Err(ReviewError::NeverPublished);
                    }
                    let open = suggestion::open_count(&suggestions);
                    if action == Action::Approve && open > 0 {
                        return Err(ReviewError::Suggestion(SuggestionProblem::StillOpen { count: open }));
                    }
                    (to, EventKind::Transition(action))
                }
                Step::Comment(change) => (state, EventKind::Comment(change)),
                Step::Embargo(change) => {
                    crate::workflow::embargo::judge(embargo.as_ref(), &change, role, says_why(note), now)
                        .map_err(ReviewError::Embargo)?;
                    (state, EventKind::Embargo(change))
                }
                Step::Suggestion(change) => {
                    suggestion::judge(&mut suggestions, &change, &judged, state, "")
                        .map_err(ReviewError::Suggestion)?;
                    (state, EventKind::Suggestion(change))
                }
            };
            let bound = if last { bound.take() } else { None };
            let body = EventBody {
                format: EVENT_FORMAT.into(),
                article: id.into(),
                revision,
                content_hash: sha256_hex(row.markdown.as_bytes()),
                from: state,
                to,
                kind,
                package_hash: bound.as_ref().map(|b| b.package_hash.clone()),
                web_text_hash: bound.as_ref().map(|b| b.web_text_hash.clone()),
                package_files: bound.map(|b| b.package_files),
                actor: me.fingerprint.clone(),
                actor_key: me.public_key.clone(),
                actor_name: me.name.clone(),
                time: now,
                note: note.map(str::to_string),
                prev: prev.clone(),
            };
            let event = Event::sign(&body, &signer.keys);
            if event.0.body.len() > MAX_EVENT_BYTES {
                return Err(ReviewError::EventTooLarge { limit: MAX_EVENT_BYTES });
            }
            events::append(&tx, id, &event, now)?;
            (state, prev) = (to, Some(event.hash()));
            signed.push(event.hash());
        }
        // The new events are judged by the same rule as any other; one that would not count (the
        // profile's key is not trusted here, say) is not recorded.
        let lines = standing::record_lines(&tx, id)?;
        for hash in &signed {
            if let Some((n, why)) =
                lines.iter().enumerate().find(|(_, l)| l.hash == *hash).and_then(|(n, l)| Some((n, l.refused.clone()?)))
            {
                return Err(ReviewError::EventRefused { position: n + 1, why });
            }
        }
        standing::refresh(&tx, id)?;
        super::outbox::queue_change(&tx, id, now)?;
        tx.commit()?;
        let event = signed.pop().unwrap_or_default();
        Ok(StepOutcome { id: id.into(), from: before, to: state, revision, event })
    }

    /// An article's record, read and checked by the one rule.
    pub fn audit(&self, id: &str) -> Result<AuditReport, ReviewError> {
        article_row(&self.conn, id)?;
        Ok(audit(id, &events::record(&self.conn, id)?, &standing::trust(&self.conn)?))
    }

    /// An article's events in the order they were received (those that read; an unreadable one
    /// is `audit`'s business), whether they count or not.
    pub fn events(&self, id: &str) -> Result<Vec<(Event, EventBody)>, ReviewError> {
        Ok(standing::readable(&self.conn, id)?.into_iter().map(|(stored, body)| (stored.event, body)).collect())
    }

    /// An article's record as the one rule reads it: each event with the person this library
    /// holds for its key and why it does not count, in the order it is replayed.
    pub fn record(&self, id: &str) -> Result<Vec<RecordLine>, ReviewError> {
        article_row(&self.conn, id)?;
        Ok(standing::record_lines(&self.conn, id)?)
    }
}

/// Whether `action` is an approval of a submitted story its taker may review: the start of the
/// review and the approval, recorded together.
pub(crate) fn approves_in_one_step(
    state: ArticleStatus,
    action: Action,
    may: impl Fn(ArticleStatus, Action) -> bool,
) -> bool {
    action == Action::Approve
        && state == ArticleStatus::Submitted
        && may(ArticleStatus::Submitted, Action::StartReview)
        && may(ArticleStatus::InReview, Action::Approve)
}

/// Whether the profile wrote the story: its key (or another key of its person) signed the
/// record's first event; a story with no record yet was written here.
fn is_author(
    conn: &rusqlite::Connection,
    id: &str,
    row: &ArticleRow,
    me: Option<&Known>,
    fingerprint: &Fingerprint,
) -> Result<bool, LibraryError> {
    let Some(author) = row.author.as_deref() else { return Ok(true) };
    if author == fingerprint.0 {
        return Ok(true);
    }
    let (record, _) = standing::replayed(conn, id)?;
    Ok(matches!((record.author, me), (Some(a), Some(me)) if a.person == me.person))
}

fn article_row(conn: &rusqlite::Connection, id: &str) -> Result<ArticleRow, LibraryError> {
    conn.query_row(
        "SELECT status, markdown, trashed_at IS NOT NULL, author, last_event FROM articles WHERE id = ?1",
        [id],
        |r| {
            Ok(ArticleRow {
                status: r.get(0)?,
                markdown: r.get(1)?,
                trashed: r.get(2)?,
                author: r.get(3)?,
                last_event: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| LibraryError::NotFound { id: id.into() })
}

/// The number of the revision holding the working copy, recording it first if it is new.
pub(super) fn record_working_copy(tx: &Transaction, id: &str, markdown: &str, now: i64) -> Result<i64, LibraryError> {
    let seq: i64 = tx.query_row("SELECT seq FROM articles WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(match latest_revision(tx, seq)? {
        Some(latest) if latest.markdown == markdown => latest.number,
        latest => {
            let number = latest.map_or(1, |r| r.number + 1);
            insert_revision(tx, seq, number, SaveKind::Review, markdown, now)?;
            number
        }
    })
}
