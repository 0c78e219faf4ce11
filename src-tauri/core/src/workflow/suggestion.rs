//! Suggestions: words someone proposes in place of others, without touching the text. Each one
//! is a signed event on the story's record (`propose`, anchored like a comment), and so is what
//! happens to it: `accept` (signed on the revision that applies it), `reject`, `withdraw`, and
//! replies. The rule here says who may do which, from the suggestions' standing in the record;
//! [`super::authority`] applies it wherever events arrive.
//!
//! Who: anyone the receiver trusts may propose (not on a spiked story) and reply; the story's
//! author and editors accept or reject; only the one who proposed may withdraw. An accepted
//! suggestion is final. Decisions made apart, offline, all count — none makes a record unsound —
//! and [`settle`] says where they leave the suggestion whatever order they are replayed in: an
//! acceptance stands over a rejection or a withdrawal (its words are in that person's text
//! already), and the decision that gave way is listed, not hidden.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::event::Anchor;
use super::rules::ArticleStatus;
use crate::lang::{Lang, Localized};

/// The most words one suggestion may propose.
pub const MAX_SUGGESTION_CHARS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SuggestionChange {
    pub op: SuggestionOp,
    /// The suggestion's id (a ULID, given when it is proposed).
    pub suggestion: String,
    /// For a proposal: the words replaced (none for an insertion: the place, by its context).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// For a proposal: the words proposed (empty for a deletion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// A reply's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SuggestionOp {
    Propose,
    Accept,
    Reject,
    Withdraw,
    Reply,
}

impl SuggestionOp {
    /// The status a decision asks for (none for a proposal or a reply).
    pub fn decides(self) -> Option<SuggestionStatus> {
        match self {
            SuggestionOp::Accept => Some(SuggestionStatus::Accepted),
            SuggestionOp::Reject => Some(SuggestionStatus::Rejected),
            SuggestionOp::Withdraw => Some(SuggestionStatus::Withdrawn),
            SuggestionOp::Propose | SuggestionOp::Reply => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SuggestionStatus {
    Open,
    Accepted,
    Rejected,
    Withdrawn,
}

/// A suggestion as the record stands: who proposed it (the receiver's person) and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub by: String,
    pub status: SuggestionStatus,
    /// The hash of the event that proposed it (an approval is held back only by suggestions its
    /// signer could have seen: those proposed before it on its own line of events).
    #[serde(default)]
    pub proposed_in: String,
}

pub type Suggestions = BTreeMap<String, Standing>;

/// Why a suggestion event does not count (or a step on one is refused before it is signed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum SuggestionProblem {
    /// A proposal without its place or its words, or that changes nothing.
    Malformed,
    /// A second proposal with an id already in the record.
    Duplicate { suggestion: String },
    /// A step on a suggestion the record does not hold.
    Unknown { suggestion: String },
    /// Accepted, rejected or withdrawn already.
    Closed { suggestion: String, status: SuggestionStatus },
    /// Only the story's author and editors accept or reject.
    MayNotDecide,
    /// Only the one who proposed a suggestion withdraws it.
    NotYours,
    /// Nothing is proposed on a spiked story.
    Spiked,
    /// Its words are no longer in the text (accepting needs them).
    Detached { suggestion: String },
    /// Its words cannot be replaced faithfully (they cross paragraphs, or into a picture…).
    CannotApply { suggestion: String },
    /// The proposed words are longer than a suggestion may be.
    TooLong { limit: usize },
    /// An approval while suggestions are open: the approved text must be the agreed one.
    StillOpen { count: usize },
}

/// What the one who signs may do to the suggestions, as [`judge`] needs to know them.
pub struct Signer<'a> {
    pub person: &'a str,
    pub is_editor: bool,
    pub is_author: bool,
}

