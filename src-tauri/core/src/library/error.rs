//! Everything that can go wrong with the library, worded for the user in Arabic and English.

use std::path::PathBuf;

use thiserror::Error;

use crate::article::FormatError;
use crate::lang::{Lang, Localized};

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("{}: not a Qalam library (not an SQLite database); the file was left untouched", path.display())]
    NotADatabase { path: PathBuf },
    #[error("{}: the library file is damaged ({detail}); the file was left untouched", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{}: the library was written by a newer Qalam (schema {found}, this version knows {supported}); it was left untouched", path.display())]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no article with id {id}")]
    NotFound { id: String },
    #[error("article {id} was changed elsewhere (version {current}, this edit started from {base}); reload it before saving")]
    Conflict { id: String, base: i64, current: i64 },
    #[error("article {id} has no revision {number}")]
    RevisionNotFound { id: String, number: i64 },
    #[error("article {id} is in the trash; restore it first")]
    InTrash { id: String },
    #[error("article {id} is not in the trash; only trashed articles can be purged")]
    NotInTrash { id: String },
    #[error("stored article {id} cannot be read: {source}")]
    Stored { id: String, source: FormatError },
    #[error("{}: not a usable backup: {reason}", path.display())]
    BadBackup { path: PathBuf, reason: String },
    #[error("`{name}` cannot be added as an image: {reason}")]
    NotAnImage { name: String, reason: String },
    #[error("no image {src} in the library")]
    ImageNotFound { src: String },
    #[error("article {id} («{title}») is already in the library; choose to keep both or to replace it")]
    AlreadyExists { id: String, title: String },
}

impl LibraryError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        LibraryError::Io { path: path.into(), source }
    }

    /// A short stable name of the kind of error, for JSON and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            LibraryError::NotADatabase { .. } => "not-a-database",
            LibraryError::Damaged { .. } => "damaged",
            LibraryError::TooNew { .. } => "too-new",
            LibraryError::Io { .. } => "io",
            LibraryError::Sqlite(_) => "database",
            LibraryError::NotFound { .. } => "not-found",
            LibraryError::Conflict { .. } => "conflict",
            LibraryError::RevisionNotFound { .. } => "revision-not-found",
            LibraryError::InTrash { .. } => "in-trash",
            LibraryError::NotInTrash { .. } => "not-in-trash",
            LibraryError::Stored { .. } => "stored-article",
            LibraryError::BadBackup { .. } => "bad-backup",
            LibraryError::NotAnImage { .. } => "not-an-image",
            LibraryError::ImageNotFound { .. } => "image-not-found",
            LibraryError::AlreadyExists { .. } => "already-exists",
        }
    }
}

impl Localized for LibraryError {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        use LibraryError::*;
        match self {
            NotADatabase { path } => {
                format!("{}: هذا الملف ليس مكتبة قلم (ليس قاعدة بيانات SQLite)؛ لم يُمسّ الملف", path.display())
            }
            Damaged { path, detail } => {
                format!("{}: ملف المكتبة تالف ({detail})؛ لم يُمسّ الملف. استعد نسخة احتياطية", path.display())
            }
            TooNew { path, found, supported } => format!(
                "{}: المكتبة كُتبت بإصدار أحدث من قلم (المخطط {found}، وهذا الإصدار يعرف حتى {supported})؛ لم يُمسّ الملف",
                path.display()
            ),
            Io { path, source } => format!("{}: تعذّر الوصول إلى الملف: {source}", path.display()),
            Sqlite(e) => format!("خطأ في قاعدة البيانات: {e}"),
            NotFound { id } => format!("لا يوجد مقال بالمعرّف {id}"),
            Conflict { id, base, current } => format!(
                "المقال {id} عُدّل في مكان آخر (النسخة {current}، وبدأ هذا التعديل من {base})؛ أعد تحميله قبل الحفظ"
            ),
            RevisionNotFound { id, number } => format!("لا توجد مراجعة رقم {number} للمقال {id}"),
            InTrash { id } => format!("المقال {id} في سلة المحذوفات؛ استعده أولًا"),
            NotInTrash { id } => format!("المقال {id} ليس في سلة المحذوفات؛ لا يُحذف نهائيًا إلا ما في السلة"),
            Stored { id, source } => {
                format!("تعذّرت قراءة المقال المخزّن {id}: السطر {}: {}", source.line, source.message(Lang::Ar))
            }
            BadBackup { path, reason } => format!("{}: ليست نسخة احتياطية صالحة: {reason}", path.display()),
            NotAnImage { name, reason } => format!("تعذّرت إضافة «{name}» صورةً: {reason}"),
            ImageNotFound { src } => format!("الصورة {src} غير موجودة في المكتبة"),
            AlreadyExists { id, title } => {
                format!("المقال {id} («{title}») موجود في المكتبة؛ اختر الاحتفاظ بالنسختين أو استبداله")
            }
        }
    }
}
