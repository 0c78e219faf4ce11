//! Backups through SQLite's online backup API: a consistent copy taken while the library is in
//! use, kept in a rotating set, and a restore that first backs up what it replaces.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use super::error::LibraryError;
use super::header;
use super::migrations::SCHEMA_VERSION;
use super::Library;

/// How many backups the rotation keeps.
pub const BACKUPS_KEPT: usize = 10;
const BACKUP_SUFFIX: &str = ".qalam-backup.sqlite3";

impl Library {
    /// The folder backups go to by default: `backups/` beside the library file.
    pub fn backup_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join("backups")
    }

    /// Writes a backup into `dir` (default: [`Library::backup_dir`]) and removes the oldest ones
    /// beyond [`BACKUPS_KEPT`]. The file appears under its final name only once it is complete.
    pub fn backup(&self, dir: Option<&Path>) -> Result<PathBuf, LibraryError> {
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| self.backup_dir());
        std::fs::create_dir_all(&dir).map_err(|e| LibraryError::io(&dir, e))?;
        let stamp = chrono::DateTime::from_timestamp_millis(self.now()).unwrap_or_default().format("%Y%m%dT%H%M%S%3fZ");
        let mut target = dir.join(format!("library-{stamp}{BACKUP_SUFFIX}"));
        let mut n = 1;
        while target.exists() {
            target = dir.join(format!("library-{stamp}-{n}{BACKUP_SUFFIX}"));
            n += 1;
        }
        let partial = target.with_extension("partial");
        let written = (|| {
            let mut dest = Connection::open(&partial)?;
            Backup::new(&self.conn, &mut dest)?.run_to_completion(256, Duration::from_millis(5), None)?;
            dest.close().map_err(|(_, e)| LibraryError::Sqlite(e))?;
            std::fs::rename(&partial, &target).map_err(|e| LibraryError::io(&target, e))
        })();
        if let Err(e) = written {
            // A failed backup (disk full, say) leaves nothing behind: no partial file, no journal.
            for leftover in super::sqlite_files(&partial) {
                let _ = std::fs::remove_file(leftover);
            }
            return Err(map_disk_error(e, &dir));
        }
        rotate(&dir)?;
        Ok(target)
    }

    /// Replaces the library's content with a backup. The backup is checked completely first; the
    /// current content is itself backed up (returned path) before it is replaced.
    pub fn restore_backup(&mut self, backup_file: &Path) -> Result<PathBuf, LibraryError> {
        verify_backup(backup_file)?;
        let safety = self.backup(None)?;
        self.conn.restore(rusqlite::MAIN_DB, backup_file, None::<fn(rusqlite::backup::Progress)>)?;
        Ok(safety)
    }
}

/// A backup is usable when it is a sound SQLite file of a schema this version knows.
fn verify_backup(path: &Path) -> Result<(), LibraryError> {
    let bad = |reason: String| LibraryError::BadBackup { path: path.into(), reason };
    let header = header::read_and_validate(path).map_err(|e| bad(e.to_string()))?;
    if header.user_version == 0 || header.user_version > SCHEMA_VERSION {
        return Err(bad(format!("schema version {} (this Qalam knows 1 to {SCHEMA_VERSION})", header.user_version)));
    }
    // Immutable: the backup is only read, so SQLite takes no locks and makes no -wal or -shm
    // file beside it (a read-only open of a WAL file would leave both behind).
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(immutable_uri(path), flags).map_err(|e| bad(e.to_string()))?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| bad(e.to_string()))?;
    if verdict != "ok" {
        return Err(bad(verdict));
    }
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).map_err(|e| bad(e.to_string()))?;
    Ok(())
}

/// A `file:` URI that opens `path` read-only and immutable. Characters with a meaning in URIs
/// are percent-encoded; on Windows the drive path takes a leading slash.
pub(super) fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') && text.chars().nth(1) == Some(':') {
        uri.push('/');
    }
    for c in text.chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// SQLite reports a full disk as its own error; name the folder it happened in.
fn map_disk_error(e: LibraryError, dir: &Path) -> LibraryError {
    match &e {
        LibraryError::DiskFull => LibraryError::io(dir, std::io::Error::from(std::io::ErrorKind::StorageFull)),
        _ => e,
    }
}

/// Keeps the newest [`BACKUPS_KEPT`] backups in `dir`. Names sort by time, so the oldest go first.
fn rotate(dir: &Path) -> Result<(), LibraryError> {
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| LibraryError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("library-") && n.ends_with(BACKUP_SUFFIX))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(BACKUPS_KEPT);
    for old in &backups[..excess] {
        std::fs::remove_file(old).map_err(|e| LibraryError::io(old, e))?;
    }
    Ok(())
}
