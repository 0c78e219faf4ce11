//! Checking an article's record. Each event must be authentic (its signature, its key's
//! fingerprint), about this article, and linked: the first has no `prev`, every other names an
//! event stored before it, and its `from` is the state that event left. A removed event leaves
//! a link to nothing, a reordered one a link forward, an altered one a bad signature or hash.

use std::collections::HashMap;

use serde::Serialize;

use super::event::Event;
use super::rules::{decide, Action, ArticleStatus, Role};
use crate::lang::{Lang, Localized};

/// One stored event: the hash the library recorded for it, and the event.
pub struct StoredEvent {
    pub position: i64,
    pub hash: String,
    pub event: Event,
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
    /// The event starts from another state than the one its previous event left.
    StateMismatch {
        position: i64,
        expected: ArticleStatus,
        found: ArticleStatus,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub article: String,
    pub events: usize,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn audit(article: &str, events: &[StoredEvent]) -> AuditReport {
    let mut problems = Vec::new();
    // The state each event left, by hash; positions, to tell a removed event from a reordered one.
    let mut left: HashMap<&str, (ArticleStatus, String)> = HashMap::new();
    let position_of: HashMap<String, i64> = events.iter().map(|e| (e.event.hash(), e.position)).collect();
    for (index, stored) in events.iter().enumerate() {
        let position = stored.position;
        let Ok(body) = stored.event.read() else {
            problems.push(AuditProblem::Unreadable { position });
            continue;
        };
        if stored.event.hash() != stored.hash {
            problems.push(AuditProblem::Altered { position });
        }
        if !stored.event.is_authentic(&body) {
            problems.push(AuditProblem::BadSignature { position });
        }
        if body.article != article {
            problems.push(AuditProblem::OtherArticle { position });
        }
        match &body.prev {
            None if index > 0 => problems.push(AuditProblem::SecondStart { position }),
            None => {}
            Some(prev) => match left.get(prev.as_str()) {
                Some((expected, content_hash)) if *expected != body.from => {
                    // Editing an approved story sends it back to review without an event of its
                    // own: allowed when the text did change in between.
                    let edited = decide(*expected, Role::Journalist, Action::Edit, true) == Ok(body.from)
                        && *content_hash != body.content_hash;
                    if !edited {
                        problems.push(AuditProblem::StateMismatch { position, expected: *expected, found: body.from })
                    }
                }
                Some(_) => {}
                None if position_of.contains_key(prev) => problems.push(AuditProblem::Reordered { position }),
                None => problems.push(AuditProblem::MissingPrevious { position, prev: prev.clone() }),
            },
        }
        left.insert(stored.hash.as_str(), (body.to, body.content_hash));
    }
    AuditReport { article: article.to_string(), events: events.len(), problems }
}

impl Localized for AuditProblem {
    fn message(&self, lang: Lang) -> String {
        let (ar, en, position) = match self {
            AuditProblem::Unreadable { position } => ("الحدث لا يُقرأ", "the event cannot be read", position),
            AuditProblem::Altered { position } => {
                ("نص الحدث عُدّل بعد تسجيله", "the event's text was altered after it was recorded", position)
            }
            AuditProblem::BadSignature { position } => {
                ("التوقيع لا يطابق الحدث أو صاحبه", "the signature does not match the event or its author", position)
            }
            AuditProblem::OtherArticle { position } => {
                ("الحدث لمقال آخر", "the event belongs to another article", position)
            }
            AuditProblem::MissingPrevious { position, .. } => (
                "الحدث السابق له مفقود: حُذف حدث من السجل",
                "its previous event is missing: an event was removed from the record",
                position,
            ),
            AuditProblem::Reordered { position } => (
                "الحدث قبل الحدث الذي يتبعه: رُتّب السجل من جديد",
                "it comes before the event it follows: the record was reordered",
                position,
            ),
            AuditProblem::SecondStart { position } => {
                ("حدث ثانٍ بلا سابق", "a second event without a previous one", position)
            }
            AuditProblem::StateMismatch { position, .. } => (
                "يبدأ من حالة غير التي تركها الحدث السابق",
                "it starts from another state than its previous event left",
                position,
            ),
        };
        match lang {
            Lang::Ar => format!("الحدث {position}: {ar}"),
            Lang::En => format!("event {position}: {en}"),
        }
    }
}