/// Checks `change` against the record's suggestions and, if it counts, applies it to them.
pub fn judge(
    suggestions: &mut Suggestions,
    change: &SuggestionChange,
    signer: &Signer,
    state: ArticleStatus,
    event: &str,
) -> Result<(), SuggestionProblem> {
    let id = change.suggestion.clone();
    let standing = suggestions.get(&id);
    if change.op == SuggestionOp::Propose {
        if standing.is_some() {
            return Err(SuggestionProblem::Duplicate { suggestion: id });
        }
        if state == ArticleStatus::Spiked {
            return Err(SuggestionProblem::Spiked);
        }
        if change.replacement.as_ref().is_some_and(|r| r.chars().count() > MAX_SUGGESTION_CHARS) {
            return Err(SuggestionProblem::TooLong { limit: MAX_SUGGESTION_CHARS });
        }
        if !is_well_formed(change) {
            return Err(SuggestionProblem::Malformed);
        }
        let standing =
            Standing { by: signer.person.to_string(), status: SuggestionStatus::Open, proposed_in: event.into() };
        suggestions.insert(id, standing);
        return Ok(());
    }
    let Some(standing) = standing else { return Err(SuggestionProblem::Unknown { suggestion: id }) };
    match change.op {
        SuggestionOp::Reply | SuggestionOp::Propose => return Ok(()),
        // A spiked story takes no new words (as it takes no new suggestion); rejecting and
        // withdrawing change no text and stay possible.
        SuggestionOp::Accept if state == ArticleStatus::Spiked => return Err(SuggestionProblem::Spiked),
        SuggestionOp::Withdraw if standing.by != signer.person => return Err(SuggestionProblem::NotYours),
        SuggestionOp::Accept | SuggestionOp::Reject if !(signer.is_editor || signer.is_author) => {
            return Err(SuggestionProblem::MayNotDecide)
        }
        _ => {}
    }
    let status = settle(standing.status, change.op).status;
    suggestions.insert(id, Standing { status, ..standing.clone() });
    Ok(())
}

/// Where a decision leaves a suggestion, and whether it gave way to one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    pub status: SuggestionStatus,
    /// The decision changed nothing: the suggestion was settled already (an acceptance made
    /// apart stands over it, or it repeats one).
    pub gave_way: bool,
}

/// The one answer, for the rule and for the list, to what a decision does to a suggestion that
/// stands at `current`: an open one takes the decision; an acceptance overrules a rejection or a
/// withdrawal; any other decision on a settled suggestion gives way.
pub fn settle(current: SuggestionStatus, op: SuggestionOp) -> Settled {
    let Some(decided) = op.decides() else { return Settled { status: current, gave_way: false } };
    match current {
        SuggestionStatus::Open => Settled { status: decided, gave_way: false },
        SuggestionStatus::Rejected | SuggestionStatus::Withdrawn if decided == SuggestionStatus::Accepted => {
            Settled { status: decided, gave_way: false }
        }
        settled => Settled { status: settled, gave_way: true },
    }
}

/// Characters a suggestion may not bring into the text: they change how the words around them
/// read or hide words (bidi embeddings, overrides and isolates; zero-width space, word joiner,
/// soft hyphen, BOM), and the author deciding on it would not see them. The marks Arabic text
/// uses (LRM, RLM, ALM, ZWNJ, ZWJ) stay allowed.
pub fn is_hidden_character(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}')
}

/// A proposal names its place and its words, changes something, and holds only what the
/// article's text may hold, on one line (no control character: the format refuses them), and no
/// character that hides words or turns their direction ([`is_hidden_character`]). Its id
/// is a plain token and its anchor within the sizes a library makes (what arrives from another
/// machine is bounded before any text is searched for it).
pub fn is_well_formed(change: &SuggestionChange) -> bool {
    let id = &change.suggestion;
    let plain_id = (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric());
    match (&change.anchor, &change.replacement) {
        (Some(anchor), Some(replacement)) => {
            plain_id
                && anchor.exact != *replacement
                && super::anchor::is_bounded(anchor, MAX_SUGGESTION_CHARS)
                && replacement.chars().count() <= MAX_SUGGESTION_CHARS
                && !replacement.chars().any(|c| (c < ' ' && c != '\t') || is_hidden_character(c))
        }
        _ => false,
    }
}

/// How many suggestions are still open.
pub fn open_count(suggestions: &Suggestions) -> usize {
    suggestions.values().filter(|s| s.status == SuggestionStatus::Open).count()
}

impl SuggestionStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SuggestionStatus::Open => lang.pick("مفتوح", "open"),
            SuggestionStatus::Accepted => lang.pick("مقبول", "accepted"),
            SuggestionStatus::Rejected => lang.pick("مرفوض", "rejected"),
            SuggestionStatus::Withdrawn => lang.pick("مسحوب", "withdrawn"),
        }
    }
}

