//! One module per verb (or pair of verbs that share their work).

pub mod backup;
pub mod check;
pub mod history;
pub mod import;
pub mod list;
pub mod package;
pub mod search;
pub mod show;
pub mod trash;

use std::path::PathBuf;

use qalam_core::library::{default_library_path, Library};

use crate::failure::Failure;

/// Opens the library named by `--library`, `QALAM_LIBRARY`, or the platform default.
pub fn open_library(path: Option<PathBuf>) -> Result<Library, Failure> {
    let path = path.or_else(|| default_library_path(dirs::data_dir())).ok_or(Failure::NoLibraryPath)?;
    Ok(Library::open(&path)?)
}

/// Reads an article file, naming the file in any error.
pub fn read_article_file(file: &std::path::Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|error| Failure::Read { file: file.to_path_buf(), error })
}
