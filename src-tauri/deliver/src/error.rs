//! What can stop a delivery, in the user's words. Passing troubles (no network, a site's
//! error, a timeout) leave the delivery queued for its next attempt; the rest stop it until the
//! user acts (a wrong password is never retried on its own: that would lock the account).

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::LibraryError;
use qalam_core::package::PackageError;

#[derive(Debug)]
pub enum DeliverError {
    Library(LibraryError),
    Package(PackageError),
    NoTarget {
        name: String,
    },
    TargetExists {
        name: String,
    },
    BadName {
        name: String,
    },
    /// A WordPress target without its user name.
    NoUser,
    /// Adding a target that needs a password or key, without one.
    NoSecretGiven,
    BadUrl {
        url: String,
    },
    /// Plain http to a site that is not on this machine (the password would cross in clear).
    PlainHttp {
        url: String,
    },
    NoDelivery {
        id: i64,
    },
    /// A retry or cancel of a delivery already on its site.
    AlreadyDelivered {
        id: i64,
    },
    /// Asked to publish a revision no trusted editor approved.
    NotApproved {
        id: String,
    },
    /// The story is not on this target's site (never delivered there, or not a WordPress site).
    NotOnSite {
        target: String,
    },
    /// A schedule that cannot be kept: not a publishing delivery, not a site that schedules, or
    /// before the story's embargo ends (ms since the epoch).
    BadSchedule {
        why: ScheduleProblem,
    },
    /// The site could not be reached.
    Offline {
        detail: String,
    },
    /// The site did not answer within the limit (`secs`, when the caller knows it).
    NoAnswer {
        secs: Option<u64>,
    },
    /// A redirect the client does not follow: to another origin, in a loop, or too many.
    Redirect {
        problem: crate::http::RedirectProblem,
    },
    /// The site's answer is larger than the client reads.
    AnswerTooLarge {
        limit: usize,
    },
    /// The site failed (5xx) or asked to slow down (429).
    Server {
        status: u16,
    },
    /// The site does not take this user and password.
    Unauthorized,
    /// The account may not do this (a role's limit), in the site's words.
    Forbidden {
        code: String,
        message: String,
    },
    /// The account may not create a category or tag that does not exist yet.
    TermNotAllowed {
        taxonomy: &'static str,
        term: String,
    },
    /// Any other refusal by the site, in its words.
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The answer was not what WordPress's REST API says.
    Protocol {
        detail: String,
    },
    Folder {
        path: String,
        detail: String,
    },
    NoKeychain {
        detail: String,
    },
    Keychain {
        detail: String,
    },
    /// The keychain has no password for this target (added on another account, or removed).
    NoSecret {
        name: String,
    },
    /// Too many failures at this target in the last hour: the next attempt waits.
    Ceiling {
        target: String,
    },
}

/// Why a delivery cannot be scheduled as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleProblem {
    NotPublishing,
    NotAWordPressSite,
    BeforeEmbargo {
        until: i64,
    },
    /// The time asked for has passed, or is years away.
    NotAhead(qalam_core::workflow::embargo::EmbargoProblem),
    /// Publishing under embargo to a target that cannot hold the story until then.
    EmbargoedHere {
        until: i64,
    },
}

impl From<LibraryError> for DeliverError {
    fn from(e: LibraryError) -> Self {
        DeliverError::Library(e)
    }
}

impl From<PackageError> for DeliverError {
    fn from(e: PackageError) -> Self {
        DeliverError::Package(e)
    }
}

impl DeliverError {
    /// The error, with the answer's time limit said if it is the site's silence.
    pub fn within(self, timeout: std::time::Duration) -> DeliverError {
        match self {
            DeliverError::NoAnswer { secs: None } => DeliverError::NoAnswer { secs: Some(timeout.as_secs()) },
            other => other,
        }
    }

    /// Worth trying again later, unchanged.
    pub fn is_passing(&self) -> bool {
        matches!(
            self,
            DeliverError::Offline { .. }
                | DeliverError::NoAnswer { .. }
                | DeliverError::Server { .. }
                | DeliverError::Ceiling { .. }
        )
    }

