//! Everything that can stop an export or an import, worded for the user in Arabic and English.
//! An import error always means nothing was written.

use std::path::PathBuf;

use thiserror::Error;

use crate::article::FormatError;
use crate::check::Finding;
use crate::files::describe_io;
use crate::lang::{Lang, Localized};
use crate::library::{LibraryError, ReviewError};

impl From<ReviewError> for PackageError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::Library(e) => PackageError::Library(e),
            other => PackageError::Review(other),
        }
    }
}

#[derive(Debug, Error)]
pub enum PackageError {
    #[error("the article is not ready to export: {} error(s) to fix first", .0.len())]
    NotReady(Vec<Finding>),
    #[error("the article has {} warning(s); accept them to export anyway", .0.len())]
    UnacceptedWarnings(Vec<Finding>),
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
    #[error("image `{name}` cannot be processed: {reason}")]
    BadImage { name: String, reason: String },
    #[error("{}: {}", path.display(), describe_io(source, Lang::En))]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: already exists; choose another place or remove it first", path.display())]
    Exists { path: PathBuf },
    /// The folder a new file was to be written in does not exist.
    #[error("{}: there is no such folder; choose one that exists", folder.display())]
    NoFolder { folder: PathBuf },
    #[error(transparent)]
    Library(#[from] LibraryError),
    /// A review step (an approval, a hand-off) could not be taken.
    #[error("{}", .0.message(Lang::En))]
    Review(ReviewError),
    /// The package was refused on import; `reason` says why. Nothing was written.
    #[error("not a valid Qalam package: {0}; nothing was imported")]
    Refused(Refusal),
}

/// Why a package was refused on import.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Refusal {
    #[error("the file is not a zip archive ({0})")]
    NotAZip(String),
    #[error("it has no manifest.json")]
    NoManifest,
    #[error("manifest.json is not JSON")]
    ManifestNotJson,
    #[error("manifest.json is not a JSON object of named fields")]
    ManifestNotObject,
    /// The manifest lacks a field or gives one the wrong kind of value (the reader's words).
    #[error("manifest.json lacks a field or gives one the wrong kind of value ({0})")]
    BadManifest(String),
    #[error("it is a {found} package, not a Qalam package")]
    WrongFormat { found: String },
    #[error("it was made by a newer Qalam (package format {found}, this version reads up to {supported})")]
    TooNew { found: u32, supported: u32 },
    #[error("the path `{0}` is not allowed (it leaves the package, is absolute or is not a plain name)")]
    BadPath(String),
    #[error("`{0}` is a link; packages may only hold plain files")]
    Link(String),
    #[error("`{0}` appears twice")]
    Duplicate(String),
    /// The archive's directory lists a name twice (the reader keeps one; which, it cannot say).
    #[error("a file name appears twice in the archive")]
    NamedTwice,
    #[error("`{0}` is in the archive but not listed in the manifest")]
    Unlisted(String),
    #[error("`{0}` is listed in the manifest but missing from the archive")]
    Missing(String),
    #[error("`{path}` does not match its hash in the manifest (it was changed or damaged)")]
    HashMismatch { path: String },
    #[error("`{path}` is {actual} bytes but the manifest says {listed}")]
    SizeMismatch { path: String, listed: u64, actual: u64 },
    #[error("it holds {count} files; at most {max} are accepted")]
    TooManyFiles { count: usize, max: usize },
    #[error("it unpacks to more than {max_mib} MiB")]
    TooLarge { max_mib: u64 },
    /// The file itself is larger than any package Qalam reads (not even opened as a zip).
    #[error("the file is larger than {max_mib} MiB, more than any package")]
    FileTooLarge { max_mib: u64 },
    #[error("`{path}` is stored in a way this version cannot read ({reason})")]
    Unreadable { path: String, reason: String },
    #[error("article.md cannot be read: {0}")]
    BadArticle(FormatError),
    #[error("the article refers to the image `{0}`, which is not in the package")]
    ImageNotInPackage(String),
    #[error("image `{path}`: {reason}")]
    BadImage { path: String, reason: String },
    /// A hand-off (a package with a record) without its sender's seal.
    #[error("the hand-off is not sealed by its sender (it was made by a Qalam from before seals, or its seal was taken out)")]
    NotSealed,
    #[error("the hand-off's seal does not hold: {0}")]
    SealBroken(SealFault),
}

/// Why a hand-off's seal does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SealFault {
    #[error("it is not a seal this version can read")]
    Unreadable,
    #[error("its signature is not its key's")]
    BadSignature,
    #[error("it seals another article")]
    OtherArticle,
    #[error("the package was changed after its sender sealed it")]
    Altered,
}

impl Localized for SealFault {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            SealFault::Unreadable => "ليس ختمًا يقرؤه هذا الإصدار",
            SealFault::BadSignature => "توقيعه ليس توقيع مفتاحه",
            SealFault::OtherArticle => "يختم مقالًا آخر",
            SealFault::Altered => "عُدّلت الحزمة بعد أن ختمها مرسلها",
        }
        .into()
    }
}

