//! A library file that is not sound is detected at open, with a clear message, and left
//! byte-for-byte untouched.

use std::path::Path;

use qalam_core::lang::{Lang, Localized};
use qalam_core::library::{Library, LibraryError};

use crate::support::seed_article;

fn library_with_content(path: &Path) {
    let mut lib = Library::open(path).unwrap();
    for _ in 0..20 {
        lib.import(&seed_article()).unwrap();
    }
    drop(lib); // closing checkpoints the WAL into the main file
    assert!(std::fs::metadata(path).unwrap().len() > 100_000);
}

fn assert_refused_untouched(path: &Path, expect: impl Fn(&LibraryError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let err = Library::open(path).err().expect("a damaged file must be refused");
    assert!(expect(&err), "unexpected error: {err}");
    assert!(!err.message(Lang::Ar).is_empty() && !err.message(Lang::En).is_empty());
    assert_eq!(std::fs::read(path).unwrap(), before, "the damaged file was modified");
}

#[test]
fn a_truncated_library_is_detected_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    library_with_content(&path);
    let full = std::fs::read(&path).unwrap();
    for cut in [full.len() / 2, full.len() - 4096, 4096 + 17, 60] {
        std::fs::write(&path, &full[..cut]).unwrap();
        assert_refused_untouched(&path, |e| matches!(e, LibraryError::Damaged { .. }));
    }
}

#[test]
fn a_garbage_file_is_detected_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    std::fs::write(&path, "مسودة محفوظة بالخطأ باسم المكتبة\n".repeat(500)).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, LibraryError::NotADatabase { .. }));
    std::fs::write(&path, b"").unwrap();
    assert_refused_untouched(&path, |e| matches!(e, LibraryError::Damaged { .. }));
}

#[test]
fn a_file_with_a_valid_header_and_garbage_pages_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    library_with_content(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    // Overwrite the schema page (page 1 after the 100-byte header) with noise.
    for (i, b) in bytes[100..4096].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, LibraryError::Damaged { .. } | LibraryError::NotADatabase { .. }));
}
