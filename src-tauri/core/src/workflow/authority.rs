//! The one rule for what an event may do, used wherever events arrive: a library taking in a
//! hand-off or a pull, the desk taking a push, `audit`, the story's state and its approval.
//!
//! An event counts only if its signature was checked (the caller's job, on arrival), its key
//! belongs to a person the receiver trusts at the time the event reached it, and what it does is
//! allowed to that person — by [`decide`], with the role the receiver holds for the key, from the
//! state the record is in. Nothing an event claims about itself decides anything: its `from` and
//! `to` are checked against the rules, never copied; its `actor_name` is never shown.
//!
//! The state is a function of the set of events (and the receiver's trust): events are replayed
//! in one canonical order — each after the event it names as previous, events that branch from
//! the same one (people acting apart, offline) by their signed time, then hash — so two receivers
//! holding the same events reach the same state whatever order the events arrived in
//! (`docs/decisions/017-one-authority-and-concurrent-events.md`).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};

use super::embargo::{self, Embargo, EmbargoProblem};
use super::event::{EventBody, EventKind};
use super::rules::{decide, Action, ArticleStatus, Refusal, Role};
use super::suggestion::{self, SuggestionProblem, Suggestions};
use crate::identity::{Fingerprint, PublicKey};
use crate::lang::{Lang, Localized};

/// The most events one story's record may hold, on a laptop and on the desk. A long story under
/// heavy review has a few hundred; the limit keeps every record small enough to replay at once.
pub const MAX_RECORD_EVENTS: usize = 5_000;

/// The largest one event may be, as signed (its note or comment included): a record's size is
/// bounded by its count and this.
pub const MAX_EVENT_BYTES: usize = 64 * 1024;

/// The person a receiver holds for a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// Who the key belongs to as the receiver counts people (one person may sign from several
    /// machines, each with its own key): a fingerprint in a library, a person's number on the desk.
    pub person: String,
    pub name: String,
    pub role: Role,
}

/// Why a key does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "distrust", rename_all = "kebab-case")]
pub enum Distrust {
    UnknownKey,
    /// The key's person was removed, or its device revoked, before the event reached the receiver.
    Revoked {
        name: String,
        since: i64,
    },
}

/// An event as the rule sees it: its hash, what it says (already authenticated), and when it
/// reached the receiver (the time its signer's trust is judged at).
pub struct Entry<'a> {
    pub hash: &'a str,
    pub body: &'a EventBody,
    pub received_at: i64,
    /// The desk refused it: kept in the library, never applied (the desk's reason).
    pub set_aside: Option<&'a str>,
}

/// Who the receiver trusts, and since or until when.
pub trait Trust {
    fn known(&self, entry: &Entry) -> Result<Known, Distrust>;
}

/// Keys the receiver knows, each with its person and, if revoked, since when.
#[derive(Debug, Clone, Default)]
pub struct TrustTable {
    keys: HashMap<Fingerprint, (PublicKey, Known, Option<i64>)>,
}

impl TrustTable {
    pub fn insert(&mut self, fingerprint: Fingerprint, key: PublicKey, known: Known, revoked_since: Option<i64>) {
        self.keys.insert(fingerprint, (key, known, revoked_since));
    }

    pub fn get(&self, fingerprint: &Fingerprint) -> Option<&Known> {
        self.keys.get(fingerprint).map(|(_, known, _)| known)
    }
}

impl Trust for TrustTable {
    fn known(&self, entry: &Entry) -> Result<Known, Distrust> {
        let body = entry.body;
        match self.keys.get(&body.actor) {
            Some((key, _, _)) if *key != body.actor_key => Err(Distrust::UnknownKey),
            Some((_, known, Some(since))) if entry.received_at >= *since => {
                Err(Distrust::Revoked { name: known.name.clone(), since: *since })
            }
            Some((_, known, _)) => Ok(known.clone()),
            None => Err(Distrust::UnknownKey),
        }
    }
}

