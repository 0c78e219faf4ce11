//! The write-ahead log's checkpoints, away from the writer. SQLite's automatic checkpoint runs
//! inside the commit that crosses its threshold, so one save in thirty paid for copying megabytes
//! into the library file (the p99 of a save was three times its p50). Here the library's own
//! connection never checkpoints; a thread with a connection of its own does — passively, so it
//! never waits for a reader or holds up a writer — every few commits and whenever the writer goes
//! quiet. Nothing about durability changes: a committed transaction is in the log either way.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// Commits between two checkpoints at most (a save adds a few dozen pages to the log).
const COMMITS_PER_CHECKPOINT: u32 = 16;
/// How long the writer stays quiet before what the log holds is checkpointed.
const QUIET: Duration = Duration::from_millis(300);

pub(super) struct Checkpointer {
    nudge: Option<mpsc::SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing `path` beside `writer`, whose own checkpoints stop; None — the writer
    /// keeps SQLite's automatic ones — when a second connection cannot be had.
    pub(super) fn start(path: &Path, writer: &Connection) -> Option<Checkpointer> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).ok()?;
        conn.busy_timeout(Duration::from_secs(5)).ok()?;
        let (nudge, nudged) = mpsc::sync_channel::<()>(64);
        let thread = thread::Builder::new().name("qalam-checkpoint".into()).spawn(move || run(&conn, &nudged)).ok()?;
        let hook = nudge.clone();
        writer.commit_hook(Some(move || {
            let _ = hook.try_send(());
            false // let the commit go ahead
        }));
        if writer.pragma_update(None, "wal_autocheckpoint", 0).is_err() {
            writer.commit_hook(None::<fn() -> bool>);
        }
        Some(Checkpointer { nudge: Some(nudge), thread: Some(thread) })
    }
}

/// Checkpoints after `COMMITS_PER_CHECKPOINT` commits or a quiet moment, until the writer is gone.
fn run(conn: &Connection, nudged: &mpsc::Receiver<()>) {
    let mut pending = 0u32;
    loop {
        let next = if pending == 0 {
            nudged.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            nudged.recv_timeout(QUIET)
        };
        match next {
            Ok(()) => {
                pending += 1;
                if pending < COMMITS_PER_CHECKPOINT {
                    continue;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // A checkpoint that cannot finish (a reader on an old snapshot, a full disk) is simply
        // taken up again by the next one: the log keeps every page until then.
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        pending = 0;
    }
}

impl Drop for Checkpointer {
    /// The writer's connection is closed first (it holds the other sender, in its commit hook);
    /// then the thread ends, and its connection — the last — leaves the file checkpointed.
    fn drop(&mut self) {
        self.nudge.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
