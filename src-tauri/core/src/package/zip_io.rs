//! The zip container, both ways.
//!
//! Writing is deterministic: entries in the order given, one fixed timestamp (the revision's),
//! fixed permissions, no extra fields, so the same files always give the same bytes.
//!
//! Reading trusts nothing: the entry count and the declared sizes are checked from the central
//! directory before anything is inflated, every name must be a plain relative path, links are
//! refused, and each entry is inflated through a bound on its declared size, so a zip bomb is
//! refused after reading at most the limit, in bounded memory.

use std::io::{Cursor, Read, Write};

use chrono::{Datelike, Timelike};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::error::Refusal;

/// What an import accepts at most.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    pub max_files: usize,
    pub max_total_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        // An article with a few dozen pictures in three sizes and their originals fits easily.
        ReadLimits { max_files: 1000, max_total_bytes: 1024 * 1024 * 1024 }
    }
}

/// One file of an archive.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Zips `files` in order, each stamped with `mtime_ms` (milliseconds since the epoch, UTC).
pub fn write_zip(files: &[(String, Vec<u8>)], mtime_ms: i64) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stamp = dos_time(mtime_ms);
    for (path, bytes) in files {
        // Pictures are compressed already; deflating them again only costs time.
        let method = if is_text(path) { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        let options =
            SimpleFileOptions::default().compression_method(method).last_modified_time(stamp).unix_permissions(0o644);
        zip.start_file(path.as_str(), options).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn is_text(path: &str) -> bool {
    [".md", ".html", ".json", ".css", ".txt"].iter().any(|ext| path.ends_with(ext))
}

fn dos_time(millis: i64) -> DateTime {
    let t = chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default().naive_utc();
    DateTime::from_date_and_time(
        t.year().clamp(1980, 2107) as u16,
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
    )
    .unwrap_or_default()
}

/// Reads every file of an untrusted archive (directories are skipped), or says why it is refused.
pub fn read_zip(bytes: &[u8], limits: ReadLimits) -> Result<Vec<Entry>, Refusal> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| Refusal::NotAZip(e.to_string()))?;
    if archive.len() > limits.max_files {
        return Err(Refusal::TooManyFiles { count: archive.len(), max: limits.max_files });
    }
    // The reader keeps one entry per name; an archive whose directory lists more entries than that
    // names a file twice, and another program could read the other one.
    if directory_entries(bytes).is_some_and(|listed| listed != archive.len() as u64) {
        return Err(Refusal::NamedTwice);
    }
    let too_large = Refusal::TooLarge { max_mib: limits.max_total_bytes / (1024 * 1024) };
    // First pass, central directory only: names, kinds and declared sizes.
    let mut declared_total: u64 = 0;
    let mut wanted = Vec::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(|e| Refusal::NotAZip(e.to_string()))?;
        let raw_name = String::from_utf8(file.name_raw().to_vec())
            .map_err(|_| Refusal::BadPath(String::from_utf8_lossy(file.name_raw()).into_owned()))?;
        let is_dir = raw_name.ends_with('/');
        let path = check_path(raw_name.trim_end_matches('/')).ok_or_else(|| Refusal::BadPath(raw_name.clone()))?;
        if file.unix_mode().is_some_and(|mode| mode & 0o170000 == 0o120000) {
            return Err(Refusal::Link(path));
        }
        declared_total = declared_total.saturating_add(file.size());
        if declared_total > limits.max_total_bytes {
            return Err(too_large);
        }
        if !is_dir {
            if wanted.iter().any(|(_, p, _)| p == &path) {
                return Err(Refusal::Duplicate(path));
            }
            wanted.push((i, path, file.size()));
        }
    }
    // Second pass: inflate each file, never past what it declared.
    let mut entries = Vec::with_capacity(wanted.len());
    for (i, path, declared) in wanted {
        let file =
            archive.by_index(i).map_err(|e| Refusal::Unreadable { path: path.clone(), reason: e.to_string() })?;
        let mut bytes = Vec::with_capacity(declared.min(64 * 1024 * 1024) as usize);
        file.take(declared + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Refusal::Unreadable { path: path.clone(), reason: e.to_string() })?;
        if bytes.len() as u64 != declared {
            return Err(Refusal::SizeMismatch { path, listed: declared, actual: bytes.len() as u64 });
        }
        entries.push(Entry { path, bytes });
    }
    Ok(entries)
}

/// A plain relative path inside the package, or None: no absolute paths, drive letters,
/// backslashes, `.`/`..` or empty components, control characters or overlong names.
pub fn check_path(path: &str) -> Option<String> {
    let plain = !path.is_empty()
        && path.len() <= 255
        && !path.starts_with('/')
        && !path.contains(['\\', ':', '\0'])
        && !path.chars().any(char::is_control)
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    plain.then(|| path.to_string())
}

/// How many entries the archive's central directory lists, as its end record says (none for an
/// archive too odd to say; the reader refuses those itself).
fn directory_entries(bytes: &[u8]) -> Option<u64> {
    const END_SIGNATURE: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    // The end record is 22 bytes and may be followed by a comment of up to 65,535.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = (from..bytes.len().saturating_sub(21)).rev().find(|&i| bytes[i..i + 4] == END_SIGNATURE)?;
    let total = u16::from_le_bytes([bytes[at + 10], bytes[at + 11]]);
    // 0xFFFF: the count is in a ZIP64 record; a package never lists that many files.
    (total != u16::MAX).then_some(u64::from(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_pass() {
        for ok in ["manifest.json", "images/hero-1600.jpg"] {
            assert_eq!(check_path(ok).as_deref(), Some(ok));
        }
        for bad in ["", "/etc/passwd", "../x", "images/../../x", "a//b", "./a", "C:/x", "a\\..\\b", "a\u{1}b"] {
            assert_eq!(check_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_same_files_zip_to_the_same_bytes() {
        let files = vec![("a.md".to_string(), b"# x".to_vec()), ("images/b.jpg".to_string(), vec![1, 2, 3])];
        let one = write_zip(&files, 1_745_000_000_000).unwrap();
        assert_eq!(one, write_zip(&files, 1_745_000_000_000).unwrap());
        let back = read_zip(&one, ReadLimits::default()).unwrap();
        assert_eq!(back.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["a.md", "images/b.jpg"]);
        assert_eq!(back[1].bytes, vec![1, 2, 3]);
    }
}
