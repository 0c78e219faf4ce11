//! The workflow's rules as one pure function. Nothing here reads a library or a clock: the same
//! answer on every machine, for every caller.
//!
//! draft → submitted → in review → changes requested → (resubmitted) → approved → published;
//! spiked from any state and unspiked back to a draft; an author may withdraw a submission.
//! Only editors (and chiefs) start reviews, request changes, approve, publish, and spike or
//! unspike other people's stories. Requesting changes and spiking say why, in a signed note.

use serde::{Deserialize, Serialize};

use crate::lang::{Lang, Localized};

/// Where an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ArticleStatus {
    Draft,
    Submitted,
    InReview,
    ChangesRequested,
    Approved,
    Published,
    Spiked,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 7] = [
        ArticleStatus::Draft,
        ArticleStatus::Submitted,
        ArticleStatus::InReview,
        ArticleStatus::ChangesRequested,
        ArticleStatus::Approved,
        ArticleStatus::Published,
        ArticleStatus::Spiked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Submitted => "submitted",
            ArticleStatus::InReview => "in-review",
            ArticleStatus::ChangesRequested => "changes-requested",
            ArticleStatus::Approved => "approved",
            ArticleStatus::Published => "published",
            ArticleStatus::Spiked => "spiked",
        }
    }

    pub fn parse(name: &str) -> Option<ArticleStatus> {
        ArticleStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The desk's column names.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ArticleStatus::Draft => lang.pick("مسودة", "Draft"),
            ArticleStatus::Submitted => lang.pick("مُرسلة", "Submitted"),
            ArticleStatus::InReview => lang.pick("قيد المراجعة", "In review"),
            ArticleStatus::ChangesRequested => lang.pick("تحتاج تعديلًا", "Changes requested"),
            ArticleStatus::Approved => lang.pick("معتمدة", "Approved"),
            ArticleStatus::Published => lang.pick("منشورة", "Published"),
            ArticleStatus::Spiked => lang.pick("ملغاة", "Spiked"),
        }
    }
}

#[cfg(feature = "local")]
impl rusqlite::types::FromSql for ArticleStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let name = value.as_str()?;
        ArticleStatus::parse(name)
            .ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown article status {name}").into()))
    }
}

/// What a person does in a library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Role {
    Journalist,
    Editor,
    /// An editor who also keeps the desk's roster.
    Chief,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Journalist, Role::Editor, Role::Chief];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Journalist => "journalist",
            Role::Editor => "editor",
            Role::Chief => "chief",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn is_editor(self) -> bool {
        matches!(self, Role::Editor | Role::Chief)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Journalist => lang.pick("صحفي", "journalist"),
            Role::Editor => lang.pick("محرر", "editor"),
            Role::Chief => lang.pick("رئيس تحرير", "chief editor"),
        }
    }
}

/// A step someone takes on a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Action {
    Submit,
    Withdraw,
    StartReview,
    RequestChanges,
    Approve,
    Publish,
    Spike,
    Unspike,
    /// The text changed: an approved or published story goes back to review.
    Edit,
    /// Taken down from the sites it was delivered to (legal, an error): back to review, so
    /// republishing is a new approval. Editors, with the reason.
    TakeDown,
    /// A published story corrected in public: its corrected text approved, the step signs the
    /// public note and the package that shows it (like an approval), and publishes it again.
    /// Editors, with the note.
    Correct,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::Submit,
        Action::Withdraw,
        Action::StartReview,
        Action::RequestChanges,
        Action::Approve,
        Action::Publish,
        Action::Spike,
        Action::Unspike,
        Action::Edit,
        Action::TakeDown,
        Action::Correct,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::StartReview => "start-review",
            Action::RequestChanges => "request-changes",
            Action::Approve => "approve",
            Action::Publish => "publish",
            Action::Spike => "spike",
            Action::Unspike => "unspike",
            Action::Edit => "edit",
            Action::TakeDown => "take-down",
            Action::Correct => "correct",
        }
    }

    pub fn parse(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// The step's name as a sentence says it («الإرسال», "submit").
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Action::Submit => lang.pick("الإرسال", "submit"),
            Action::Withdraw => lang.pick("السحب", "withdraw"),
            Action::StartReview => lang.pick("بدء المراجعة", "start a review"),
            Action::RequestChanges => lang.pick("طلب التعديل", "request changes"),
            Action::Approve => lang.pick("الاعتماد", "approve"),
            Action::Publish => lang.pick("النشر", "publish"),
            Action::Spike => lang.pick("الإلغاء", "spike"),
            Action::Unspike => lang.pick("إعادة الإلغاء", "unspike"),
            Action::Edit => lang.pick("التعديل", "edit"),
            Action::TakeDown => lang.pick("السحب من النشر", "take down"),
            Action::Correct => lang.pick("التصحيح", "correct"),
        }
    }
}

/// Why an action is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Refusal {
    /// The action makes no sense from this state (approving a draft, withdrawing an approval).
    WrongState { action: Action, state: ArticleStatus },
    /// Only editors may take it.
    EditorsOnly { action: Action },
    /// Only the story's author may take it (withdraw).
    AuthorOnly { action: Action },
    /// An editor's action on someone else's story; a journalist may do it only to their own.
    OthersStory { action: Action },
    /// Requesting changes and spiking say why: the step needs a note.
    NoteRequired { action: Action },
    /// Editing is recorded when the text is saved, never asked for as a step.
    NotAStep { action: Action },
}

