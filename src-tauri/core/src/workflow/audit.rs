//! Checking an article's record. Each event must be readable, stored as the text its hash names,
//! authentic (its signature, its key's fingerprint), about this article, and linked: the first
//! has no `prev`, every other names an event stored before it. A removed event leaves a link to
//! nothing, a reordered one a link forward, an altered one a bad signature or hash. Then the
//! record is replayed by the one rule ([`super::authority`]): every event that does not count —
//! an unknown or removed key, a step its signer may not take, a comment claiming a state — is
//! reported with the reason, and events that branch from the same one (people acting apart) are
//! listed with the order they were merged in.

use std::collections::HashMap;

use serde::Serialize;

use super::authority::{replay, Entry, Known, Trust, Why};
use super::event::{Event, EventBody};
use crate::lang::{Lang, Localized};

/// One stored event: the hash the library recorded for it, the event, when it reached the
/// library (or the desk, when the desk said so), and the desk's refusal if it refused it.
pub struct StoredEvent {
    pub position: i64,
    pub hash: String,
    pub event: Event,
    pub received_at: i64,
    pub set_aside: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum AuditProblem {
    Unreadable {
        position: i64,
    },
    /// The stored hash is not the hash of the stored text: the text was altered.
    Altered {
        position: i64,
    },
    BadSignature {
        position: i64,
    },
    OtherArticle {
        position: i64,
    },
    /// `prev` names no event stored before this one: an event was removed (or never arrived).
    MissingPrevious {
        position: i64,
        prev: String,
    },
    /// `prev` names an event stored after this one: the record was reordered.
    Reordered {
        position: i64,
    },
    /// Only the first event may have no `prev`.
    SecondStart {
        position: i64,
    },
    /// An authentic event that does not count, and why.
    DoesNotCount {
        position: i64,
        why: Why,
    },
}

/// Two events that name the same previous one: `position` was merged after `beside`'s branch
/// began, in the canonical order (signed time, then hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merged {
    pub position: i64,
    pub after: i64,
}

/// An event as the record shows it: what it says, who the receiver holds its key for, and
/// whether it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordLine {
    pub position: i64,
    pub hash: String,
    pub body: EventBody,
    pub known: Option<Known>,
    pub refused: Option<Why>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub article: String,
    pub events: usize,
    pub problems: Vec<AuditProblem>,
    pub merged: Vec<Merged>,
}

impl AuditReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn audit(article: &str, events: &[StoredEvent], trust: &dyn Trust) -> AuditReport {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let position_of: HashMap<String, i64> = events.iter().map(|e| (e.event.hash(), e.position)).collect();
    let mut readable: Vec<(&StoredEvent, EventBody)> = Vec::new();
    for (index, stored) in events.iter().enumerate() {
        let position = stored.position;
        let Ok(body) = stored.event.read() else {
            problems.push(AuditProblem::Unreadable { position });
            continue;
        };
        let mut sound = true;
        if stored.event.hash() != stored.hash {
            problems.push(AuditProblem::Altered { position });
            sound = false;
        }
        if !stored.event.is_authentic(&body) {
            problems.push(AuditProblem::BadSignature { position });
            sound = false;
        }
        if body.article != article {
            problems.push(AuditProblem::OtherArticle { position });
            sound = false;
        }
        match &body.prev {
            None if index > 0 => problems.push(AuditProblem::SecondStart { position }),
            None => {}
            Some(prev) if seen.contains_key(prev.as_str()) => {}
            Some(prev) if position_of.contains_key(prev) => problems.push(AuditProblem::Reordered { position }),
            Some(prev) => problems.push(AuditProblem::MissingPrevious { position, prev: prev.clone() }),
        }
        seen.insert(stored.hash.as_str(), ());
        // Only authentic events of this article are replayed; the others are problems already.
        if sound {
            readable.push((stored, body));
        }
    }
    let (lines, merged) = replay_lines(&readable, trust);
    for line in lines {
        if let Some(why) = line.refused {
            // The shape problems were reported above from the stored order.
            if !matches!(why, Why::SecondStart | Why::MissingPrevious) {
                problems.push(AuditProblem::DoesNotCount { position: line.position, why });
            }
        }
    }
    AuditReport { article: article.to_string(), events: events.len(), problems, merged }
}

/// The record replayed by the one rule: each event with its verdict, in canonical order, and the
/// events merged beside a branch.
pub fn replay_lines(events: &[(&StoredEvent, EventBody)], trust: &dyn Trust) -> (Vec<RecordLine>, Vec<Merged>) {
    let entries: Vec<Entry> = events
        .iter()
        .map(|(stored, body)| Entry {
            hash: &stored.hash,
            body,
            received_at: stored.received_at,
            set_aside: stored.set_aside.as_deref(),
        })
        .collect();
    let replayed = replay(&entries, trust);
    let position_of_hash: HashMap<&str, i64> = events.iter().map(|(s, _)| (s.hash.as_str(), s.position)).collect();
    let merged = replayed
        .branches
        .iter()
        .map(|(i, prev)| Merged {
            position: events[*i].0.position,
            after: position_of_hash.get(prev.as_str()).copied().unwrap_or(0),
        })
        .collect();
    let lines = replayed
        .verdicts
        .into_iter()
        .map(|(i, verdict)| RecordLine {
            position: events[i].0.position,
            hash: events[i].0.hash.clone(),
            body: events[i].1.clone(),
            known: verdict.known,
            refused: verdict.refused,
        })
        .collect();
    (lines, merged)
}

impl Localized for AuditProblem {
    fn message(&self, lang: Lang) -> String {
        let (ar, en, position): (String, String, &i64) = match self {
            AuditProblem::Unreadable { position } => {
                ("الحدث لا يُقرأ".into(), "the event cannot be read".into(), position)
            }
            AuditProblem::Altered { position } => (
                "نص الحدث عُدّل بعد تسجيله".into(),
                "the event's text was altered after it was recorded".into(),
                position,
            ),
            AuditProblem::BadSignature { position } => (
                "التوقيع لا يطابق الحدث أو صاحبه".into(),
                "the signature does not match the event or its author".into(),
                position,
            ),
            AuditProblem::OtherArticle { position } => {
                ("الحدث لمقال آخر".into(), "the event belongs to another article".into(), position)
            }
            AuditProblem::MissingPrevious { position, .. } => (
                "الحدث السابق له مفقود: حُذف حدث من السجل".into(),
                "its previous event is missing: an event was removed from the record".into(),
                position,
            ),
            AuditProblem::Reordered { position } => (
                "الحدث قبل الحدث الذي يتبعه: رُتّب السجل من جديد".into(),
                "it comes before the event it follows: the record was reordered".into(),
                position,
            ),
            AuditProblem::SecondStart { position } => {
                ("حدث ثانٍ بلا سابق".into(), "a second event without a previous one".into(), position)
            }
            AuditProblem::DoesNotCount { position, why } => (
                format!("لا يُحتسب: {}", why.message(Lang::Ar)),
                format!("does not count: {}", why.message(Lang::En)),
                position,
            ),
        };
        match lang {
            Lang::Ar => format!("الحدث {position}: {ar}"),
            Lang::En => format!("event {position}: {en}"),
        }
    }
}

impl Localized for Merged {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ar => format!(
                "الحدث {} تفرّع عن الحدث {} بجانب فرع آخر (خطوات متزامنة)؛ دُمج بترتيب وقته الموقّع",
                self.position, self.after
            ),
            Lang::En => format!(
                "event {} branches from event {} beside another branch (concurrent steps); merged in the order of its signed time",
                self.position, self.after
            ),
        }
    }
}
