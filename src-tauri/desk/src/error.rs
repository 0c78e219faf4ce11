//! Every way a desk request or verb can fail, with its HTTP status and the reason in English and
//! Arabic. A refusal says what was refused and never echoes what the caller may not see.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use qalam_core::lang::{Lang, Localized};
use qalam_desk_api::{ApiError, PushConflict};

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("bad {what}: {why}")]
    BadInput { what: String, why: String },
    #[error("no valid device token")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden { why: String, why_ar: String },
    #[error("no such article")]
    NoSuchArticle,
    #[error("no such picture")]
    NoSuchPicture,
    #[error("conflict: the desk's head is {head}")]
    Conflict { head: String },
    #[error("the story moved on")]
    MovedOn { status: String },
    #[error("the code is unknown or was used")]
    BadCode,
    #[error("the code expired")]
    ExpiredCode,
    #[error("no person {who}")]
    NoSuchPerson { who: String },
    #[error("{count} people are called {who}")]
    AmbiguousPerson { who: String, count: usize },
    #[error("no device {id}")]
    NoSuchDevice { id: i64 },
    /// A push to a story the caller may not see or change — or that does not exist and the push
    /// cannot start: the same answer either way, so a refusal says nothing of other people's stories.
    #[error("no story of yours to change")]
    NotYours,
    /// One event of a push does not count by the one rule; nothing of the push was applied.
    #[error("event {hash} refused: {why}")]
    EventRefused { hash: String, why: String, why_ar: String },
    #[error("the story's record is full")]
    RecordFull { limit: usize },
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    /// Too many enrolment challenges asked from one address at once.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// Enrolment of a key another person already enrolled.
    #[error("key enrolled by someone else")]
    KeyTaken,
    /// Enrolment whose signature of the challenge is not the key's, or whose challenge is unknown.
    #[error("no proof of the key")]
    BadProof,
    /// A house-style sheet the desk cannot take (not a sheet, a forged signature, rules out of
    /// bounds, dated ahead of any clock): why, in both languages.
    #[error("bad house style: {why}")]
    BadStyle { why: String, why_ar: String },
    /// A house-style sheet issued no later than the one the desk hands out.
    #[error("the desk has a house style issued later")]
    OlderStyle { kept_at: i64 },
    #[error("database: {0}")]
    Database(#[from] tokio_postgres::Error),
    #[error("database pool: {0}")]
    Pool(String),
}

/// A database error with PostgreSQL's own message ("db error" alone says nothing).
pub fn db_detail(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.code().code(), db.message()),
        None => e.to_string(),
    }
}

impl From<deadpool_postgres::PoolError> for DeskError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        DeskError::Pool(e.to_string())
    }
}

