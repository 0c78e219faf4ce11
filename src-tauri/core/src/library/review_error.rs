//! What can stop a review step, worded for the user in Arabic and English.

use crate::identity::{Fingerprint, StoreError};
use crate::lang::{Lang, Localized};
use crate::workflow::authority::Why;
use crate::workflow::suggestion::SuggestionProblem;
use crate::workflow::RosterProblem;
use crate::workflow::{Refusal, Role};

use super::error::LibraryError;

#[derive(Debug)]
pub enum ReviewError {
    Library(LibraryError),
    /// The library has no profile yet (`qalam profile init`).
    NoProfile,
    /// `profile init` on a library that already has one.
    ProfileExists {
        name: String,
        fingerprint: Fingerprint,
    },
    BadName,
    /// The rules refuse the step.
    Refused {
        id: String,
        refusal: Refusal,
    },
    Key(StoreError),
    Roster(RosterProblem),
    /// No comment thread with this id on the article.
    NoThread {
        id: String,
        thread: String,
    },
    /// The words a comment quotes are not in the article (or more than once).
    QuoteNotFound {
        quote: String,
    },
    QuoteAmbiguous {
        quote: String,
        times: usize,
    },
    EmptyComment,
    /// A step on a suggestion is refused, or an approval while suggestions are open.
    Suggestion(SuggestionProblem),
    /// What a step would do to the embargo is not this person's to do.
    Embargo(crate::workflow::embargo::EmbargoProblem),
    /// Publishing before the embargo's time (ms since the epoch).
    Embargoed {
        until: i64,
    },
    /// A correction of a story its record does not hold public (never published, or taken down).
    NeverPublished,
    /// A public note (a correction, a take-down's reason) longer than one may be (characters).
    NoteTooLong {
        limit: usize,
    },
    /// A quote in a field that cannot be edited there, for a suggestion.
    CannotSuggest(crate::article::text_field::EditProblem),
    /// An incoming event is not authentic, or not about this article.
    ForgedEvent {
        position: usize,
    },
    /// The working copy changed while an approval was being prepared.
    ChangedMeanwhile {
        id: String,
    },
    /// Two versions of the text are kept after both sides changed it: nothing is approved until
    /// they are merged into the one everyone agreed on.
    InConflict {
        id: String,
    },
    /// An incoming event does not follow an event before it (`reordered`: it follows one that
    /// comes after it); nothing was taken in.
    BrokenChain {
        position: usize,
        reordered: bool,
    },
    /// An incoming event is authentic but does not count here (the one rule's reason); a
    /// hand-off with one is refused whole.
    EventRefused {
        position: usize,
        why: Why,
    },
    /// An event (a step's note, a comment) larger than one may be.
    EventTooLarge {
        limit: usize,
    },
    /// The story's record holds the most events it may.
    RecordFull {
        id: String,
        limit: usize,
    },
    /// A roster that would give a trusted name another key or raise a trusted person's role:
    /// nothing changed until the user accepts the changes.
    RosterChanges(Vec<RosterChange>),
}

/// What a roster would change about someone already trusted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum RosterChange {
    /// A name this library trusts, with another key.
    NewKey { name: String, trusted: Fingerprint, new: Fingerprint },
    /// A key this library trusts, with a higher role.
    HigherRole { name: String, fingerprint: Fingerprint, from: Role, to: Role },
}

impl Localized for RosterChange {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RosterChange::NewKey { name, trusted, new }, Lang::Ar) => {
                format!("«{name}» موثوق بالمفتاح {}، والقائمة تعطيه مفتاحًا آخر {}", lang.ltr(trusted), lang.ltr(new))
            }
            (RosterChange::NewKey { name, trusted, new }, Lang::En) => {
                format!("«{name}» is trusted with key {trusted}; the roster gives them another key, {new}")
            }
            (RosterChange::HigherRole { name, fingerprint, from, to }, Lang::Ar) => format!(
                "«{name}» ({}) {} هنا، والقائمة تجعله {}",
                lang.ltr(fingerprint),
                from.label(lang),
                to.label(lang)
            ),
            (RosterChange::HigherRole { name, fingerprint, from, to }, Lang::En) => format!(
                "«{name}» ({fingerprint}) is trusted here as {}; the roster makes them {}",
                from.label(lang),
                to.label(lang)
            ),
        }
    }
}

