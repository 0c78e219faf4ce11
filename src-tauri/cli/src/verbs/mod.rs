//! One module per verb (or pair of verbs that share their work).

pub mod backup;
pub mod check;
pub mod comments;
pub mod correct;
pub mod deliver;
pub mod desk;
pub mod diff;
pub mod embargo;
pub mod history;
pub mod import;
pub mod list;
pub mod package;
pub mod profile;
pub mod review;
pub mod search;
pub mod show;
pub mod style;
pub mod suggest;
pub mod target;
pub mod trash;
pub mod verify;

use std::path::PathBuf;

use qalam_core::library::{Library, LibraryLocation};

use crate::failure::Failure;

pub fn location(path: Option<PathBuf>) -> Result<LibraryLocation, Failure> {
    LibraryLocation::resolve(path, dirs::data_dir()).ok_or(Failure::NoLibraryPath)
}

/// Opens the library named by `--library`, `QALAM_LIBRARY`, or the platform default, if it
/// exists: a verb that works on a library never makes an empty one to show.
pub fn open_library(path: Option<PathBuf>) -> Result<Library, Failure> {
    Ok(location(path)?.open_existing()?)
}

/// Opens the library, creating it if there is none (verbs that bring articles in).
pub fn open_or_create_library(path: Option<PathBuf>) -> Result<Library, Failure> {
    Ok(location(path)?.open_or_create()?)
}

/// Reads an article file (bounded in size, UTF-8), naming the file in any error.
pub fn read_article_file(file: &std::path::Path) -> Result<String, Failure> {
    qalam_core::files::read_article_text(file).map_err(Failure::File)
}
