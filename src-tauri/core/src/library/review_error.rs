//! What can stop a review step, worded for the user in Arabic and English.

use crate::identity::{Fingerprint, RosterProblem, StoreError};
use crate::lang::{Lang, Localized};
use crate::workflow::Refusal;

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
    /// An incoming event is not authentic, or not about this article.
    ForgedEvent {
        position: usize,
    },
    /// The working copy changed while an approval was being prepared.
    ChangedMeanwhile {
        id: String,
    },
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
            ReviewError::ForgedEvent { .. } => "forged-event",
            ReviewError::ChangedMeanwhile { .. } => "conflict",
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
                | ReviewError::Roster(_)
                | ReviewError::QuoteNotFound { .. }
                | ReviewError::QuoteAmbiguous { .. }
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
                lang.pick("الاسم فارغ أو طويل جدًا (حتى 200 حرف)", "the name is empty or too long (up to 200 characters)").into()
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
            ReviewError::ForgedEvent { position } => match lang {
                Lang::Ar => format!("الحدث {position} في الحزمة غير موثوق (توقيعه لا يطابقه)؛ لم يُستورد شيء"),
                Lang::En => format!("event {position} in the package is not authentic (its signature does not match); nothing was imported"),
            },
            ReviewError::ChangedMeanwhile { id } => match lang {
                Lang::Ar => format!("تغيّر المقال {id} أثناء تحضير الاعتماد؛ راجعه ثم اعتمده من جديد"),
                Lang::En => format!("article {id} changed while the approval was prepared; review it and approve again"),
            },
        }
    }
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
        RosterProblem::Inconsistent { name } => match lang {
            Lang::Ar => format!("بصمة «{name}» في القائمة ليست بصمة مفتاحه"),
            Lang::En => format!("the roster's fingerprint for «{name}» is not their key's"),
        },
    }
}