impl From<LibraryError> for ReviewError {
    fn from(e: LibraryError) -> Self {
        ReviewError::Library(e)
    }
}

impl From<rusqlite::Error> for ReviewError {
    fn from(e: rusqlite::Error) -> Self {
        ReviewError::Library(e.into())
    }
}

impl From<StoreError> for ReviewError {
    fn from(e: StoreError) -> Self {
        ReviewError::Key(e)
    }
}

impl ReviewError {
    pub fn code(&self) -> &'static str {
        match self {
            ReviewError::Library(e) => e.code(),
            ReviewError::NoProfile => "no-profile",
            ReviewError::ProfileExists { .. } => "already-exists",
            ReviewError::BadName => "invalid-input",
            ReviewError::Refused { .. } => "refused",
            ReviewError::Key(e) => e.code(),
            ReviewError::Roster(_) => "bad-roster",
            ReviewError::NoThread { .. } => "not-found",
            ReviewError::QuoteNotFound { .. } | ReviewError::QuoteAmbiguous { .. } => "quote-not-found",
            ReviewError::EmptyComment => "invalid-input",
            ReviewError::Suggestion(SuggestionProblem::Unknown { .. }) => "not-found",
            ReviewError::Suggestion(SuggestionProblem::Malformed) | ReviewError::CannotSuggest(_) => "invalid-input",
            ReviewError::Suggestion(_) => "refused",
            ReviewError::Embargo(_) | ReviewError::Embargoed { .. } | ReviewError::NeverPublished => "refused",
            ReviewError::ForgedEvent { .. } => "forged-event",
            ReviewError::ChangedMeanwhile { .. } | ReviewError::InConflict { .. } => "conflict",
            ReviewError::BrokenChain { .. } => "forged-event",
            ReviewError::EventRefused { .. } => "event-refused",
            ReviewError::RecordFull { .. } => "record-full",
            ReviewError::EventTooLarge { .. } | ReviewError::NoteTooLong { .. } => "too-large",
            ReviewError::RosterChanges(_) => "roster-changes",
        }
    }

    /// Whether the input was understood and the step refused (exit 1), rather than unusable.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            ReviewError::Refused { .. }
                | ReviewError::ProfileExists { .. }
                | ReviewError::ForgedEvent { .. }
                | ReviewError::ChangedMeanwhile { .. }
                | ReviewError::InConflict { .. }
                | ReviewError::BrokenChain { .. }
                | ReviewError::EventRefused { .. }
                | ReviewError::RecordFull { .. }
                | ReviewError::EventTooLarge { .. }
                | ReviewError::NoteTooLong { .. }
                | ReviewError::RosterChanges(_)
                | ReviewError::Roster(_)
                | ReviewError::QuoteNotFound { .. }
                | ReviewError::QuoteAmbiguous { .. }
                | ReviewError::Suggestion(_)
                | ReviewError::Embargo(_)
                | ReviewError::Embargoed { .. }
                | ReviewError::NeverPublished
                | ReviewError::CannotSuggest(_)
        )
    }
}

