//! Why a verb failed, and the exit code that says so.

use std::path::PathBuf;

use qalam_core::article::on_disk::OnDiskError;
use qalam_core::article::FormatError;
use qalam_core::files::FileError;
use qalam_core::lang::{Lang, Localized};
use qalam_core::library::house_style::StyleError;
use qalam_core::library::{LibraryError, ReviewError};
use qalam_core::package::PackageError;
use qalam_deliver::DeliverError;
use qalam_sync::SyncError;

pub enum Failure {
    /// An article file that cannot be read as an article.
    Format {
        file: PathBuf,
        error: FormatError,
    },
    /// A file that cannot be read (missing, a folder, too large, not UTF-8…).
    File(FileError),
    /// A picture an imported article shows that cannot come along.
    Picture(OnDiskError),
    Library(LibraryError),
    Package(PackageError),
    Review(ReviewError),
    /// The shared desk: not joined, not reachable, or refusing.
    Sync(SyncError),
    /// Delivery to a CMS: a target, a site, a refusal.
    Deliver(DeliverError),
    /// The house style: a rules file or sheet that cannot be taken.
    Style(StyleError),
    /// A roster, key or event file that cannot be used (the message says why).
    Unusable(String),
    NoLibraryPath,
    NotFileOrId(String),
    /// A failure and what the user can do about it, said after it.
    Hinted {
        failure: Box<Failure>,
        hint: (&'static str, &'static str),
    },
}

impl From<LibraryError> for Failure {
    fn from(e: LibraryError) -> Self {
        Failure::Library(e)
    }
}

impl From<OnDiskError> for Failure {
    fn from(e: OnDiskError) -> Self {
        match e {
            OnDiskError::File(e) => Failure::File(e),
            OnDiskError::Format { file, error } => Failure::Format { file, error },
            picture @ OnDiskError::Picture { .. } => Failure::Picture(picture),
        }
    }
}

impl From<PackageError> for Failure {
    fn from(e: PackageError) -> Self {
        match e {
            PackageError::Library(e) => Failure::Library(e),
            PackageError::Review(e) => Failure::Review(e),
            other => Failure::Package(other),
        }
    }
}

impl From<ReviewError> for Failure {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::Library(e) => Failure::Library(e),
            other => Failure::Review(other),
        }
    }
}

impl From<SyncError> for Failure {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Library(e) => Failure::Library(e),
            SyncError::Review(ReviewError::Library(e)) => Failure::Library(e),
            SyncError::Review(e) => Failure::Review(e),
            other => Failure::Sync(other),
        }
    }
}

impl From<DeliverError> for Failure {
    fn from(e: DeliverError) -> Self {
        match e {
            DeliverError::Library(e) => Failure::Library(e),
            DeliverError::Package(e) => e.into(),
            other => Failure::Deliver(other),
        }
    }
}

impl From<StyleError> for Failure {
    fn from(e: StyleError) -> Self {
        match e {
            StyleError::Review(e) => e.into(),
            other => Failure::Style(other),
        }
    }
}

