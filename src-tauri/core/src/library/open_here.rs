//! Which library files this process has open. On POSIX systems, closing *any* descriptor of a
//! file drops every lock the process holds on it (fcntl semantics) — the locks by which SQLite's
//! connections say "in use". A library opened a second time in one process (the app's sync and
//! delivery workers beside its window) that read the file's header with a descriptor of its own
//! took those locks away: another process (the CLI) then closed last, checkpointed and deleted the
//! write-ahead log, and the window's later saves went into a log no one would read again — lost.
//! So a second open here reads nothing with its own descriptors: the first open checked the very
//! same file (same device and inode), and said whether it may be written.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// A file's identity: device and inode (none where the platform has no such lock semantics).
type FileId = (u64, u64);

/// For each library file open here: how many `Library` values hold it, and whether it was opened
/// for writing.
static OPEN: Mutex<Option<HashMap<FileId, (usize, bool)>>> = Mutex::new(None);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    // stat(2): no descriptor is opened.
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// Whether this process has `path` open already, and if so whether for writing.
pub(super) fn already_open(path: &Path) -> Option<bool> {
    let id = file_id(path)?;
    let open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    open.as_ref()?.get(&id).map(|&(_, writable)| writable)
}

/// Held by a `Library` for as long as it is open.
pub(super) struct Registration(Option<FileId>);

pub(super) fn register(path: &Path, writable: bool) -> Registration {
    let Some(id) = file_id(path) else { return Registration(None) };
    let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
    let entry = open.get_or_insert_with(HashMap::new).entry(id).or_insert((0, writable));
    entry.0 += 1;
    Registration(Some(id))
}

impl Drop for Registration {
    fn drop(&mut self) {
        let Some(id) = self.0 else { return };
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(map) = open.as_mut() {
            if let Some(entry) = map.get_mut(&id) {
                entry.0 -= 1;
                if entry.0 == 0 {
                    map.remove(&id);
                }
            }
        }
    }
}