impl Localized for ReviewError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ReviewError::Library(e) => e.message(lang),
            ReviewError::NoProfile => lang
                .pick(
                    "لا ملف شخصي لهذه المكتبة بعد: أنشئه بالأمر profile init --name الاسم --role الدور",
                    "this library has no profile yet: make one with `profile init --name NAME --role ROLE`",
                )
                .to_string(),
            ReviewError::ProfileExists { name, fingerprint } => match lang {
                Lang::Ar => format!("للمكتبة ملف شخصي: {name} (البصمة {})؛ لم يتغيّر شيء", lang.ltr(fingerprint)),
                Lang::En => format!("the library already has a profile: {name} ({fingerprint}); nothing was changed"),
            },
            ReviewError::BadName => {
                lang.pick(
                    "الاسم فارغ أو طويل جدًا (حتى 200 حرف) أو فيه محارف خفية أو تغيّر اتجاه النص",
                    "the name is empty, too long (up to 200 characters), or carries hidden or direction-changing characters",
                )
                .into()
            }
            ReviewError::Refused { id, refusal } => match lang {
                Lang::Ar => format!("المقال {id}: {}", refusal.message(lang)),
                Lang::En => format!("article {id}: {}", refusal.message(lang)),
            },
            ReviewError::Key(e) => e.message(lang),
            ReviewError::Roster(problem) => roster_message(problem, lang),
            ReviewError::NoThread { id, thread } => match lang {
                Lang::Ar => format!("لا تعليق بالمعرّف {thread} على المقال {id}"),
                Lang::En => format!("article {id} has no comment {thread}"),
            },
            ReviewError::QuoteNotFound { quote } => match lang {
                Lang::Ar => format!("النص «{quote}» غير موجود في المقال"),
                Lang::En => format!("the article does not contain «{quote}»"),
            },
            ReviewError::QuoteAmbiguous { quote, times } => match lang {
                Lang::Ar => format!("النص «{quote}» يتكرّر {times} مرات في المقال؛ اقتبس كلمات أكثر"),
                Lang::En => format!("«{quote}» appears {times} times in the article; quote more words"),
            },
            ReviewError::EmptyComment => lang.pick("التعليق فارغ", "the comment is empty").into(),
            ReviewError::Suggestion(problem) => problem.message(lang),
            ReviewError::Embargo(problem) => problem.message(lang),
            ReviewError::Embargoed { until } => {
                crate::workflow::authority::Why::Embargoed { until: *until }.message(lang)
            }
            ReviewError::NeverPublished => crate::workflow::authority::Why::NeverPublished.message(lang),
            ReviewError::CannotSuggest(problem) => cannot_suggest(*problem, lang),
            ReviewError::ForgedEvent { position } => match lang {
                Lang::Ar => format!("الحدث {position} الوارد غير موثوق (توقيعه لا يطابقه) أو لمقال آخر؛ لم يُستورد شيء"),
                Lang::En => format!("incoming event {position} is not authentic (its signature does not match) or is of another article; nothing was taken in"),
            },
            ReviewError::BrokenChain { position, reordered: true } => match lang {
                Lang::Ar => format!("الحدث {position} الوارد يأتي قبل الحدث الذي يتبعه: السجل مُعاد ترتيبه؛ لم يُستورد شيء"),
                Lang::En => format!("incoming event {position} comes before the event it follows: the record was reordered; nothing was taken in"),
            },
            ReviewError::BrokenChain { position, reordered: false } => match lang {
                Lang::Ar => format!("الحدث {position} الوارد يتبع حدثًا ليس في السجل؛ لم يُستورد شيء"),
                Lang::En => format!("incoming event {position} follows an event that is not in the record; nothing was taken in"),
            },
            ReviewError::EventRefused { position, why } => match lang {
                Lang::Ar => format!("الحدث {position} الوارد لا يُقبل: {}؛ لم يُستورد شيء", why.message(lang)),
                Lang::En => format!("incoming event {position} is refused: {}; nothing was taken in", why.message(lang)),
            },
            ReviewError::RecordFull { id, limit } => match lang {
                Lang::Ar => format!("سجل المقال {id} بلغ حدّه ({limit} حدث): لا تُضاف إليه خطوة ولا تعليق؛ لم يتغيّر شيء. لمتابعة القصة ابدأ مقالًا جديدًا من نصّها"),
                Lang::En => format!("the record of article {id} is full ({limit} events): no step or comment can be added to it; nothing was changed. To go on with the story, start a new article from its text"),
            },
            ReviewError::NoteTooLong { limit } => match lang {
                Lang::Ar => format!("الملاحظة أطول من {limit} حرف؛ اختصرها، لم يتغيّر شيء"),
                Lang::En => format!("the note is longer than {limit} characters; shorten it, nothing changed"),
            },
            ReviewError::EventTooLarge { limit } => match lang {
                Lang::Ar => format!("الملاحظة أو التعليق أطول من المسموح (الحدث حتى {} كيلوبايت)؛ لم يتغيّر شيء", limit / 1024),
                Lang::En => format!("the note or comment is too long (an event is at most {} KiB); nothing was changed", limit / 1024),
            },
            ReviewError::RosterChanges(changes) => {
                let list: Vec<String> = changes.iter().map(|c| c.message(lang)).collect();
                match lang {
                    Lang::Ar => format!("القائمة تغيّر من تثق به، ولم يتغيّر شيء: {}. اقبل التغييرات صراحة إن كانت صحيحة", list.join("؛ ")),
                    Lang::En => format!("the roster changes whom you trust, and nothing was changed: {}. Accept the changes explicitly if they are right", list.join("; ")),
                }
            }
            ReviewError::InConflict { id } => match lang {
                Lang::Ar => format!("للمقال {id} نسختان بعد أن عدّل الطرفان نصه: ادمجهما قبل الاعتماد"),
                Lang::En => format!("article {id} has two versions after both sides changed its text: merge them before approving"),
            },
            ReviewError::ChangedMeanwhile { id } => match lang {
                Lang::Ar => format!("تغيّر المقال {id} أثناء تحضير الاعتماد؛ راجعه ثم اعتمده من جديد"),
                Lang::En => format!("article {id} changed while the approval was prepared; review it and approve again"),
            },
        }
    }
}