/// Why an event does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "kebab-case")]
pub enum Why {
    /// Signed by a key the receiver does not know (whatever name the event claims).
    UnknownKey { claimed: String },
    /// Signed after its person was removed or its device revoked.
    Revoked { name: String, since: i64 },
    /// The rules do not let this person take this step from this state.
    NotAllowed { refusal: Refusal },
    /// It starts from another state than the one the record is in (the story moved on).
    StaleState { state: ArticleStatus, claimed: ArticleStatus },
    /// It claims an outcome the rules do not lead to.
    WrongOutcome { rules: ArticleStatus, claimed: ArticleStatus },
    /// A comment or a suggestion claiming to change the story's state.
    CommentWithState,
    /// What it does to a suggestion is not allowed (or an approval while suggestions are open).
    Suggestion { problem: SuggestionProblem },
    /// What it does to the embargo is not this person's to do.
    Embargo { problem: EmbargoProblem },
    /// Publishing before the embargo's time (ms since the epoch).
    Embargoed { until: i64 },
    /// A comment whose quoted words or their context are longer than a library makes them: it is
    /// not searched for in the text.
    OversizedAnchor,
    /// An approval (or a correction) that does not name the content it approves.
    UnboundApproval,
    /// A correction of a story the record never published: there is nothing public to correct.
    NeverPublished,
    /// A second event with no previous one: a record has one start.
    SecondStart,
    /// Its previous event is not in the record.
    MissingPrevious,
    /// The desk refused it; the library keeps it, not applied (`message`: the desk's words in
    /// both languages, as [`crate::lang::stored_error`] keeps them).
    RefusedByDesk { message: String },
}

/// The latest approval that stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub event: String,
    pub revision: i64,
    pub content_hash: String,
    pub by: Known,
    pub time: i64,
}

/// What a record amounts to: the state its counting events lead to, and who is who in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordState {
    pub state: ArticleStatus,
    /// The signer of the record's first event, as the receiver knows them.
    pub author: Option<Known>,
    /// The last editor to review it.
    pub reviewer: Option<Known>,
    /// The approval the state rests on (while approved or published).
    pub approval: Option<Approval>,
    /// The last event that counts: the one a new event names as previous.
    pub last: Option<String>,
    /// How many events the record holds, counting or not.
    pub events: usize,
    /// The suggestions on the story, by id: who proposed each, and where it stands.
    #[serde(default, skip_serializing_if = "Suggestions::is_empty")]
    pub suggestions: Suggestions,
    /// "Not before": the story is not published until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo: Option<Embargo>,
    /// The story is public by its record: published (or corrected) and not taken down since. Only
    /// a public story is corrected; one taken down is published again first.
    #[serde(default)]
    pub is_public: bool,
    /// Each event replayed so far, with the one it names as previous: the line of events an
    /// approval was signed on.
    #[serde(skip)]
    previous: HashMap<String, Option<String>>,
}

impl Default for RecordState {
    fn default() -> Self {
        RecordState {
            state: ArticleStatus::Draft,
            author: None,
            reviewer: None,
            approval: None,
            last: None,
            events: 0,
            suggestions: Suggestions::new(),
            embargo: None,
            is_public: false,
            previous: HashMap::new(),
        }
    }
}

/// Where an event stands in the record's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The record's first event.
    Start,
    /// After an event of the record.
    After,
    SecondStart,
    MissingPrevious,
}

/// One event's verdict: the person the receiver holds for its key, and why it does not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub known: Option<Known>,
    pub refused: Option<Why>,
}

impl Verdict {
    pub fn counts(&self) -> bool {
        self.refused.is_none()
    }
}

impl RecordState {
    /// The state as it stands for the text `text_hash`: a text other than the approved one takes
    /// the approval away (back to review) until an editor approves the new text.
    pub fn with_text(&self, text_hash: &str) -> ArticleStatus {
        shown(self.state, self.approval.as_ref().map(|a| a.content_hash.as_str()), text_hash)
    }