impl PackageError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PackageError::Io { path: path.into(), source }
    }

    /// A short stable name of the kind of error, for JSON and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            PackageError::NotReady(_) => "not-ready",
            PackageError::UnacceptedWarnings(_) => "warnings",
            PackageError::Cancelled => "cancelled",
            PackageError::BadImage { .. } => "bad-image",
            PackageError::Io { .. } => "io",
            PackageError::Exists { .. } => "exists",
            PackageError::NoFolder { .. } => "io",
            PackageError::Library(e) => e.code(),
            PackageError::Refused(_) => "refused",
            PackageError::Review(e) => e.code(),
        }
    }

    /// The checker's findings that stopped an export, if that is what happened.
    pub fn findings(&self) -> &[Finding] {
        match self {
            PackageError::NotReady(f) | PackageError::UnacceptedWarnings(f) => f,
            _ => &[],
        }
    }
}

impl Localized for PackageError {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        use PackageError::*;
        match self {
            NotReady(f) => format!("المقال غير جاهز للتصدير: {} خطأ يجب إصلاحه أولًا", f.len()),
            UnacceptedWarnings(f) => format!("في المقال {} تنبيه؛ اقبلها للتصدير رغم ذلك", f.len()),
            Cancelled => "أُلغي التصدير؛ لم يُكتب شيء".into(),
            BadImage { name, reason } => format!("تعذّرت معالجة الصورة «{name}»: {reason}"),
            Io { path, source } => format!("{}: {}", lang.ltr(path.display()), describe_io(source, lang)),
            Exists { path } => format!("{}: موجود من قبل؛ اختر مكانًا آخر أو احذفه أولًا", lang.ltr(path.display())),
            NoFolder { folder } => format!("{}: لا مجلد بهذا الاسم؛ اختر مجلدًا موجودًا", lang.ltr(folder.display())),
            Library(e) => e.message(lang),
            Refused(r) => format!("ليست حزمة قلم صالحة: {}؛ لم يُستورد شيء", r.message(lang)),
            Review(e) => e.message(lang),
        }
    }
}

impl Localized for Refusal {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        use Refusal::*;
        match self {
            NotAZip(_) => "الملف ليس أرشيف zip".into(),
            NoManifest => "لا يحوي manifest.json".into(),
            ManifestNotJson => "ملف manifest.json ليس بصيغة JSON".into(),
            ManifestNotObject => "ملف manifest.json ليس كائن JSON من حقول مسمّاة".into(),
            BadManifest(_) => "في manifest.json حقل ناقص أو قيمة من نوع غير متوقع".into(),
            WrongFormat { found } => format!("هذه حزمة من نوع {found} وليست حزمة قلم"),
            TooNew { found, supported } => {
                format!("صُنعت بإصدار أحدث من قلم (صيغة الحزمة {found}، وهذا الإصدار يقرأ حتى {supported})")
            }
            BadPath(p) => format!("المسار «{p}» غير مقبول (يخرج من الحزمة أو مطلق أو ليس اسمًا عاديًا)"),
            Link(p) => format!("«{p}» رابط، والحزمة لا تحوي إلا ملفات عادية"),
            Duplicate(p) => format!("«{p}» مكرر"),
            NamedTwice => "في الأرشيف اسم ملف مكرر".into(),
            Unlisted(p) => format!("«{p}» في الأرشيف وليس في قائمة manifest"),
            Missing(p) => format!("«{p}» مذكور في manifest وغير موجود في الأرشيف"),
            HashMismatch { path } => format!("«{path}» لا يطابق بصمته في manifest (عُدّل أو تلف)"),
            SizeMismatch { path, listed, actual } => {
                format!("حجم «{path}» {actual} بايت بينما يذكر manifest {listed}")
            }
            TooManyFiles { count, max } => format!("تحوي {count} ملفًا، والحد الأقصى {max}"),
            TooLarge { max_mib } => format!("حجمها بعد فك الضغط يتجاوز {max_mib} م.ب"),
            FileTooLarge { max_mib } => format!("حجم الملف يتجاوز {max_mib} م.ب، أكبر من أي حزمة"),
            Unreadable { path, reason } => format!("«{path}» مخزّن بطريقة لا يقرؤها هذا الإصدار ({reason})"),
            BadArticle(e) => format!("تعذّرت قراءة article.md: {}", e.message(lang)),
            ImageNotInPackage(src) => format!("يشير المقال إلى الصورة «{src}» وهي ليست في الحزمة"),
            BadImage { path, reason } => format!("الصورة «{path}»: {reason}"),
            NotSealed => "التسليم غير مختوم من مرسله (صنعه إصدار من قلم أقدم من الأختام، أو نُزع ختمه)".into(),
            SealBroken(fault) => format!("ختم التسليم لا يصح: {}", fault.message(lang)),
        }
    }
}
