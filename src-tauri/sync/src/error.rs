//! What can stop a sync, in the user's words. Passing troubles (no network, the desk restarting)
//! leave the outbox as it is, to be tried again; refusals say what the desk refused and why.

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{LibraryError, ReviewError};
use qalam_desk_api::ApiError;

#[derive(Debug)]
pub enum SyncError {
    NotJoined,
    Library(LibraryError),
    Review(ReviewError),
    BadUrl {
        url: String,
    },
    /// Plain HTTP to a desk that is not on this machine (tokens would cross the network in clear).
    PlainHttp {
        url: String,
    },
    BadCa {
        path: String,
        detail: String,
    },
    /// The desk could not be reached, or did not answer in time.
    Offline {
        detail: String,
    },
    /// The desk answered with a refusal.
    Desk {
        status: u16,
        error: ApiError,
    },
    /// The desk failed without saying why (a proxy's error page, a crash).
    Server {
        status: u16,
    },
    /// The answer was not what the API says.
    Protocol {
        detail: String,
    },
    NoKeychain {
        detail: String,
    },
    Keychain {
        detail: String,
    },
    /// The keychain has no token for this desk (joined on another account, or removed by hand).
    NoToken,
    /// The desk knows this person in another role than the library's profile says.
    RoleMismatch {
        desk: String,
        profile: String,
    },
}

impl From<LibraryError> for SyncError {
    fn from(e: LibraryError) -> Self {
        SyncError::Library(e)
    }
}

impl From<ReviewError> for SyncError {
    fn from(e: ReviewError) -> Self {
        SyncError::Review(e)
    }
}

impl SyncError {
    /// Worth trying again later, unchanged.
    pub fn is_passing(&self) -> bool {
        match self {
            SyncError::Offline { .. } | SyncError::Server { .. } => true,
            SyncError::Desk { status, .. } => *status == 503 || *status == 429,
            _ => false,
        }
    }

    /// The desk no longer accepts this device (revoked, or its person removed).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, SyncError::Desk { status: 401, .. })
    }

    pub fn code(&self) -> String {
        match self {
            SyncError::NotJoined => "not-joined".into(),
            SyncError::Library(e) => e.code().into(),
            SyncError::Review(e) => e.code().into(),
            SyncError::BadUrl { .. } => "bad-url".into(),
            SyncError::PlainHttp { .. } => "plain-http".into(),
            SyncError::BadCa { .. } => "bad-ca".into(),
            SyncError::Offline { .. } => "offline".into(),
            SyncError::Desk { error, .. } => error.code.clone(),
            SyncError::Server { .. } => "desk-failed".into(),
            SyncError::Protocol { .. } => "protocol".into(),
            SyncError::NoKeychain { .. } => "no-keychain".into(),
            SyncError::Keychain { .. } => "keychain".into(),
            SyncError::NoToken => "no-token".into(),
            SyncError::RoleMismatch { .. } => "role-mismatch".into(),
        }
    }

    /// Details worth showing to whoever debugs it (`--json`'s cause).
    pub fn cause(&self) -> Option<String> {
        match self {
            SyncError::Offline { detail }
            | SyncError::Protocol { detail }
            | SyncError::NoKeychain { detail }
            | SyncError::Keychain { detail }
            | SyncError::BadCa { detail, .. } => Some(detail.clone()),
            _ => None,
        }
    }
}

impl Localized for SyncError {
    fn message(&self, lang: Lang) -> String {
        let ar = lang == Lang::Ar;
        match self {
            SyncError::NotJoined => lang
                .pick(
                    "هذه المكتبة غير منضمة إلى مكتب: qalam desk join URL CODE",
                    "this library has not joined a desk: qalam desk join URL CODE",
                )
                .into(),
            SyncError::Library(e) => e.message(lang),
            SyncError::Review(e) => e.message(lang),
            SyncError::BadUrl { url } => {
                if ar {
                    format!("عنوان المكتب غير صالح: {} (مثال: https://desk.example)", lang.ltr(url))
                } else {
                    format!("not a desk address: {url} (for example https://desk.example)")
                }
            }
            SyncError::PlainHttp { url } => {
                if ar {
                    format!("لا يُتصل بمكتب على جهاز آخر إلا عبر https: {}", lang.ltr(url))
                } else {
                    format!("a desk on another machine is reached over https only: {url}")
                }
            }
            SyncError::BadCa { path, .. } => {
                if ar {
                    format!("تعذّرت قراءة شهادة الجهة المصدِّقة {}", lang.ltr(path))
                } else {
                    format!("cannot read the certificate authority {path}")
                }
            }
            SyncError::Offline { .. } => {
                lang.pick("لا يمكن الوصول إلى المكتب الآن", "the desk cannot be reached now").into()
            }
            SyncError::Desk { error, .. } => {
                if ar {
                    error.message_ar.clone()
                } else {
                    error.message.clone()
                }
            }
            SyncError::Server { status } => {
                if ar {
                    format!("أخفق المكتب في الإجابة (HTTP {status})؛ ستُعاد المحاولة")
                } else {
                    format!("the desk failed to answer (HTTP {status}); it will be tried again")
                }
            }
            SyncError::Protocol { .. } => lang
                .pick(
                    "جواب المكتب غير مفهوم: هل العنوان عنوان مكتب قلم؟",
                    "the desk's answer makes no sense: is this a Qalam desk's address?",
                )
                .into(),
            SyncError::NoKeychain { .. } => lang
                .pick(
                    "لا توجد سلسلة مفاتيح للنظام تحفظ رمز الجهاز (لا تعمل خدمة الأسرار)",
                    "no system keychain to keep the device token in (no Secret Service is running)",
                )
                .into(),
            SyncError::Keychain { .. } => {
                lang.pick("رفضت سلسلة المفاتيح الطلب", "the keychain refused the request").into()
            }
            SyncError::NoToken => lang
                .pick(
                    "رمز هذا الجهاز ليس في سلسلة المفاتيح: انضم إلى المكتب من جديد",
                    "this device's token is not in the keychain: join the desk again",
                )
                .into(),
            SyncError::RoleMismatch { desk, profile } => {
                if ar {
                    format!("يعرفك المكتب بدور «{desk}» وملفك الشخصي هنا بدور «{profile}»")
                } else {
                    format!("the desk knows you as {desk}, but this library's profile is {profile}")
                }
            }
        }
    }
}