    pub fn code(&self) -> String {
        match self {
            DeliverError::Library(e) => e.code().into(),
            DeliverError::Package(e) => e.code().into(),
            DeliverError::NoTarget { .. } => "no-target".into(),
            DeliverError::TargetExists { .. } => "target-exists".into(),
            DeliverError::BadName { .. } => "bad-name".into(),
            DeliverError::BadUrl { .. } => "bad-url".into(),
            DeliverError::NoUser => "no-user".into(),
            DeliverError::NoSecretGiven => "no-secret-given".into(),
            DeliverError::PlainHttp { .. } => "plain-http".into(),
            DeliverError::NoDelivery { .. } => "no-delivery".into(),
            DeliverError::AlreadyDelivered { .. } => "already-delivered".into(),
            DeliverError::NotApproved { .. } => "not-approved".into(),
            DeliverError::BadSchedule { .. } => "bad-schedule".into(),
            DeliverError::NotOnSite { .. } => "not-on-site".into(),
            DeliverError::Offline { .. } => "offline".into(),
            DeliverError::NoAnswer { .. } => "no-answer".into(),
            DeliverError::Redirect { .. } => "redirect-refused".into(),
            DeliverError::AnswerTooLarge { .. } => "answer-too-large".into(),
            DeliverError::Server { .. } => "site-failed".into(),
            DeliverError::Unauthorized => "unauthorized".into(),
            DeliverError::Forbidden { code, .. } | DeliverError::Refused { code, .. } => code.clone(),
            DeliverError::TermNotAllowed { .. } => "term-not-allowed".into(),
            DeliverError::Protocol { .. } => "protocol".into(),
            DeliverError::Folder { .. } => "folder".into(),
            DeliverError::NoKeychain { .. } => "no-keychain".into(),
            DeliverError::Keychain { .. } => "keychain".into(),
            DeliverError::NoSecret { .. } => "no-secret".into(),
            DeliverError::Ceiling { .. } => "retry-ceiling".into(),
        }
    }

    /// Details worth showing to whoever debugs it (`--json`'s cause).
    pub fn cause(&self) -> Option<String> {
        match self {
            DeliverError::Offline { detail }
            | DeliverError::Protocol { detail }
            | DeliverError::NoKeychain { detail }
            | DeliverError::Keychain { detail }
            | DeliverError::Folder { detail, .. } => Some(detail.clone()),
            _ => None,
        }
    }

    /// As a delivery row keeps it ([`qalam_core::lang::stored_error`]).
    pub fn stored(&self) -> String {
        qalam_core::lang::stored_error(&self.code(), self)
    }
}

pub use qalam_core::lang::stored_error_text as stored_text;

