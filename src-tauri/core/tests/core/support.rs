//! Shared setup: fixtures and fresh libraries in temporary folders.

use std::path::PathBuf;

use qalam_core::article::{parse, Article};
use qalam_core::library::Library;

/// The seed article (Infoplus, 20 نيسان 2025) in the contract format: the sample the app ships.
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/sample-article.md")
}

pub fn seed_text() -> String {
    std::fs::read_to_string(seed_path()).expect("the sample article exists")
}

pub fn seed_article() -> Article {
    parse(&seed_text()).expect("the seed parses")
}

/// A file of the repository's own (under the top-level folder), such as a schema.
pub fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
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

/// The app icon, a real PNG.
pub fn icon() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../icons/icon.png")).unwrap()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG whose header claims 100,000 × 100,000 pixels, with a valid checksum.
pub fn pixel_bomb() -> Vec<u8> {
    let mut png = icon();
    png[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}
