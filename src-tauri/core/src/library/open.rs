//! Opening a library: validate the file (and its write-ahead log) first, then configure SQLite
//! and migrate. A new library is built under a temporary name and linked into place whole, so
//! two processes creating the same library at once both end up with the one sound file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::checkpoint::Checkpointer;
use super::error::LibraryError;
use super::migrations::{migrate, SCHEMA_VERSION};
use super::open_here;
use super::{header, wal};
use super::{system_clock, Library};

impl Library {
    /// Opens the library at `path`, creating it if there is none, in a folder that must exist
    /// (callers create folders only for the default library). A file that is not a sound Qalam
    /// library, or one written by a newer Qalam, is refused with a clear error and left
    /// byte-for-byte untouched.
    pub fn open(path: &Path) -> Result<Library, LibraryError> {
        match Library::open_existing(path) {
            Err(LibraryError::NoLibrary { .. }) => {
                create(path)?;
                Library::open_existing(path)
            }
            other => other,
        }
    }

    /// Opens the library at `path` only if it exists: verbs that read never create one, so a
    /// mistyped path says so instead of showing a new, empty library.
    pub fn open_existing(path: &Path) -> Result<Library, LibraryError> {
        if !path.exists() {
            return Err(LibraryError::NoLibrary { path: path.into() });
        }
        // Open here already: the file was checked, and is read through SQLite alone (a descriptor
        // of our own, closed, would take away the locks of the connections open here).
        let (user_version, writable) = match open_here::already_open(path) {
            Some(writable) => (SCHEMA_VERSION, writable),
            None => {
                let header = header::read_and_validate(path)?;
                if header.user_version > SCHEMA_VERSION {
                    return Err(LibraryError::TooNew {
                        path: path.into(),
                        found: header.user_version,
                        supported: SCHEMA_VERSION,
                    });
                }
                wal::check_before_open(path)?;
                (header.user_version, writable(path))
            }
        };
        if !writable {
            return open_read_only(path, user_version);
        }
        // Never SQLITE_OPEN_CREATE: a file that vanished since the check is not made anew here.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify_open_error(path, e))?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(|e| classify_open_error(path, e))?;
        // Read before any write: a damaged file fails here, while it is still untouched.
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| classify_open_error(path, e))?;
        if user_version == 0 && tables > 0 {
            return Err(LibraryError::ForeignDatabase { path: path.into() });
        }
        configure(&conn).map_err(|e| classify_open_error(path, e))?;
        migrate(&mut conn)?;
        super::search_index::keep_current(&mut conn)?;
        let checkpointer = Checkpointer::start(path, &conn);
        Ok(Library {
            conn,
            path: path.to_path_buf(),
            clock: system_clock(),
            _checkpointer: checkpointer,
            _open_here: open_here::register(path, true),
        })
    }
}

/// Whether this process may write the library: its file, and its folder (where SQLite keeps the
/// write-ahead log beside it).
fn writable(path: &Path) -> bool {
    let folder = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    let file_ok = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    file_ok && access_writable(&folder)
}

#[cfg(unix)]
fn access_writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else { return false };
    // SAFETY: access() only reads the NUL-terminated path it is given.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn access_writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

/// A library this process may not write (a read-only file or folder, a read-only disk): opened
/// for reading, as it is — every verb that reads works, and a change is refused as read-only. A
/// library with a log not yet checkpointed is read through it; a library older than this Qalam
/// must be opened once where it can be written, to bring its schema up to date.
fn open_read_only(path: &Path, user_version: u32) -> Result<Library, LibraryError> {
    if user_version < SCHEMA_VERSION {
        return Err(LibraryError::ReadOnly);
    }
    let has_log = std::fs::metadata(wal::wal_path(path)).is_ok_and(|m| m.len() > 0);
    let conn = if has_log {
        // The log's pages are part of the library: SQLite reads them (it needs its shared-memory
        // file beside them, which it may not be able to make here).
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    } else {
        // No log: nothing can change the file under this reader, and SQLite need not make one.
        Connection::open_with_flags(
            super::backup::immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI,
        )
    }
    .map_err(|e| classify_open_error(path, e))?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(|e| classify_open_error(path, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|e| classify_open_error(path, e))?;
    Ok(Library {
        conn,
        path: path.to_path_buf(),
        clock: system_clock(),
        _checkpointer: None,
        _open_here: open_here::register(path, false),
    })
}

/// Makes a new library at `path`: built and migrated under a temporary name in the same folder,
/// then hard-linked into place, which fails if another process got there first (its library is
/// then the one opened). The link is atomic, so no one ever sees a half-made or empty file.
fn create(path: &Path) -> Result<(), LibraryError> {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(LibraryError::NoFolder { path: path.into(), folder: dir });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let temp = dir.join(format!(".{name}.new-{}-{nonce}", std::process::id()));
    let built = (|| {
        let mut conn = Connection::open(&temp).map_err(|e| classify_open_error(&temp, e))?;
        configure(&conn)?;
        migrate(&mut conn)?;
        // Closing checkpoints the log into the file and removes it: the file alone is the library.
        conn.close().map_err(|(_, e)| LibraryError::Sqlite(e))
    })();
    let linked = built.and_then(|_| match std::fs::hard_link(&temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links (some network or FAT drives): a rename, which may
        // replace a library another process made in this very instant but never a real one
        // (checked just before).
        Err(_) if !path.exists() => std::fs::rename(&temp, path).map_err(|e| LibraryError::io(path, e)),
        Err(e) => Err(LibraryError::io(path, e)),
    });
    for leftover in super::sqlite_files(&temp) {
        let _ = std::fs::remove_file(leftover);
    }
    linked
}

/// WAL keeps committed transactions through a crash of the process and lets readers (the CLI,
/// another window) work beside a writer; NORMAL sync is durable against process crashes.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn classify_open_error(path: &Path, e: rusqlite::Error) -> LibraryError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => LibraryError::NotADatabase { path: path.into() },
        Some(ErrorCode::DatabaseCorrupt) => LibraryError::Damaged { path: path.into(), detail: e.to_string() },
        _ => LibraryError::Sqlite(e),
    }
}