    /// Applies one event, in canonical order. Only an event that counts changes anything.
    pub fn apply(&mut self, entry: &Entry, place: Place, trust: &dyn Trust) -> Verdict {
        self.events += 1;
        let body = entry.body;
        self.previous.insert(entry.hash.to_string(), body.prev.clone());
        let trusted = trust.known(entry);
        if place == Place::Start {
            self.author = trusted.as_ref().ok().cloned();
        }
        let held = trusted.as_ref().ok().cloned();
        let refused = |why| Verdict { known: held.clone(), refused: Some(why) };
        if let Some(message) = entry.set_aside {
            return refused(Why::RefusedByDesk { message: message.to_string() });
        }
        match place {
            Place::SecondStart => return refused(Why::SecondStart),
            Place::MissingPrevious => return refused(Why::MissingPrevious),
            Place::Start | Place::After => {}
        }
        let known = match trusted {
            Ok(known) => known,
            Err(Distrust::UnknownKey) => return refused(Why::UnknownKey { claimed: body.actor_name.clone() }),
            Err(Distrust::Revoked { name, since }) => return refused(Why::Revoked { name, since }),
        };
        // The text the signer saw: if it is not the approved one, the story was edited meanwhile.
        let state = self.with_text(&body.content_hash);
        let is_author = self.author.as_ref().is_some_and(|a| a.person == known.person);
        let action = match &body.kind {
            EventKind::Comment(_) | EventKind::Suggestion(_) | EventKind::Embargo(_) if body.from != body.to => {
                return refused(Why::CommentWithState)
            }
            EventKind::Embargo(change) => {
                let says_why = super::rules::says_why(body.note.as_deref());
                if let Err(problem) =
                    embargo::judge(self.embargo.as_ref(), change, known.role, says_why, entry.received_at)
                {
                    return refused(Why::Embargo { problem });
                }
                self.embargo = change.until.map(|until| Embargo {
                    until,
                    zone: change.zone.clone(),
                    by: known.clone(),
                    event: entry.hash.to_string(),
                });
                None
            }
            EventKind::Comment(change) => {
                if change.anchor.as_ref().is_some_and(|a| !super::anchor::is_bounded(a, super::anchor::MAX_QUOTE_CHARS))
                {
                    return refused(Why::OversizedAnchor);
                }
                None
            }
            EventKind::Suggestion(change) => {
                let signer = suggestion::Signer { person: &known.person, is_editor: known.role.is_editor(), is_author };
                if let Err(problem) = suggestion::judge(&mut self.suggestions, change, &signer, state, entry.hash) {
                    return refused(Why::Suggestion { problem });
                }
                None
            }
            EventKind::Transition(action) => Some(*action),
        };
        if let Some(action) = action {
            // Who may take the step comes first; then whether the record is where the signer saw it.
            let has_note = super::rules::says_why(body.note.as_deref());
            let to = match decide(state, known.role, action, is_author, has_note) {
                Err(Refusal::WrongState { .. }) | Ok(_) if body.from != state => {
                    return refused(Why::StaleState { state, claimed: body.from })
                }
                Ok(to) => to,
                Err(refusal) => return refused(Why::NotAllowed { refusal }),
            };
            if body.to != to {
                return refused(Why::WrongOutcome { rules: to, claimed: body.to });
            }
            let embargoed = self.embargo.as_ref().and_then(|e| e.holding_at(entry.received_at));
            if let (Action::Publish | Action::Correct, Some(until)) = (action, embargoed) {
                return refused(Why::Embargoed { until });
            }
            if action == Action::Correct && !self.is_public {
                return refused(Why::NeverPublished);
            }
            if action.signs_package() && body.package_hash.is_none() {
                return refused(Why::UnboundApproval);
            }
            let open = self.open_seen_from(body.prev.as_deref());
            if action == Action::Approve && open > 0 {
                return refused(Why::Suggestion { problem: SuggestionProblem::StillOpen { count: open } });
            }
            if !matches!(to, ArticleStatus::Approved | ArticleStatus::Published) {
                self.approval = None;
            }
            if action == Action::Approve {
                self.approval = Some(Approval {
                    event: entry.hash.to_string(),
                    revision: body.revision,
                    content_hash: body.content_hash.clone(),
                    by: known.clone(),
                    time: body.time,
                });
            }
            if matches!(
                action,
                Action::StartReview | Action::RequestChanges | Action::Approve | Action::Publish | Action::Correct
            ) {
                self.reviewer = Some(known.clone());
            }
            match action {
                Action::Publish | Action::Correct => self.is_public = true,
                Action::TakeDown => self.is_public = false,
                _ => {}
            }
            self.state = to;
        } else if state != self.state {
            // A comment on an edited text: the approval is gone.
            self.state = state;
            self.approval = None;
        }
        self.last = Some(entry.hash.to_string());
        Verdict { known: Some(known), refused: None }
    }
}