fn cannot_suggest(problem: crate::article::text_field::EditProblem, lang: Lang) -> String {
    use crate::article::text_field::EditProblem;
    match problem {
        EditProblem::OutOfRange => lang.pick("الموضع خارج النص", "the place is outside the text"),
        EditProblem::CrossesBlocks => lang.pick(
            "الكلمات المقترح تغييرها تمتد من فقرة إلى أخرى: اقترح على كل فقرة وحدها",
            "the words a suggestion changes run from one paragraph into another: suggest on each paragraph alone",
        ),
        EditProblem::NotRunningText => lang.pick(
            "الكلمات المقترح تغييرها تمسّ صورة أو شيفرة أو فاصل سطر أو نسبة اقتباس: اختر كلمات من النص الجاري",
            "the words a suggestion changes touch a picture, code, a line break or a quote's attribution: choose words of the running text",
        ),
        EditProblem::NewLine => lang.pick(
            "النص المقترح يبدأ سطرًا جديدًا: الاقتراح يبقى في سطره",
            "the suggested words start a new line: a suggestion stays within its line",
        ),
        EditProblem::ControlCharacter => lang.pick(
            "في النص المقترح محرف تحكم خفي لا يقبله المقال",
            "the suggested words hold an invisible control character the article does not take",
        ),
        EditProblem::ChangesStructure => lang.pick(
            "النص المقترح يغيّر بنية المقال (يصنع عنوانًا أو قائمة أو شيفرة): اقترح كلمات فقط",
            "the suggested words would change the article's structure (a heading, a list, code): suggest words only",
        ),
    }
    .into()
}

pub fn roster_message(problem: &RosterProblem, lang: Lang) -> String {
    match problem {
        RosterProblem::NotARoster(_) => {
            lang.pick("الملف ليس قائمة أشخاص من قلم", "the file is not a Qalam roster").into()
        }
        RosterProblem::BadSignature => lang
            .pick(
                "توقيع قائمة الأشخاص لا يطابقها: عُدّلت بعد تصديرها",
                "the roster's signature does not match it: it was altered after export",
            )
            .into(),
        RosterProblem::BadName { name } => match lang {
            Lang::Ar => format!("في القائمة اسم فارغ أو فيه محارف خفية أو تغيّر اتجاه النص: «{name}»"),
            Lang::En => format!(
                "the roster has a name that is empty or carries hidden or direction-changing characters: «{name}»"
            ),
        },
        RosterProblem::Inconsistent { name } => match lang {
            Lang::Ar => format!("بصمة «{name}» في القائمة ليست بصمة مفتاحه"),
            Lang::En => format!("the roster's fingerprint for «{name}» is not their key's"),
        },
    }
}