impl Failure {
    /// 1 when the input was understood and refused (a package that fails verification, an
    /// article that is already there), 2 for usage and I/O errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Package(PackageError::Refused(_)) | Failure::Library(LibraryError::AlreadyExists { .. }) => 1,
            Failure::Review(e) if e.is_refusal() => 1,
            Failure::Style(e) if e.is_refusal() => 1,
            Failure::Library(LibraryError::Conflict { .. }) => 1,
            Failure::Sync(SyncError::Desk { .. } | SyncError::RoleMismatch { .. }) => 1,
            Failure::Deliver(e)
                if !e.is_passing()
                    && !matches!(
                        e,
                        DeliverError::BadUrl { .. } | DeliverError::BadName { .. } | DeliverError::NoUser
                    ) =>
            {
                1
            }
            Failure::Hinted { failure, .. } => failure.exit_code(),
            _ => 2,
        }
    }

    pub fn code(&self) -> String {
        match self {
            Failure::Sync(e) => e.code(),
            Failure::Deliver(e) => e.code(),
            Failure::Hinted { failure, .. } => failure.code(),
            other => other.static_code().to_string(),
        }
    }

    fn static_code(&self) -> &'static str {
        match self {
            Failure::Sync(_) => "sync",
            Failure::Deliver(_) => "deliver",
            Failure::Format { .. } => "format",
            Failure::File(e) => e.problem.code(),
            Failure::Picture(_) => "picture",
            Failure::Library(e) => e.code(),
            Failure::Package(e) => e.code(),
            Failure::Review(e) => e.code(),
            Failure::Style(e) => e.code(),
            Failure::Unusable(_) => "invalid-input",
            Failure::NoLibraryPath => "no-library",
            Failure::NotFileOrId(_) => "not-found",
            Failure::Hinted { failure, .. } => failure.static_code(),
        }
    }

    /// What to do next, in `lang`, if there is a hint.
    pub fn hint(&self, lang: Lang) -> Option<&'static str> {
        match self {
            Failure::Hinted { hint: (ar, en), .. } => Some(lang.pick(ar, en)),
            _ => None,
        }
    }

    /// The underlying library's or system's own words (English), for `--json`; never shown as
    /// the message, which is Qalam's own sentence in the user's language.
    pub fn cause(&self) -> Option<String> {
        match self {
            Failure::Format { error, .. } => error.kind.cause().map(str::to_string),
            Failure::File(e) => e.cause.clone(),
            Failure::Library(e) => library_cause(e),
            Failure::Package(PackageError::Io { source, .. }) => Some(source.to_string()),
            Failure::Package(PackageError::Library(e)) => library_cause(e),
            Failure::Hinted { failure, .. } => failure.cause(),
            Failure::Review(ReviewError::Key(e)) => e.cause(),
            Failure::Sync(e) => e.cause(),
            Failure::Deliver(e) => e.cause(),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Format { file, error } => {
                format!("{}: {}", lang.ltr(format_args!("{}:{}", file.display(), error.line)), error.message(lang))
            }
            Failure::File(e) => e.message(lang),
            Failure::Picture(e) => e.message(lang),
            Failure::Library(e) => e.message(lang),
            Failure::Package(e) => e.message(lang),
            Failure::Review(e) => e.message(lang),
            Failure::Style(e) => e.message(lang),
            Failure::Sync(e) => e.message(lang),
            Failure::Deliver(e) => e.message(lang),
            Failure::Unusable(message) => message.clone(),
            Failure::NoLibraryPath => lang
                .pick(
                    "لا أعرف أين المكتبة: حدّدها بـ --library أو QALAM_LIBRARY",
                    "no library location: give --library PATH or set QALAM_LIBRARY",
                )
                .to_string(),
            Failure::NotFileOrId(target) => match lang {
                Lang::Ar => format!("«{target}» ليس ملفًا ولا معرّف مقال في المكتبة"),
                Lang::En => format!("`{target}` is neither a file nor an article id in the library"),
            },
            Failure::Hinted { failure, .. } => failure.message(lang),
        }
    }
}

fn library_cause(e: &LibraryError) -> Option<String> {
    match e {
        LibraryError::Io { source, .. } => Some(source.to_string()),
        LibraryError::Sqlite(e) => Some(e.to_string()),
        LibraryError::DamagedWal { detail, .. } | LibraryError::Damaged { detail, .. } => Some(detail.clone()),
        LibraryError::BadBackup { reason, .. } | LibraryError::NotAnImage { reason, .. } => Some(reason.clone()),
        LibraryError::Stored { source, .. } | LibraryError::Unstorable { error: source, .. } => {
            source.kind.cause().map(str::to_string)
        }
        _ => None,
    }
}
