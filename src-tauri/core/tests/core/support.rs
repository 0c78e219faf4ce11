//! Shared setup: fixtures and fresh libraries in temporary folders.

use std::path::PathBuf;

use qalam_core::article::{parse, Article};
use qalam_core::library::Library;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture exists")
}

pub fn seed_article() -> Article {
    parse(&fixture_text("infoplus-article.md")).expect("the seed fixture parses")
}

/// A new library in its own temporary folder (kept alive by the returned guard).
pub fn temp_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = Library::open(&dir.path().join("library.sqlite3")).expect("a new library opens");
    (dir, library)
}

/// A minimal article with a title and one paragraph.
pub fn article(title: &str, body: &str) -> Article {
    parse(&format!("---\ntitle: {title}\n---\n\n{body}\n")).expect("test article parses")
}
