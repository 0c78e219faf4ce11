//! Reading an SQLite file's 100-byte header without SQLite, so that a file which is not a sound
//! library can be refused before anything opens it for writing.
//! (Layout: SQLite's "Database File Format", section 1.3.)

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::LibraryError;

pub struct Header {
    pub user_version: u32,
}

/// Checks the magic string, the page size and that the file is as long as the header says —
/// unless a write-ahead log with frames lies beside it: a checkpoint cut short (by a full disk)
/// leaves the file shorter than its header while the log still holds every page, and SQLite
/// finishes the checkpoint from it.
pub fn read_and_validate(path: &Path) -> Result<Header, LibraryError> {
    let mut file = File::open(path).map_err(|e| LibraryError::io(path, e))?;
    let file_len = file.metadata().map_err(|e| LibraryError::io(path, e))?.len();
    if file_len == 0 {
        return Err(LibraryError::Damaged { path: path.into(), detail: "the file is empty (0 bytes)".into() });
    }
    let mut bytes = [0u8; 100];
    let read = read_up_to(&mut file, &mut bytes).map_err(|e| LibraryError::io(path, e))?;
    if read < 16 || &bytes[..16] != b"SQLite format 3\0" {
        return Err(LibraryError::NotADatabase { path: path.into() });
    }
    if read < 100 {
        return Err(LibraryError::Damaged {
            path: path.into(),
            detail: format!("the file is cut short at {file_len} bytes"),
        });
    }
    let be16 = |at: usize| u16::from_be_bytes([bytes[at], bytes[at + 1]]) as u64;
    let be32 = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let page_size = match be16(16) {
        1 => 65536,
        n if n >= 512 && n.is_power_of_two() && n <= 32768 => n,
        _ => return Err(LibraryError::NotADatabase { path: path.into() }),
    };
    // The page count in the header is valid only when its "version-valid-for" matches the change
    // counter (files written by very old SQLite versions do not keep it).
    let pages = be32(28) as u64;
    let log_holds_pages = std::fs::metadata(super::wal::wal_path(path)).is_ok_and(|m| m.len() > 32);
    if log_holds_pages {
        return Ok(Header { user_version: be32(60) });
    }
    if be32(92) == be32(24) && pages > 0 && file_len < pages * page_size {
        return Err(LibraryError::Damaged {
            path: path.into(),
            detail: format!("the file is cut short: {file_len} bytes of the {} it should hold", pages * page_size),
        });
    }
    if file_len % page_size != 0 {
        return Err(LibraryError::Damaged {
            path: path.into(),
            detail: format!("{file_len} bytes is not a whole number of pages"),
        });
    }
    Ok(Header { user_version: be32(60) })
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        match file.read(&mut buf[total..])? {
            0 => break,
            n => total += n,
        }
    }
    Ok(total)
}