impl DeskError {
    pub fn code(&self) -> &'static str {
        match self {
            DeskError::BadInput { .. } => "bad-input",
            DeskError::Unauthorized => "unauthorized",
            DeskError::Forbidden { .. } => "forbidden",
            DeskError::NoSuchArticle => "no-such-article",
            DeskError::NoSuchPicture => "no-such-picture",
            DeskError::Conflict { .. } => "conflict",
            DeskError::MovedOn { .. } => "moved-on",
            DeskError::BadCode => "bad-code",
            DeskError::ExpiredCode => "expired-code",
            DeskError::NoSuchPerson { .. } => "no-such-person",
            DeskError::AmbiguousPerson { .. } => "ambiguous-person",
            DeskError::NoSuchDevice { .. } => "no-such-device",
            DeskError::NotYours => "not-yours",
            DeskError::EventRefused { .. } => "event-refused",
            DeskError::RecordFull { .. } => "record-full",
            DeskError::TooManyAttempts { .. } => "too-many-attempts",
            DeskError::TooManyRequests { .. } => "too-many-requests",
            DeskError::KeyTaken => "key-taken",
            DeskError::BadProof => "bad-proof",
            DeskError::OlderStyle { .. } => "older-style",
            DeskError::BadStyle { .. } => "bad-style",
            DeskError::Database(_) | DeskError::Pool(_) => "database",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            DeskError::BadInput { .. } | DeskError::BadStyle { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            DeskError::Unauthorized | DeskError::BadCode | DeskError::ExpiredCode => StatusCode::UNAUTHORIZED,
            DeskError::Forbidden { .. } | DeskError::NotYours | DeskError::EventRefused { .. } => StatusCode::FORBIDDEN,
            DeskError::KeyTaken => StatusCode::CONFLICT,
            DeskError::BadProof => StatusCode::UNAUTHORIZED,
            DeskError::RecordFull { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            DeskError::TooManyAttempts { .. } | DeskError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            DeskError::NoSuchArticle | DeskError::NoSuchPicture => StatusCode::NOT_FOUND,
            DeskError::NoSuchPerson { .. } | DeskError::NoSuchDevice { .. } => StatusCode::NOT_FOUND,
            DeskError::AmbiguousPerson { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            DeskError::Conflict { .. } | DeskError::MovedOn { .. } | DeskError::OlderStyle { .. } => {
                StatusCode::CONFLICT
            }
            DeskError::Database(_) | DeskError::Pool(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn body(&self) -> ApiError {
        let event = match self {
            DeskError::EventRefused { hash, .. } => Some(hash.clone()),
            _ => None,
        };
        ApiError {
            code: self.code().into(),
            message: self.message(Lang::En),
            message_ar: self.message(Lang::Ar),
            event,
        }
    }

    /// An event the one rule does not count, in both languages.
    pub fn event_refused(hash: &str, why: &qalam_core::workflow::authority::Why) -> DeskError {
        DeskError::EventRefused { hash: hash.into(), why: why.message(Lang::En), why_ar: why.message(Lang::Ar) }
    }

    /// A refusal of the workflow's rules, in both languages.
    pub fn refused(refusal: qalam_core::workflow::Refusal) -> DeskError {
        DeskError::Forbidden { why: refusal.message(Lang::En), why_ar: refusal.message(Lang::Ar) }
    }
}

impl Localized for DeskError {
    fn message(&self, lang: Lang) -> String {
        let ar = lang == Lang::Ar;
        match self {
            DeskError::BadInput { what, why } => {
                if ar {
                    format!("قيمة غير صالحة في {what}: {why}")
                } else {
                    format!("bad {what}: {why}")
                }
            }
            DeskError::Unauthorized => if ar {
                "هذا الجهاز غير مسجّل في المكتب أو أُلغي تسجيله"
            } else {
                "this device is not enrolled at the desk, or it was revoked"
            }
            .into(),
            DeskError::Forbidden { why, why_ar } | DeskError::BadStyle { why, why_ar } => {
                if ar {
                    why_ar.clone()
                } else {
                    why.clone()
                }
            }
            DeskError::NoSuchArticle => if ar {
                "لا توجد قصة بهذا المعرّف يمكنك رؤيتها"
            } else {
                "no story with this id that you may see"
            }
            .into(),
            DeskError::NoSuchPicture => {
                if ar { "الصورة غير موجودة في المكتب" } else { "the desk has no such picture" }.into()
            }
            DeskError::Conflict { .. } => if ar {
                "تغيّرت القصة في المكتب منذ آخر مزامنة: ادمج النسختين ثم أرسل"
            } else {
                "the story changed on the desk since this copy was made: merge, then send again"
            }
            .into(),
            DeskError::MovedOn { status } => {
                if ar {
                    format!("سبقك زميل: حالة القصة في المكتب الآن «{status}»")
                } else {
                    format!("a colleague got there first: the story is {status} on the desk now")
                }
            }
            DeskError::BadCode => if ar {
                "رمز التسجيل غير معروف أو استُخدم من قبل"
            } else {
                "the enrolment code is unknown or was already used"
            }
            .into(),
            DeskError::ExpiredCode => if ar {
                "انتهت صلاحية رمز التسجيل (٢٤ ساعة): اطلب رمزاً جديداً"
            } else {
                "the enrolment code expired (codes last 24 hours): ask for a new one"
            }
            .into(),
            DeskError::NoSuchPerson { who } => {
                if ar {
                    format!("لا يوجد شخص «{who}» في المكتب")
                } else {
                    format!("no person “{who}” at the desk")
                }
            }
            DeskError::AmbiguousPerson { who, count } => {
                if ar {
                    format!("في المكتب {count} أشخاص باسم «{who}»: استعمل الرقم")
                } else {
                    format!("{count} people are called “{who}”: use the number")
                }
            }
            DeskError::NoSuchDevice { id } => {
                if ar {
                    format!("لا يوجد جهاز رقم {id}")
                } else {
                    format!("no device number {id}")
                }
            }
            DeskError::NotYours => if ar {
                "لا توجد قصة بهذا المعرّف مما يحق لك تغييره"
            } else {
                "there is no story with this id that you may change"
            }
            .into(),
            DeskError::EventRefused { hash, why, why_ar } => {
                let short = &hash[..hash.len().min(12)];
                if ar {
                    format!("رفض المكتب الحدث {short}: {why_ar}؛ لم يُطبَّق شيء من هذا الإرسال")
                } else {
                    format!("the desk refused event {short}: {why}; nothing of this push was applied")
                }
            }
            DeskError::RecordFull { limit } => {
                if ar {
                    format!("سجل القصة في المكتب بلغ حدّه ({limit} حدث): لا يُضاف إليه شيء؛ لم يُطبَّق شيء من هذا الإرسال")
                } else {
                    format!("the story's record on the desk is full ({limit} events): nothing more can be added; nothing of this push was applied")
                }
            }
            DeskError::TooManyAttempts { retry_after_secs } => {
                if ar {
                    format!("محاولات تسجيل فاشلة كثيرة من هذا العنوان: أعد المحاولة بعد {}", minutes_ar(*retry_after_secs))
                } else {
                    format!("too many failed enrolment attempts from this address: try again in {}", minutes_en(*retry_after_secs))
                }
            }
            DeskError::TooManyRequests { retry_after_secs } => {
                if ar {
                    format!("طلبات تسجيل كثيرة من هذا العنوان في وقت واحد: أعد المحاولة بعد {}", minutes_ar(*retry_after_secs))
                } else {
                    format!("too many enrolment requests from this address at once: try again in {}", minutes_en(*retry_after_secs))
                }
            }
            DeskError::KeyTaken => if ar {
                "مفتاح التوقيع هذا مسجّل لشخص آخر في المكتب: لكل شخص مفتاحه"
            } else {
                "this signing key is enrolled for another person at this desk: everyone signs with their own key"
            }
            .into(),
            DeskError::BadProof => if ar {
                "لم يُثبت الجهاز أنه يملك المفتاح الخاص لهذا المفتاح العام (التحدي غير معروف أو منتهٍ أو التوقيع لا يطابق)"
            } else {
                "the device did not prove it holds this key's private key (the challenge is unknown or expired, or the signature does not match)"
            }
            .into(),
            DeskError::OlderStyle { .. } => if ar {
                "لدى المكتب قواعد أسلوب صدرت بعد هذه الورقة؛ بقيت كما هي"
            } else {
                "the desk has house-style rules issued after this sheet; they stay"
            }
            .into(),
            DeskError::Database(_) | DeskError::Pool(_) => if ar {
                "قاعدة بيانات المكتب لا تجيب الآن: أعد المحاولة بعد قليل"
            } else {
                "the desk's database is not answering: try again shortly"
            }
            .into(),
        }
    }
}

impl IntoResponse for DeskError {
    fn into_response(self) -> Response {
        if let DeskError::Database(e) = &self {
            eprintln!("qalam-desk: database error: {}", db_detail(e));
        }
        if let DeskError::Conflict { head } = &self {
            let body = self.body();
            let conflict = PushConflict {
                code: body.code,
                message: body.message,
                message_ar: body.message_ar,
                head: head.clone(),
            };
            return (self.status(), Json(conflict)).into_response();
        }
        if let DeskError::TooManyAttempts { retry_after_secs } | DeskError::TooManyRequests { retry_after_secs } = &self
        {
            let retry = retry_after_secs.to_string();
            return (self.status(), [(axum::http::header::RETRY_AFTER, retry)], Json(self.body())).into_response();
        }
        (self.status(), Json(self.body())).into_response()
    }
}

/// "a minute", "5 minutes".
fn minutes_en(secs: u64) -> String {
    match secs.div_ceil(60) {
        1 => "a minute".into(),
        n => format!("{n} minutes"),
    }
}

/// «دقيقة»، «دقيقتين»، «5 دقائق»، «15 دقيقة»: Arabic counts its nouns.
fn minutes_ar(secs: u64) -> String {
    match secs.div_ceil(60) {
        1 => "دقيقة".into(),
        2 => "دقيقتين".into(),
        n @ 3..=10 => format!("{n} دقائق"),
        n => format!("{n} دقيقة"),
    }
}