impl Localized for DeliverError {
    fn message(&self, lang: Lang) -> String {
        let ar = lang == Lang::Ar;
        let l = |s: &str| lang.ltr(s);
        match self {
            DeliverError::Library(e) => e.message(lang),
            DeliverError::Package(e) => e.message(lang),
            DeliverError::NoTarget { name } => {
                if ar {
                    format!("لا توجد وجهة باسم «{name}»: qalam target list")
                } else {
                    format!("no target named \"{name}\": qalam target list")
                }
            }
            DeliverError::TargetExists { name } => {
                if ar {
                    format!("توجد وجهة باسم «{name}» من قبل")
                } else {
                    format!("a target named \"{name}\" exists already")
                }
            }
            DeliverError::BadName { name } => {
                if ar {
                    format!("اسم الوجهة «{name}» غير صالح: حروف وأرقام و- و_ حتى 40 حرفاً")
                } else {
                    format!("\"{name}\" is not a target name: letters, digits, - and _, up to 40")
                }
            }
            DeliverError::NoUser => lang.pick("اكتب اسم المستخدم في الموقع", "give the user name on the site").into(),
            DeliverError::NoSecretGiven => lang
                .pick(
                    "لم تُعطَ كلمة المرور أو مفتاح التوقيع (في الإدخال القياسي مع ‎--password-stdin أو ‎--secret-stdin)",
                    "no password or signing key was given (on standard input, with --password-stdin or --secret-stdin)",
                )
                .into(),
            DeliverError::BadUrl { url } => {
                if ar {
                    format!("العنوان غير صالح: {} (مثال: https://news.example)", l(url))
                } else {
                    format!("not a site address: {url} (for example https://news.example)")
                }
            }
            DeliverError::PlainHttp { url } => {
                if ar {
                    format!("لا يُتصل بموقع على جهاز آخر إلا عبر https: {}", l(url))
                } else {
                    format!("a site on another machine is reached over https only: {url}")
                }
            }
            DeliverError::NoDelivery { id } => {
                if ar {
                    format!("لا يوجد تسليم رقمه {id}: qalam deliveries")
                } else {
                    format!("no delivery {id}: qalam deliveries")
                }
            }
            DeliverError::AlreadyDelivered { id } => {
                if ar {
                    format!("التسليم {id} وصل إلى موقعه من قبل: سلّم المقال من جديد لتسليم آخر")
                } else {
                    format!("delivery {id} was delivered already; deliver the article again for a new one")
                }
            }
            DeliverError::NotApproved { id } => {
                if ar {
                    format!("لم يعتمد محرر هذه المراجعة من المقال {}، فلا تُنشر: سلّمها مسودة أو للمراجعة", l(id))
                } else {
                    format!("no editor approved this revision of {id}, so it is not published: deliver it as a draft or for review")
                }
            }
            DeliverError::NotOnSite { target } => {
                if ar {
                    format!("القصة ليست منشورة على موقع «{target}» (لم تُسلَّم إليه، أو ليس موقع ووردبريس)")
                } else {
                    format!("the story is not on «{target}»'s site (never delivered there, or not a WordPress site)")
                }
            }
            DeliverError::BadSchedule { why: ScheduleProblem::NotPublishing } => lang
                .pick("يُجدول النشر وحده: ‎--at‎ مع ‎--status publish‎", "only publishing is scheduled: --at goes with --status publish")
                .into(),
            DeliverError::BadSchedule { why: ScheduleProblem::NotAWordPressSite } => lang
                .pick("يُجدول النشر على موقع ووردبريس فقط", "only a WordPress target schedules a post")
                .into(),
            DeliverError::BadSchedule { why: ScheduleProblem::BeforeEmbargo { until } } => {
                let when = qalam_core::dates::iso_time(*until);
                if ar {
                    format!("الموعد قبل انتهاء الحظر ({when})؛ اختر موعدًا بعده")
                } else {
                    format!("the time is before the embargo ends ({when}); choose a time after it")
                }
            }
            DeliverError::BadSchedule {
                why: ScheduleProblem::NotAhead(qalam_core::workflow::embargo::EmbargoProblem::Passed),
            } => {
                if ar {
                    "هذا الوقت مضى: موعد النشر وقتٌ قادم، فلم يُسلَّم شيء".into()
                } else {
                    "that time has passed: a schedule is a time ahead, so nothing was delivered".into()
                }
            }
            DeliverError::BadSchedule { why: ScheduleProblem::NotAhead(problem) } => problem.message(lang),
            DeliverError::BadSchedule { why: ScheduleProblem::EmbargoedHere { until } } => {
                let when = qalam_core::dates::iso_time(*until);
                if ar {
                    format!("القصة محظورة حتى {when}، وهذه الوجهة لا تحجزها حتى موعدها: سلّمها إليها بعده")
                } else {
                    format!("the story is under embargo until {when}, and this target cannot hold it until then: deliver it after")
                }
            }
            DeliverError::Offline { .. } => lang
                .pick("لا يمكن الوصول إلى الموقع الآن؛ ستُعاد المحاولة", "the site cannot be reached now; it will be tried again")
                .into(),
            DeliverError::NoAnswer { secs: Some(secs) } => {
                if ar {
                    format!("لم يُجب الموقع خلال {secs} ثانية (يُرفع الحد بالخيار --timeout)")
                } else {
                    format!("the site did not answer within {secs} s (--timeout raises the limit)")
                }
            }
            DeliverError::NoAnswer { secs: None } => lang
                .pick("لم يُجب الموقع في الوقت المحدد", "the site did not answer in time")
                .into(),
            DeliverError::Redirect { problem: crate::http::RedirectProblem::OtherOrigin { to } } => {
                if ar {
                    format!("أعاد الموقع التوجيه إلى عنوان آخر لا يُتبع ({})؛ صحّح عنوان الوجهة إن كان الموقع قد انتقل", l(to))
                } else {
                    format!("the site redirected to another address, which is not followed ({to}); correct the target's address if the site moved")
                }
            }
            DeliverError::Redirect { problem: crate::http::RedirectProblem::Loop { to } } => {
                if ar {
                    format!("الموقع يعيد التوجيه في حلقة ({})؛ راجع إعداداته", l(to))
                } else {
                    format!("the site redirects in a loop ({to}); check its settings")
                }
            }
            DeliverError::Redirect { problem: crate::http::RedirectProblem::TooMany } => {
                if ar {
                    format!("الموقع يعيد التوجيه أكثر من {} مرات؛ راجع عنوان الوجهة", crate::http::MAX_REDIRECTS)
                } else {
                    format!("the site redirects more than {} times; check the target's address", crate::http::MAX_REDIRECTS)
                }
            }
            DeliverError::AnswerTooLarge { limit } => {
                let mib = limit / (1024 * 1024);
                let size = if mib > 0 { format!("{mib} MiB") } else { format!("{} KiB", limit / 1024) };
                if ar {
                    format!("جواب الموقع أكبر من {} فلم يُقرأ: هل العنوان عنوان موقع ووردبريس؟", l(&size))
                } else {
                    format!("the site's answer is larger than {size}, so it was not read: is this a WordPress site's address?")
                }
            }
            DeliverError::Server { status } => {
                if ar {
                    format!("أخفق الموقع في الإجابة (HTTP {status})؛ ستُعاد المحاولة")
                } else {
                    format!("the site failed to answer (HTTP {status}); it will be tried again")
                }
            }
            DeliverError::Unauthorized => lang
                .pick(
                    "رفض الموقع اسم المستخدم أو كلمة مرور التطبيق: صحّحهما في إعدادات الوجهة ثم أعد المحاولة",
                    "the site refused the user name or Application Password: correct them in the target's settings, then retry",
                )
                .into(),
            DeliverError::Forbidden { message, .. } => {
                if ar {
                    format!("لا يسمح الموقع لهذا الحساب بذلك: {}", site_reason(message, lang))
                } else {
                    format!("the site does not let this account do that: {}", site_reason(message, lang))
                }
            }
            DeliverError::TermNotAllowed { taxonomy, term } => {
                let (ar_kind, en_kind) = if *taxonomy == "tags" { ("الوسم", "tag") } else { ("التصنيف", "category") };
                if ar {
                    format!("{ar_kind} «{term}» غير موجود في الموقع، ولا يسمح هذا الحساب بإنشائه: أنشئه في ووردبريس أو اربط القسم بتصنيف موجود")
                } else {
                    format!("the {en_kind} \"{term}\" does not exist on the site and this account may not create it: create it in WordPress or map the section to an existing category")
                }
            }
            DeliverError::Refused { status, message, .. } => {
                if ar {
                    format!("رفض الموقع الطلب (HTTP {status}): {}", site_reason(message, lang))
                } else {
                    format!("the site refused the request (HTTP {status}): {}", site_reason(message, lang))
                }
            }
            DeliverError::Protocol { .. } => lang
                .pick(
                    "جواب الموقع غير مفهوم: هل العنوان عنوان موقع ووردبريس؟",
                    "the site's answer makes no sense: is this a WordPress site's address?",
                )
                .into(),
            DeliverError::Folder { path, .. } => {
                if ar {
                    format!("تعذّرت الكتابة في المجلد {}", l(path))
                } else {
                    format!("cannot write into the folder {path}")
                }
            }
            DeliverError::NoKeychain { .. } => lang
                .pick(
                    "لا توجد سلسلة مفاتيح للنظام تحفظ كلمة المرور (لا تعمل خدمة الأسرار)",
                    "no system keychain to keep the password in (no Secret Service is running)",
                )
                .into(),
            DeliverError::Keychain { .. } => {
                lang.pick("رفضت سلسلة المفاتيح الطلب", "the keychain refused the request").into()
            }
            DeliverError::NoSecret { name } => {
                if ar {
                    format!("كلمة مرور الوجهة «{name}» ليست في سلسلة المفاتيح: أضف الوجهة من جديد")
                } else {
                    format!("the password of target \"{name}\" is not in the keychain: add the target again")
                }
            }
            DeliverError::Ceiling { target } => {
                if ar {
                    format!("أخفقت محاولات كثيرة مع «{target}» في الساعة الأخيرة؛ تنتظر المحاولة التالية")
                } else {
                    format!("too many failed attempts at \"{target}\" in the last hour; the next one waits")
                }
            }
        }
    }
}

/// The site's own reason for a refusal, or a plain statement that it gave none that could be read
/// (none at all, or an answer too large to read).
fn site_reason(message: &str, lang: Lang) -> String {
    if message.trim().is_empty() {
        lang.pick("لم يذكر الموقع سببًا يمكن قراءته", "the site gave no reason that could be read").into()
    } else if lang == Lang::Ar {
        // First-strong isolate: a WordPress in Arabic answers in Arabic, one in English in English.
        format!("\u{2068}{message}\u{2069}")
    } else {
        message.to_string()
    }
}