impl Localized for SuggestionProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SuggestionProblem::Malformed, _) => lang
                .pick(
                    "اقتراح بلا موضع أو بلا نص، أو لا يغيّر شيئًا، أو فيه محرف خفي (محرف تحكم، أو قلب لاتجاه النص، أو مسافة صفرية) أو سطر جديد",
                    "a suggestion without its place or its words, that changes nothing, or that holds an invisible character (a control, a direction override, a zero-width space) or a new line",
                )
                .into(),
            (SuggestionProblem::Duplicate { suggestion }, Lang::Ar) => format!("الاقتراح {suggestion} مسجّل من قبل"),
            (SuggestionProblem::Duplicate { suggestion }, Lang::En) => format!("suggestion {suggestion} is already recorded"),
            (SuggestionProblem::Unknown { suggestion }, Lang::Ar) => format!("لا اقتراح بالمعرّف {suggestion} على هذه القصة"),
            (SuggestionProblem::Unknown { suggestion }, Lang::En) => format!("this story has no suggestion {suggestion}"),
            (SuggestionProblem::Closed { suggestion, status }, Lang::Ar) => {
                let done = match status {
                    SuggestionStatus::Accepted => "قُبل",
                    SuggestionStatus::Rejected => "رُفض",
                    SuggestionStatus::Withdrawn => "سُحب",
                    SuggestionStatus::Open => "مفتوح",
                };
                format!("{done} الاقتراح {suggestion} من قبل")
            }
            (SuggestionProblem::Closed { suggestion, status }, Lang::En) => {
                format!("suggestion {suggestion} was {} already", status.label(lang))
            }
            (SuggestionProblem::MayNotDecide, _) => lang
                .pick("يقبل الاقتراحات ويرفضها كاتب القصة ومحرروها فقط", "only the story's author and editors accept or reject suggestions")
                .into(),
            (SuggestionProblem::NotYours, _) => {
                lang.pick("يسحب الاقتراح صاحبه فقط", "only the one who made a suggestion may withdraw it").into()
            }
            (SuggestionProblem::Spiked, _) => lang.pick("القصة ملغاة: لا اقتراحات عليها", "the story is spiked: no suggestions on it").into(),
            (SuggestionProblem::Detached { suggestion }, Lang::Ar) => {
                format!("كلمات الاقتراح {suggestion} لم تعد في النص: لا يمكن قبوله، ويمكن رفضه")
            }
            (SuggestionProblem::Detached { suggestion }, Lang::En) => {
                format!("the words of suggestion {suggestion} are no longer in the text: it cannot be accepted, only rejected")
            }
            (SuggestionProblem::CannotApply { suggestion }, Lang::Ar) => format!(
                "لا يمكن تطبيق الاقتراح {suggestion} كما هو: يتجاوز فقرته أو يمسّ صورة أو شيفرة"
            ),
            (SuggestionProblem::CannotApply { suggestion }, Lang::En) => format!(
                "suggestion {suggestion} cannot be applied as it is: it runs past its paragraph or into a picture or code"
            ),
            (SuggestionProblem::TooLong { limit }, Lang::Ar) => {
                format!("الكلمات المقترحة أطول من المسموح (حتى {limit} حرف)")
            }
            (SuggestionProblem::TooLong { limit }, Lang::En) => {
                format!("the suggested words are too long (at most {limit} characters)")
            }
            (SuggestionProblem::StillOpen { count }, Lang::Ar) => {
                format!("{}: اقبلها أو ارفضها قبل الاعتماد", still_open_ar(*count))
            }
            (SuggestionProblem::StillOpen { count }, Lang::En) => format!(
                "{count} suggestion{} still open: accept or reject {} before approving",
                if *count == 1 { " is" } else { "s are" },
                if *count == 1 { "it" } else { "them" }
            ),
        }
    }
}

/// «3 اقتراحات ما زالت مفتوحة», the noun and verb in the forms Arabic counting wants.
pub fn still_open_ar(count: usize) -> String {
    match count {
        1 => "اقتراح واحد ما زال مفتوحًا".into(),
        2 => "اقتراحان ما زالا مفتوحين".into(),
        3..=10 => format!("{count} اقتراحات ما زالت مفتوحة"),
        _ => format!("{count} اقتراحًا ما زالت مفتوحة"),
    }
}
