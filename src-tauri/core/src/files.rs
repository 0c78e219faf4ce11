//! Reading the files a user names, and saying in their language why one cannot be read or
//! written. Errors from the operating system and from decoding are mapped to Qalam's own
//! sentences; the system's own wording stays available as the cause (for `--json` and logs).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::lang::{Lang, Localized};

/// The largest article file Qalam reads (64 MiB): a news article with its Markdown is a few
/// hundred kilobytes; anything near this is not an article (or is `/dev/zero`), and is refused
/// before it is read into memory.
pub const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// What went wrong with a file, in terms a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    /// A folder on the way does not exist (or is a file).
    NoSuchFolder,
    PermissionDenied,
    IsADirectory,
    ReadOnly,
    DiskFull,
    TooLarge {
        max_mib: u64,
    },
    /// Not UTF-8 from this byte offset on; `utf16` when the file looks like UTF-16 text.
    NotUtf8 {
        offset: usize,
        utf16: bool,
    },
    /// Anything else; the cause says what.
    Other,
}

impl FileProblem {
    pub fn of_io(e: &io::Error) -> FileProblem {
        use io::ErrorKind::*;
        match e.kind() {
            NotFound => FileProblem::NotFound,
            NotADirectory => FileProblem::NoSuchFolder,
            PermissionDenied => FileProblem::PermissionDenied,
            IsADirectory => FileProblem::IsADirectory,
            ReadOnlyFilesystem => FileProblem::ReadOnly,
            StorageFull | QuotaExceeded | FileTooLarge => FileProblem::DiskFull,
            _ => FileProblem::Other,
        }
    }

    /// A short stable name, for JSON.
    pub fn code(&self) -> &'static str {
        match self {
            FileProblem::NotFound => "not-found",
            FileProblem::NoSuchFolder => "no-such-folder",
            FileProblem::PermissionDenied => "permission-denied",
            FileProblem::IsADirectory => "is-a-directory",
            FileProblem::ReadOnly => "read-only",
            FileProblem::DiskFull => "disk-full",
            FileProblem::TooLarge { .. } => "too-large",
            FileProblem::NotUtf8 { .. } => "not-utf8",
            FileProblem::Other => "io",
        }
    }
}

impl Localized for FileProblem {
    fn message(&self, lang: Lang) -> String {
        use FileProblem::*;
        match (self, lang) {
            (NotFound, Lang::Ar) => "الملف غير موجود".into(),
            (NotFound, Lang::En) => "there is no such file".into(),
            (NoSuchFolder, Lang::Ar) => "أحد المجلدات في المسار غير موجود".into(),
            (NoSuchFolder, Lang::En) => "a folder on this path does not exist".into(),
            (PermissionDenied, Lang::Ar) => "لا صلاحية لك على هذا الملف أو مجلده".into(),
            (PermissionDenied, Lang::En) => "you do not have permission for this file or its folder".into(),
            (IsADirectory, Lang::Ar) => "هذا مجلد وليس ملفًا".into(),
            (IsADirectory, Lang::En) => "this is a folder, not a file".into(),
            (ReadOnly, Lang::Ar) => "القرص أو المجلد للقراءة فقط؛ اختر مكانًا آخر".into(),
            (ReadOnly, Lang::En) => "the disk or folder is read-only; choose another place".into(),
            (DiskFull, Lang::Ar) => "القرص ممتلئ؛ أفرغ بعض المساحة ثم أعد المحاولة".into(),
            (DiskFull, Lang::En) => "the disk is full; free some space and try again".into(),
            (TooLarge { max_mib }, Lang::Ar) => {
                format!("الملف أكبر من {max_mib} ميغابايت، أكبر مما يحمله ملف من هذا النوع؛ لم يُقرأ")
            }
            (TooLarge { max_mib }, Lang::En) => {
                format!("the file is larger than {max_mib} MiB, more than a file of this kind holds; it was not read")
            }
            (NotUtf8 { offset, utf16: true }, Lang::Ar) => format!(
                "الملف ليس بترميز UTF-8 (البايت {offset})؛ يبدو أنه محفوظ بترميز UTF-16: احفظه من محررك بترميز UTF-8"
            ),
            (NotUtf8 { offset, utf16: true }, Lang::En) => format!(
                "the file is not UTF-8 (at byte {offset}); it looks like UTF-16: save it as UTF-8 from your editor"
            ),
            (NotUtf8 { offset, utf16: false }, Lang::Ar) => {
                format!("الملف ليس نصًا بترميز UTF-8 (أول بايت غير صالح: {offset})؛ احفظه بترميز UTF-8")
            }
            (NotUtf8 { offset, utf16: false }, Lang::En) => {
                format!("the file is not UTF-8 text (first invalid byte at offset {offset}); save it as UTF-8")
            }
            (Other, Lang::Ar) => "تعذّر الوصول إلى الملف".into(),
            (Other, Lang::En) => "the file cannot be used".into(),
        }
    }
}

/// Why an operation on a file failed, in `lang`: Qalam's own sentence, or in English the
/// system's words when Qalam has none of its own for that case.
pub fn describe_io(e: &io::Error, lang: Lang) -> String {
    match (FileProblem::of_io(e), lang) {
        (FileProblem::Other, Lang::En) => e.to_string(),
        (problem, lang) => problem.message(lang),
    }
}

/// A file that could not be read or written: where, what, and the system's own words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", path.display(), problem.message(Lang::En))]
pub struct FileError {
    pub path: PathBuf,
    pub problem: FileProblem,
    /// The underlying error as the system or decoder put it (English), if there is one.
    pub cause: Option<String>,
}

impl FileError {
    pub fn io(path: impl Into<PathBuf>, e: &io::Error) -> FileError {
        FileError { path: path.into(), problem: FileProblem::of_io(e), cause: Some(e.to_string()) }
    }
}

impl Localized for FileError {
    fn message(&self, lang: Lang) -> String {
        format!("{}: {}", lang.ltr(self.path.display()), self.problem.message(lang))
    }
}

/// Reads a whole file of at most `max` bytes; a bigger one is refused after reading `max + 1`
/// bytes at most (a device such as `/dev/zero` has no size to look at first).
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    let file = File::open(path).map_err(|e| FileError::io(path, &e))?;
    let meta = file.metadata().map_err(|e| FileError::io(path, &e))?;
    if meta.is_dir() {
        return Err(FileError { path: path.into(), problem: FileProblem::IsADirectory, cause: None });
    }
    let too_large =
        || FileError { path: path.into(), problem: FileProblem::TooLarge { max_mib: max >> 20 }, cause: None };
    if meta.len() > max {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| FileError::io(path, &e))?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads an article file: at most [`MAX_ARTICLE_BYTES`], and UTF-8 (a byte-order mark is allowed).
pub fn read_article_text(path: &Path) -> Result<String, FileError> {
    let bytes = read_bounded(path, MAX_ARTICLE_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        FileError {
            path: path.into(),
            problem: FileProblem::NotUtf8 { offset: e.utf8_error().valid_up_to(), utf16: looks_like_utf16(bytes) },
            cause: Some(e.utf8_error().to_string()),
        }
    })
}

/// A UTF-16 byte-order mark, or NUL bytes in every other position of the first bytes (ASCII and
/// most markup in UTF-16).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && (head.iter().skip(1).step_by(2).all(|&b| b == 0) || head.iter().step_by(2).all(|&b| b == 0))
}
