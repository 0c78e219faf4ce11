//! An event: one step on an article's record — a transition, a comment (and its replies,
//! resolving and reopening), a suggestion (and what became of it) or an approval. It names the article, the revision and that
//! revision's content hash, the states before and after, who (fingerprint and public key), when,
//! an optional note, and the hash of the article's previous event; the actor signs all of it.
//!
//! Events travel: they carry everything needed to check them, their identity is the hash of
//! their signed text (so the same event arriving twice is stored once), and their `prev` links
//! order them per article.

use serde::{Deserialize, Serialize};

use super::rules::{Action, ArticleStatus};
pub use crate::article::text_field::AnchorField;
use crate::identity::{Fingerprint, KeyPair, PublicKey, Signed};

pub const EVENT_FORMAT: &str = "qalam-event";

/// What an event records besides the transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum EventKind {
    /// A workflow step (`from` → `to`).
    Transition(Action),
    /// A comment, a reply, or a thread resolved or reopened (`from` = `to`).
    Comment(CommentChange),
    /// A suggestion proposed, accepted, rejected, withdrawn or replied to (`from` = `to`).
    Suggestion(super::suggestion::SuggestionChange),
    /// An embargo set, moved or lifted (`from` = `to`).
    Embargo(super::embargo::EmbargoChange),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CommentChange {
    pub op: CommentOp,
    /// The thread's id (the first comment's), a ULID.
    pub thread: String,
    /// Where a new thread points; replies and state changes have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum CommentOp {
    Add,
    Reply,
    Resolve,
    Reopen,
}

/// Where a comment points, as the W3C Web Annotation model does: a position (in characters of
/// the field's plain text at `revision`) and a text quote with some context, so the comment finds
/// its words again after edits and after travelling to another library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Anchor {
    pub field: AnchorField,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// What an event says (the signed part).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventBody {
    pub format: String,
    pub article: String,
    pub revision: i64,
    /// SHA-256 of that revision's text.
    pub content_hash: String,
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub kind: EventKind,
    /// For an approval: the package content hash (article text, page and pictures) approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_hash: Option<String>,
    /// For an approval: the files that hash is over, each with its SHA-256, so a checker can say
    /// which one changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_files: Option<Vec<(String, String)>>,
    /// For an approval: the hash of the words its post shows on a site
    /// ([`crate::publish::web_text`]), so the site can tell the approved text from a changed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_text_hash: Option<String>,
    pub actor: Fingerprint,
    pub actor_key: PublicKey,
    pub actor_name: String,
    /// Milliseconds since the epoch.
    pub time: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The hash of the article's previous event; none for its first.
    pub prev: Option<String>,
}

/// An event as it is stored and travels: its signed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event(pub Signed);

impl Event {
    pub fn sign(body: &EventBody, pair: &KeyPair) -> Event {
        Event(Signed::sign(body, pair))
    }

    /// The event's identity: the SHA-256 of its signed text.
    pub fn hash(&self) -> String {
        self.0.hash()
    }

    pub fn read(&self) -> Result<EventBody, serde_json::Error> {
        self.0.read()
    }

    /// Whether its signature is the key it names, and that key is the fingerprint it names.
    pub fn is_authentic(&self, body: &EventBody) -> bool {
        body.actor_key.fingerprint().as_ref() == Some(&body.actor) && self.0.verifies(&body.actor_key)
    }
}

impl EventBody {
    pub fn action(&self) -> Option<Action> {
        match self.kind {
            EventKind::Transition(action) => Some(action),
            EventKind::Comment(_) | EventKind::Suggestion(_) | EventKind::Embargo(_) => None,
        }
    }
}
