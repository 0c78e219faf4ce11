//! Why a verb failed, and the exit code that says so.

use std::path::PathBuf;

use qalam_core::article::FormatError;
use qalam_core::lang::{Lang, Localized};
use qalam_core::library::LibraryError;

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
    NoLibraryPath,
    NotFileOrId(String),
}

impl From<LibraryError> for Failure {
    fn from(e: LibraryError) -> Self {
        Failure::Library(e)
    }
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        2
    }

    pub fn code(&self) -> &'static str {
        match self {
            Failure::Format { .. } => "format",
            Failure::Read { .. } => "io",
            Failure::Library(e) => e.code(),
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
