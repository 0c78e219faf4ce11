//! Everything that can go wrong with the library, worded for the user in Arabic and English.

use std::path::PathBuf;

use thiserror::Error;

use crate::article::FormatError;
use crate::files::describe_io;
use crate::lang::{Lang, Localized};

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("{}: not a Qalam library (not an SQLite database); the file was left untouched", path.display())]
    NotADatabase { path: PathBuf },
    #[error("{}: the library file is damaged ({detail}); the file was left untouched", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("no library at {}; give the path of an existing library (nothing was created)", path.display())]
    NoLibrary { path: PathBuf },
    #[error("{}: the folder {} does not exist; Qalam makes a new library only in an existing folder", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("{}: an SQLite database of another program, not a Qalam library; it was left untouched", path.display())]
    ForeignDatabase { path: PathBuf },
    #[error("{}: the library's write-ahead log ({}-wal) is damaged ({detail}) and holds saves SQLite would discard; a copy was kept at {}, and nothing was opened or changed. Keep both files safe; to open the library without those saves, move the -wal file away", path.display(), path.display(), copy.display())]
    DamagedWal { path: PathBuf, copy: PathBuf, detail: String },
    #[error("{}: the library was written by a newer Qalam (schema {found}, this version knows {supported}); it was left untouched", path.display())]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("{}: {}", path.display(), describe_io(source, Lang::En))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error(
        "the disk is full: the change was not saved, and nothing saved before was lost; free some space and try again"
    )]
    DiskFull,
    #[error("the library could not be written to the disk (it may be full or failing): the change was not saved, and nothing saved before was lost")]
    WriteFailed,
    #[error("the library file is read-only: it can be read, not changed (nothing was changed)")]
    ReadOnly,
    #[error("no article with id {id}")]
    NotFound { id: String },
    #[error("article {id} was changed elsewhere (version {current}, this edit started from {base}); reload it before saving")]
    Conflict { id: String, base: i64, current: i64 },
    #[error("article {id} has no revision {number}")]
    RevisionNotFound { id: String, number: i64 },
    #[error("article {id} is in the trash; bring it back first with `untrash`")]
    InTrash { id: String },
    #[error("article {id} is not in the trash; only trashed articles can be purged")]
    NotInTrash { id: String },
    #[error("stored article {id} cannot be read: {source}")]
    Stored { id: String, source: FormatError },
    #[error("article {id} cannot be saved: {}", error.message(Lang::En))]
    Unstorable { id: String, error: FormatError },
    #[error("{}: not a usable backup: {reason}", path.display())]
    BadBackup { path: PathBuf, reason: String },
    #[error("`{name}` cannot be added as an image: {reason}")]
    NotAnImage { name: String, reason: String },
    #[error("no image {src} in the library")]
    ImageNotFound { src: String },
    #[error("article {id} («{title}») is already in the library; choose to keep both or to replace it")]
    AlreadyExists { id: String, title: String },
    #[error("the target \"{target}\" delivery {delivery} was for has been removed: deliver the article again")]
    TargetRemoved { delivery: i64, target: String },
}