impl RecordState {
    /// How many suggestions are open that were proposed on the line of events ending at `last`:
    /// the ones the signer of an event following it could have seen. (One proposed apart, on
    /// another branch, does not undo an approval signed without it.)
    fn open_seen_from(&self, last: Option<&str>) -> usize {
        let mut line = std::collections::HashSet::new();
        let mut at = last.map(str::to_string);
        while let Some(hash) = at {
            if !line.insert(hash.clone()) {
                break;
            }
            at = self.previous.get(&hash).cloned().flatten();
        }
        self.suggestions
            .values()
            .filter(|s| s.status == suggestion::SuggestionStatus::Open && line.contains(&s.proposed_in))
            .count()
    }
}

/// The state shown for a text: an approved or published story whose text is not the approved
/// one (`approved`: its content hash) is back in review.
pub fn shown(state: ArticleStatus, approved: Option<&str>, text_hash: &str) -> ArticleStatus {
    match approved {
        Some(h) if matches!(state, ArticleStatus::Approved | ArticleStatus::Published) && h != text_hash => {
            decide(state, Role::Journalist, Action::Edit, true, false).unwrap_or(state)
        }
        _ => state,
    }
}

/// The canonical order of a record: each event after its previous one; events that branch from
/// the same one, and separate starts, by (signed time, hash). An event's time counts as no
/// earlier than the one it follows (a step claiming to come before the step it answers is placed
/// at that step's time, not before its branch's siblings). Returns indexes into `entries` with
/// each one's place. Events must be distinct by hash.
pub fn canonical_order(entries: &[Entry]) -> Vec<(usize, Place)> {
    let index: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.hash, i)).collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut heap = BinaryHeap::new();
    let start = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.body.prev.is_none())
        .min_by_key(|(i, _)| (entries[*i].body.time, entries[*i].hash))
        .map(|(i, _)| i);
    for (i, e) in entries.iter().enumerate() {
        match e.body.prev.as_deref().and_then(|p| index.get(p)) {
            Some(&parent) => children.entry(parent).or_default().push(i),
            None => heap.push(Reverse((e.body.time, e.hash, i))),
        }
    }
    let mut order = Vec::with_capacity(entries.len());
    while let Some(Reverse((time, _, i))) = heap.pop() {
        let place = match &entries[i].body.prev {
            None if Some(i) == start => Place::Start,
            None => Place::SecondStart,
            Some(p) if index.contains_key(p.as_str()) => Place::After,
            Some(_) => Place::MissingPrevious,
        };
        order.push((i, place));
        for &child in children.get(&i).map(Vec::as_slice).unwrap_or_default() {
            heap.push(Reverse((entries[child].body.time.max(time), entries[child].hash, child)));
        }
    }
    // A cycle cannot be signed (each event names the hash of one signed before it); should one
    // appear anyway, its events are never reached: they are placed last, as missing their previous.
    if order.len() < entries.len() {
        let placed: std::collections::HashSet<usize> = order.iter().map(|(i, _)| *i).collect();
        order.extend((0..entries.len()).filter(|i| !placed.contains(i)).map(|i| (i, Place::MissingPrevious)));
    }
    order
}

/// A whole record replayed: the state, and each event's verdict in canonical order.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub record: RecordState,
    /// (index into the entries, verdict), in canonical order.
    pub verdicts: Vec<(usize, Verdict)>,
    /// Events placed beside another that names the same previous event (index, and the
    /// previous event's hash): concurrent steps, merged by the canonical order.
    pub branches: Vec<(usize, String)>,
}

impl Replayed {
    pub fn verdict_of(&self, index: usize) -> Option<&Verdict> {
        self.verdicts.iter().find(|(i, _)| *i == index).map(|(_, v)| v)
    }
}

