//! Checking a library's write-ahead log before SQLite sees it.
//!
//! In WAL mode, a commit lands in `LIBRARY-wal` first and reaches the library file only at the
//! next checkpoint. When SQLite opens a library whose WAL it finds invalid (a damaged header, or a
//! damaged frame with commits after it), it silently ignores that part of the log and later
//! overwrites it: acknowledged saves would be gone for good. So before any connection is opened,
//! the WAL is read here (header magic, salts and the cumulative checksums, after SQLite's "WAL File
//! Format"); if SQLite would drop a committed transaction, a copy of the WAL is kept beside the
//! library and the library is refused, untouched.
//!
//! What is *not* damage: a WAL that is empty or shorter than its header, and frames after the
//! last commit that do not check out (a transaction that never committed; SQLite rolls it back).

use std::path::{Path, PathBuf};

use super::error::LibraryError;

const HEADER_LEN: usize = 32;
const FRAME_HEADER_LEN: usize = 24;
const MAGIC_LITTLE_ENDIAN: u32 = 0x377f_0682;
const MAGIC_BIG_ENDIAN: u32 = 0x377f_0683;
const FORMAT_VERSION: u32 = 3_007_000;

/// The path of a library's WAL file.
pub fn wal_path(library: &Path) -> PathBuf {
    super::with_suffix(library, "-wal")
}

/// Refuses a library whose WAL holds commits SQLite would discard, after keeping a copy of it.
pub fn check_before_open(library: &Path) -> Result<(), LibraryError> {
    let wal = wal_path(library);
    let Some(first) = read_damage(&wal, library)? else { return Ok(()) };
    // Another process may be writing the log right now (the app beside the CLI), and a read
    // that overlaps its restart of the log can look like damage; damage is real only if a second
    // look, a moment later, sees the same.
    std::thread::sleep(std::time::Duration::from_millis(100));
    match read_damage(&wal, library)? {
        Some(second) if second == first => {
            let copy = keep_copy(&wal)?;
            Err(LibraryError::DamagedWal { path: library.into(), copy, detail: first })
        }
        _ => Ok(()),
    }
}

fn read_damage(wal: &Path, library: &Path) -> Result<Option<String>, LibraryError> {
    match std::fs::read(wal) {
        Ok(bytes) => Ok(damage(&bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(LibraryError::io(library, e)),
    }
}

/// What SQLite would throw away from this log, if it would throw away anything committed.
pub fn damage(bytes: &[u8]) -> Option<String> {
    if bytes.len() < HEADER_LEN {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let magic = be(0);
    let has_frames = bytes.len() >= HEADER_LEN + FRAME_HEADER_LEN;
    if magic != MAGIC_LITTLE_ENDIAN && magic != MAGIC_BIG_ENDIAN {
        return has_frames.then(|| "its header is not a WAL header".to_string());
    }
    let big_endian = magic == MAGIC_BIG_ENDIAN;
    let page_size = be(8) as usize;
    let valid_page_size = (512..=65536).contains(&page_size) && page_size.is_power_of_two();
    let header_sum = checksum(&bytes[..24], big_endian, (0, 0));
    if be(4) != FORMAT_VERSION || !valid_page_size || header_sum != (be(24), be(28)) {
        return has_frames.then(|| "its header fails its checksum".to_string());
    }
    let salts = (be(16), be(20));
    let frame_len = FRAME_HEADER_LEN + page_size;
    let frames = bytes[HEADER_LEN..].chunks_exact(frame_len);
    let mut sum = header_sum;
    let mut broken_at = None;
    for (index, frame) in frames.clone().enumerate() {
        let fbe = |at: usize| u32::from_be_bytes([frame[at], frame[at + 1], frame[at + 2], frame[at + 3]]);
        if (fbe(8), fbe(12)) != salts {
            // A frame left from an earlier generation of the log: the log ends here.
            break;
        }
        sum = checksum(&frame[..8], big_endian, sum);
        sum = checksum(&frame[FRAME_HEADER_LEN..], big_endian, sum);
        if sum != (fbe(16), fbe(20)) {
            broken_at = Some(index);
            break;
        }
    }
    let broken_at = broken_at?;
    // Past the break, any frame of this generation that ends a commit is a commit SQLite would lose.
    let lost_commit = frames.skip(broken_at).any(|frame| {
        let fbe = |at: usize| u32::from_be_bytes([frame[at], frame[at + 1], frame[at + 2], frame[at + 3]]);
        (fbe(8), fbe(12)) == salts && fbe(4) != 0
    });
    lost_commit.then(|| format!("frame {} fails its checksum and committed frames follow it", broken_at + 1))
}

/// SQLite's WAL checksum: pairs of 32-bit words in the byte order the magic names, accumulated.
fn checksum(data: &[u8], big_endian: bool, start: (u32, u32)) -> (u32, u32) {
    let (mut s0, mut s1) = start;
    let word = |b: &[u8]| {
        let b = [b[0], b[1], b[2], b[3]];
        if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    for pair in data.chunks_exact(8) {
        s0 = s0.wrapping_add(word(&pair[..4])).wrapping_add(s1);
        s1 = s1.wrapping_add(word(&pair[4..])).wrapping_add(s0);
    }
    (s0, s1)
}

/// Copies the WAL to `LIBRARY-wal.damaged-TIME` (a new name, never over another file), unless a
/// copy with the same bytes is already there (every attempt to open would otherwise add one).
fn keep_copy(wal: &Path) -> Result<PathBuf, LibraryError> {
    let bytes = std::fs::read(wal).map_err(|e| LibraryError::io(wal, e))?;
    if let Some(existing) = existing_copy(wal, &bytes) {
        return Ok(existing);
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut name = wal.as_os_str().to_owned();
    name.push(format!(".damaged-{stamp}"));
    let copy = PathBuf::from(name);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&copy)
        .and_then(|mut file| std::io::Write::write_all(&mut file, &bytes).and_then(|_| file.sync_all()));
    written.map_err(|e| LibraryError::io(&copy, e))?;
    Ok(copy)
}

/// A copy made earlier of this very log, if one is beside it.
fn existing_copy(wal: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let dir = wal.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let prefix = format!("{}.damaged-", wal.file_name()?.to_string_lossy());
    std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
        p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
            && std::fs::metadata(p).is_ok_and(|m| m.len() == bytes.len() as u64)
            && std::fs::read(p).is_ok_and(|b| b == bytes)
    })
}