impl From<rusqlite::Error> for LibraryError {
    /// SQLite's errors, the ones a user acts on by name.
    fn from(e: rusqlite::Error) -> Self {
        const IOERR_WRITE: i32 = 778;
        const IOERR_FSYNC: i32 = 1034;
        const IOERR_TRUNCATE: i32 = 1546;
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                rusqlite::ErrorCode::DiskFull => LibraryError::DiskFull,
                rusqlite::ErrorCode::ReadOnly => LibraryError::ReadOnly,
                rusqlite::ErrorCode::SystemIoFailure
                    if matches!(f.extended_code, IOERR_WRITE | IOERR_FSYNC | IOERR_TRUNCATE) =>
                {
                    LibraryError::WriteFailed
                }
                _ => LibraryError::Sqlite(e),
            },
            _ => LibraryError::Sqlite(e),
        }
    }
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
            LibraryError::NoLibrary { .. } => "no-library",
            LibraryError::NoFolder { .. } => "no-folder",
            LibraryError::ForeignDatabase { .. } => "foreign-database",
            LibraryError::DamagedWal { .. } => "damaged-wal",
            LibraryError::Io { .. } => "io",
            LibraryError::Sqlite(_) => "database",
            LibraryError::DiskFull => "disk-full",
            LibraryError::WriteFailed => "write-failed",
            LibraryError::ReadOnly => "read-only",
            LibraryError::NotFound { .. } => "not-found",
            LibraryError::Conflict { .. } => "conflict",
            LibraryError::RevisionNotFound { .. } => "revision-not-found",
            LibraryError::InTrash { .. } => "in-trash",
            LibraryError::NotInTrash { .. } => "not-in-trash",
            LibraryError::Stored { .. } => "stored-article",
            LibraryError::Unstorable { .. } => "unstorable",
            LibraryError::BadBackup { .. } => "bad-backup",
            LibraryError::NotAnImage { .. } => "not-an-image",
            LibraryError::ImageNotFound { .. } => "image-not-found",
            LibraryError::AlreadyExists { .. } => "already-exists",
            LibraryError::TargetRemoved { .. } => "target-removed",
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
                format!("{}: هذا الملف ليس مكتبة قلم (ليس قاعدة بيانات SQLite)؛ لم يُمسّ الملف", lang.ltr(path.display()))
            }
            Damaged { path, .. } => {
                format!("{}: ملف المكتبة تالف؛ لم يُمسّ الملف. استعد نسخة احتياطية", lang.ltr(path.display()))
            }
            NoLibrary { path } => {
                format!("لا توجد مكتبة في {}؛ اكتب مسار مكتبة موجودة (لم يُنشأ شيء)", lang.ltr(path.display()))
            }
            NoFolder { path, folder } => format!(
                "{}: المجلد {} غير موجود؛ لا ينشئ قلم مكتبة جديدة إلا في مجلد موجود",
                lang.ltr(path.display()),
                lang.ltr(folder.display())
            ),
            ForeignDatabase { path } => {
                format!("{}: قاعدة بيانات SQLite لبرنامج آخر، وليست مكتبة قلم؛ لم يُمسّ الملف", lang.ltr(path.display()))
            }
            DamagedWal { path, copy, .. } => format!(
                "{}: سجلّ الكتابة المسبقة للمكتبة ({}) تالف وفيه حفظ كان SQLite سيتجاهله؛ حُفظت نسخة منه في {}، ولم يُفتح شيء ولم يتغيّر شيء. احتفظ بالملفين، ولفتح المكتبة دون ذلك الحفظ انقل الملف {} إلى مكان آخر",
                lang.ltr(path.display()),
                lang.ltr(super::wal::wal_path(path).display()),
                lang.ltr(copy.display()),
                lang.ltr("-wal")
            ),
            TooNew { path, found, supported } => format!(
                "{}: المكتبة كُتبت بإصدار أحدث من قلم (المخطط {found}، وهذا الإصدار يعرف حتى {supported})؛ لم يُمسّ الملف",
                lang.ltr(path.display())
            ),
            Io { path, source } => format!("{}: {}", lang.ltr(path.display()), describe_io(source, lang)),
            Sqlite(e) => sqlite_in_arabic(e),
            DiskFull => "القرص ممتلئ: لم يُحفظ التغيير، ولم يضع شيء حُفظ قبله؛ أفرغ بعض المساحة ثم أعد المحاولة".into(),
            WriteFailed => "تعذّرت الكتابة على القرص (قد يكون ممتلئًا أو معطوبًا): لم يُحفظ التغيير، ولم يضع شيء حُفظ قبله".into(),
            ReadOnly => "ملف المكتبة للقراءة فقط: يُقرأ ولا يُغيَّر (لم يتغيّر شيء)".into(),
            NotFound { id } => format!("لا يوجد مقال بالمعرّف {id}"),
            Conflict { id, base, current } => format!(
                "المقال {id} عُدّل في مكان آخر (النسخة {current}، وبدأ هذا التعديل من {base})؛ أعد تحميله قبل الحفظ"
            ),
            RevisionNotFound { id, number } => format!("لا توجد مراجعة رقم {number} للمقال {id}"),
            InTrash { id } => format!("المقال {id} في سلة المحذوفات؛ أعده منها أولًا بالأمر untrash"),
            NotInTrash { id } => format!("المقال {id} ليس في سلة المحذوفات؛ لا يُحذف نهائيًا إلا ما في السلة"),
            Stored { id, source } => {
                format!("تعذّرت قراءة المقال المخزّن {id}: السطر {}: {}", source.line, source.message(Lang::Ar))
            }
            Unstorable { id, error } => format!("تعذّر حفظ المقال {id}: {}", error.message(Lang::Ar)),
            BadBackup { path, .. } => format!("{}: ليست نسخة احتياطية صالحة من مكتبة قلم", lang.ltr(path.display())),
            NotAnImage { name, .. } => format!(
                "تعذّرت إضافة «{name}» صورةً: ليست صورة JPEG أو PNG أو WebP أو GIF يقبلها قلم، أو أبعادها تتجاوز الحد"
            ),
            ImageNotFound { src } => format!("الصورة {src} غير موجودة في المكتبة"),
            AlreadyExists { id, title } => {
                format!("المقال {id} («{title}») موجود في المكتبة؛ اختر الاحتفاظ بالنسختين أو استبداله")
            }
            TargetRemoved { delivery, target } => {
                format!("أُزيلت الوجهة «{target}» التي كان التسليم {delivery} لها: سلّم المقال من جديد")
            }
        }
    }
}

/// SQLite's errors in Arabic: the ones a user can act on by name, the rest by their code.
fn sqlite_in_arabic(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DiskFull) => "القرص ممتلئ؛ أفرغ بعض المساحة ثم أعد المحاولة. لم يُحفظ التغيير الأخير".into(),
        Some(ReadOnly) => "ملف المكتبة أو مجلده للقراءة فقط؛ لا يمكن الحفظ فيه".into(),
        Some(PermissionDenied) => "لا صلاحية لك على ملف المكتبة أو مجلده".into(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "المكتبة مشغولة بعملية أخرى (نافذة قلم أو أمر آخر)؛ أعد المحاولة بعد لحظة".into()
        }
        Some(CannotOpen) => "تعذّر فتح ملف المكتبة؛ تحقّق من المسار وصلاحيات المجلد".into(),
        Some(SystemIoFailure) => "تعذّرت القراءة من القرص أو الكتابة عليه".into(),
        _ => match e {
            rusqlite::Error::SqliteFailure(f, _) => {
                format!("خطأ في قاعدة بيانات المكتبة (رمز SQLite {})", f.extended_code)
            }
            _ => "خطأ داخلي في قاعدة بيانات المكتبة".into(),
        },
    }
}