pub fn replay(entries: &[Entry], trust: &dyn Trust) -> Replayed {
    let mut record = RecordState::default();
    let mut verdicts = Vec::with_capacity(entries.len());
    let mut branches = Vec::new();
    let mut first_child: HashMap<&str, usize> = HashMap::new();
    for (i, place) in canonical_order(entries) {
        if let Some(prev) = entries[i].body.prev.as_deref() {
            if first_child.insert(prev, i).is_some() {
                branches.push((i, prev.to_string()));
            }
        }
        verdicts.push((i, record.apply(&entries[i], place, trust)));
    }
    Replayed { record, verdicts, branches }
}

impl Localized for Why {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Why::UnknownKey { claimed }, Lang::Ar) => {
                format!("وقّعه مفتاح غير معروف هنا (يدّعي أنه «{claimed}»)")
            }
            (Why::UnknownKey { claimed }, Lang::En) => {
                format!("signed by a key not known here (it claims to be «{claimed}»)")
            }
            (Why::Revoked { name, since }, Lang::Ar) => {
                format!("وقّعه {name} بعد سحب ثقته في {}", crate::dates::iso_time(*since))
            }
            (Why::Revoked { name, since }, Lang::En) => {
                format!("signed by {name} after they were removed ({})", crate::dates::iso_time(*since))
            }
            (Why::NotAllowed { refusal }, _) => refusal.message(lang),
            (Why::StaleState { state, claimed }, Lang::Ar) => {
                format!("يبدأ من حالة «{}» والقصة «{}»: سبقه تغيير آخر", claimed.label(lang), state.label(lang))
            }
            (Why::StaleState { state, claimed }, Lang::En) => format!(
                "it starts from {} but the story is {}: another step came first",
                claimed.label(lang).to_lowercase(),
                state.label(lang).to_lowercase()
            ),
            (Why::WrongOutcome { rules, claimed }, Lang::Ar) => {
                format!("يدّعي أنه يؤدي إلى «{}» والقواعد تؤدي إلى «{}»", claimed.label(lang), rules.label(lang))
            }
            (Why::WrongOutcome { rules, claimed }, Lang::En) => format!(
                "it claims to lead to {} where the rules lead to {}",
                claimed.label(lang).to_lowercase(),
                rules.label(lang).to_lowercase()
            ),
            (Why::CommentWithState, _) => lang
                .pick(
                    "تعليق أو اقتراح يدّعي تغيير حالة القصة",
                    "a comment or suggestion claiming to change the story's state",
                )
                .into(),
            (Why::Suggestion { problem }, _) => problem.message(lang),
            (Why::Embargo { problem }, _) => problem.message(lang),
            (Why::Embargoed { until }, Lang::Ar) => {
                format!("القصة محظورة حتى {}: لا تُنشر قبله", crate::dates::iso_time(*until))
            }
            (Why::Embargoed { until }, Lang::En) => {
                format!(
                    "the story is under embargo until {}: it is not published before",
                    crate::dates::iso_time(*until)
                )
            }
            (Why::OversizedAnchor, _) => lang
                .pick("تعليق يقتبس نصًا أطول مما تصنعه مكتبة", "a comment quoting more text than a library makes")
                .into(),
            (Why::UnboundApproval, _) => {
                lang.pick("اعتماد لا يسمّي المحتوى الذي يعتمده", "an approval that does not name what it approves").into()
            }
            (Why::NeverPublished, _) => lang
                .pick(
                    "تصحيح لقصة ليست منشورة (لم تُنشر، أو سُحبت من النشر): لا شيء منشور يُصحَّح",
                    "a correction of a story not published (never, or taken down since): nothing public to correct",
                )
                .into(),
            (Why::SecondStart, _) => lang.pick("حدث ثانٍ بلا سابق", "a second event without a previous one").into(),
            (Why::MissingPrevious, _) => {
                lang.pick("الحدث السابق له ليس في السجل", "its previous event is not in the record").into()
            }
            (Why::RefusedByDesk { message }, Lang::Ar) => {
                format!("رفضه المكتب: {}", crate::lang::stored_error_text(message, lang))
            }
            (Why::RefusedByDesk { message }, Lang::En) => {
                format!("the desk refused it: {}", crate::lang::stored_error_text(message, lang))
            }
        }
    }
}
