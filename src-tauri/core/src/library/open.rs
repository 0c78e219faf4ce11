//! Opening a library: validate the file first, then configure SQLite and migrate.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use super::error::LibraryError;
use super::header;
use super::migrations::{migrate, SCHEMA_VERSION};
use super::{system_clock, Library};

impl Library {
    /// Opens (or creates) the library at `path`. A file that is not a sound Qalam library, or one
    /// written by a newer Qalam, is refused with a clear error and left byte-for-byte untouched.
    pub fn open(path: &Path) -> Result<Library, LibraryError> {
        if path.exists() {
            let header = header::read_and_validate(path)?;
            if header.user_version > SCHEMA_VERSION {
                return Err(LibraryError::TooNew {
                    path: path.into(),
                    found: header.user_version,
                    supported: SCHEMA_VERSION,
                });
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| LibraryError::io(dir, e))?;
        }
        let mut conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        // Read before any write: a damaged file fails here, while it is still untouched.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(|e| classify_open_error(path, e))?;
        configure(&conn).map_err(|e| classify_open_error(path, e))?;
        migrate(&mut conn)?;
        Ok(Library { conn, path: path.to_path_buf(), clock: system_clock() })
    }
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