impl Localized for Refusal {
    fn message(&self, lang: Lang) -> String {
        match *self {
            Refusal::WrongState { action, state } => match lang {
                Lang::Ar => format!("لا يمكن {}: حالة القصة «{}»", action.label(lang), state.label(lang)),
                Lang::En => format!("cannot {}: the story is {}", action.label(lang), state.label(lang).to_lowercase()),
            },
            Refusal::EditorsOnly { action } => match lang {
                Lang::Ar => format!("{} للمحررين وحدهم", action.label(lang)),
                Lang::En => format!("only editors may {}", action.label(lang)),
            },
            Refusal::AuthorOnly { action } => match lang {
                Lang::Ar => format!("{} لكاتب القصة وحده", action.label(lang)),
                Lang::En => format!("only the story's author may {}", action.label(lang)),
            },
            Refusal::OthersStory { action } => match lang {
                Lang::Ar => format!("{} لقصة زميل للمحررين وحدهم", action.label(lang)),
                Lang::En => format!("only editors may {} someone else's story", action.label(lang)),
            },
            Refusal::NoteRequired { action } => match lang {
                Lang::Ar => format!("{} يحتاج سببًا: اكتبه في الملاحظة", action.label(lang)),
                Lang::En => format!("to {} needs a reason: write it in the note", action.label(lang)),
            },
            Refusal::NotAStep { action } => match lang {
                Lang::Ar => format!("«{}» ليس خطوة تُطلب: يُسجَّل حين يُحفظ النص", action.label(lang)),
                Lang::En => {
                    format!("{} is not a step to ask for: it is recorded when the text is saved", action.label(lang))
                }
            },
        }
    }
}

/// Whether a step's note says why: it shows something a colleague could read (a note of spaces,
/// invisible or control characters says nothing). The one rule for every receiver.
pub fn says_why(note: Option<&str>) -> bool {
    note.is_some_and(crate::identity::names::shows_something)
}

impl Action {
    /// Whether the step signs the package it makes public (an approval, a correction): it must
    /// name that content, and a package or a site takes it as an approval of it.
    pub fn signs_package(self) -> bool {
        matches!(self, Action::Approve | Action::Correct)
    }

    /// Whether the step must say why (a note signed with it): requesting changes, spiking, taking
    /// down — and a correction, whose note is what readers are told.
    pub fn needs_note(self) -> bool {
        matches!(self, Action::RequestChanges | Action::Spike | Action::TakeDown | Action::Correct)
    }
}

/// The state `action` leads to, or why it may not be taken. `is_author`: the actor wrote the
/// story (its first event is theirs, or it has none yet and lives in their library); `has_note`:
/// the step says why (a request for changes or a spike without one is refused).
pub fn decide(
    state: ArticleStatus,
    role: Role,
    action: Action,
    is_author: bool,
    has_note: bool,
) -> Result<ArticleStatus, Refusal> {
    let to = decide_step(state, role, action, is_author)?;
    if action.needs_note() && !has_note {
        return Err(Refusal::NoteRequired { action });
    }
    Ok(to)
}

/// Who may take which step from which state, before the note is looked at.
fn decide_step(state: ArticleStatus, role: Role, action: Action, is_author: bool) -> Result<ArticleStatus, Refusal> {
    use ArticleStatus as S;
    let editor = role.is_editor();
    let wrong_state = Err(Refusal::WrongState { action, state });
    match action {
        Action::Submit => match state {
            S::Draft | S::ChangesRequested if is_author || editor => Ok(S::Submitted),
            S::Draft | S::ChangesRequested => Err(Refusal::OthersStory { action }),
            _ => wrong_state,
        },
        Action::Withdraw => match state {
            S::Submitted | S::InReview if is_author => Ok(S::Draft),
            S::Submitted | S::InReview => Err(Refusal::AuthorOnly { action }),
            _ => wrong_state,
        },
        Action::StartReview => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::Submitted => Ok(S::InReview),
            _ => wrong_state,
        },
        Action::RequestChanges => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::Submitted | S::InReview | S::Approved => Ok(S::ChangesRequested),
            _ => wrong_state,
        },
        Action::Approve => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::InReview => Ok(S::Approved),
            _ => wrong_state,
        },
        Action::Publish => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::Approved => Ok(S::Published),
            _ => wrong_state,
        },
        Action::Spike => match state {
            S::Spiked => wrong_state,
            _ if editor || is_author => Ok(S::Spiked),
            _ => Err(Refusal::OthersStory { action }),
        },
        Action::Unspike => match state {
            S::Spiked if editor || is_author => Ok(S::Draft),
            S::Spiked => Err(Refusal::OthersStory { action }),
            _ => wrong_state,
        },
        Action::TakeDown => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::Approved | S::Published => Ok(S::InReview),
            _ => wrong_state,
        },
        // The corrected text was approved (a story is corrected after it was published: the
        // record says so, see `authority`); the correction publishes it again.
        Action::Correct => match state {
            _ if !editor => Err(Refusal::EditorsOnly { action }),
            S::Approved => Ok(S::Published),
            _ => wrong_state,
        },
        // Editing is never refused (nothing typed is lost); it only takes an approval away.
        Action::Edit => match state {
            S::Approved | S::Published => Ok(S::InReview),
            other => Ok(other),
        },
    }
}
