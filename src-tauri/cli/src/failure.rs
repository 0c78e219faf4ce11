//! Why a verb failed, and the exit code that says so.

use std::path::PathBuf;

use qalam_core::article::FormatError;
use qalam_core::lang::{Lang, Localized};
use qalam_core::library::LibraryError;
use qalam_core::package::PackageError;

pub enum Failure {
    /// An article file that cannot be read as an article.
    Format {
        file: PathBuf,
        error: FormatError,
    },
    Read {
        file: PathBuf,
        error: std::io::Error,
    },
    Library(LibraryError),
    Package(PackageError),
    NoLibraryPath,
    NotFileOrId(String),
}

impl From<LibraryError> for Failure {
    fn from(e: LibraryError) -> Self {
        Failure::Library(e)
    }
}

impl From<PackageError> for Failure {
    fn from(e: PackageError) -> Self {
        match e {
            PackageError::Library(e) => Failure::Library(e),
            other => Failure::Package(other),
        }
    }
}

impl Failure {
    /// 1 when the input was understood and refused (a package that fails verification, an
    /// article that is already there), 2 for usage and I/O errors.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Package(PackageError::Refused(_)) | Failure::Library(LibraryError::AlreadyExists { .. }) => 1,
            _ => 2,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Failure::Format { .. } => "format",
            Failure::Read { .. } => "io",
            Failure::Library(e) => e.code(),
            Failure::Package(e) => e.code(),
            Failure::NoLibraryPath => "no-library",
            Failure::NotFileOrId(_) => "not-found",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Format { file, error } => format!("{}:{}: {}", file.display(), error.line, error.message(lang)),
            Failure::Read { file, error } => match lang {
                Lang::Ar => format!("{}: تعذّرت قراءة الملف: {error}", file.display()),
                Lang::En => format!("{}: cannot read the file: {error}", file.display()),
            },
            Failure::Library(e) => e.message(lang),
            Failure::Package(e) => e.message(lang),
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
        }
    }
}
