//! The local library: one SQLite file per user holding every article's working copy, its
//! revisions and the Arabic search index.
//!
//! - [`open`] validates a file before SQLite may touch it, then applies the schema migrations.
//! - [`articles`] (the working copies: load, list, trash, purge) and `save.rs` (import, save with
//!   the conflict check, restore); [`revision_rule`] decides when a save records a revision.
//! - [`revisions`] keeps the history.
//! - [`profile`] and `people.rs`: who works in this library and whom it trusts; [`workflow`]:
//!   review steps as signed events (`events.rs`, append-only).
//! - [`search_index`]: keeping the normalized shadow index in step, and ranked search.
//! - [`story`], [`desk_link`] and [`outbox`]: the shared desk — what travels to it, where it is,
//!   and what waits to be sent (`handoff.rs` takes in what comes back).
//! - [`backup`]: rotating online backups and restoring from one.
//! - [`assets`]: pictures kept inside the library; `with_pictures`: an article arriving with its own.
//!
//! Invariant: every write is one transaction; a save is acknowledged only after it commits, and
//! WAL mode keeps committed transactions through a crash of the process.

pub mod articles;
pub mod assets;
pub mod backup;
mod checkpoint;
pub mod comments;
pub mod deliveries;
pub mod desk_link;
pub mod embargo;
pub mod error;
mod events;
pub mod handoff;
mod header;
pub mod house_style;
mod migrations;
pub mod notes;
pub mod open;
mod open_here;
pub mod outbox;
pub mod people;
pub mod profile;
pub mod remote_ids;
pub mod review_error;
pub mod review_state;
pub mod revision_rule;
pub mod revisions;
mod save;
pub mod search_index;
mod standing;
pub mod story;
pub mod suggestions;
pub mod targets;
pub mod wal;
mod with_pictures;
pub mod workflow;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use articles::{ArticleStatus, ArticleSummary, ImportOutcome, ListFilter, SaveKind, SaveOutcome, StoredArticle};
pub use assets::StoredImage;
pub use deliveries::{public_states, Delivery, DeliveryState, NewDelivery, PublicState};
pub use desk_link::{DeskLink, Joined};
pub use error::LibraryError;
pub use outbox::{OutboxItem, OutboxState};
pub use profile::{Profile, Signer};
pub use remote_ids::{RemoteId, RemoteKind};
pub use review_error::ReviewError;
pub use revisions::{ExportSource, RevisionInfo};
pub use search_index::SearchHit;
pub use story::Story;
pub use targets::{Destination, PostStatus, Target, TargetKind};
pub use with_pictures::{ArrivalOutcome, IfExists};
pub use workflow::StepOutcome;

/// `path` with `suffix` appended to its file name (`library.sqlite3` → `library.sqlite3-wal`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A database file and the files SQLite may keep beside it.
pub(crate) fn sqlite_files(path: &Path) -> [PathBuf; 4] {
    ["", "-journal", "-wal", "-shm"].map(|suffix| with_suffix(path, suffix))
}

/// Milliseconds since the Unix epoch; injectable so the autosave revision rule can be tested.
pub type Clock = Box<dyn Fn() -> i64 + Send>;

pub fn system_clock() -> Clock {
    Box::new(crate::dates::now_ms)
}

/// An open library.
pub struct Library {
    /// Declared first, so it is closed before the checkpointer's connection (see `checkpoint.rs`).
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    /// Held for its thread (none for a library opened read-only, or where a second connection
    /// could not be had).
    _checkpointer: Option<checkpoint::Checkpointer>,
    /// Last, so the library counts as open here until its connections are closed.
    _open_here: open_here::Registration,
}

impl Library {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the clock (tests of time-based rules).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub(crate) fn now(&self) -> i64 {
        (self.clock)()
    }

    /// SQLite's own full consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, LibraryError> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

/// Where the library is, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryLocation {
    /// Named by the user (`--library`, `QALAM_LIBRARY`): used exactly as given, no folder made.
    Named(PathBuf),
    /// `qalam/library.sqlite3` under the platform's data directory: its folders may be made.
    Default(PathBuf),
}

impl LibraryLocation {
    /// The path given, else `QALAM_LIBRARY`, else the default under `data_dir`.
    pub fn resolve(given: Option<PathBuf>, data_dir: Option<PathBuf>) -> Option<LibraryLocation> {
        given
            .or_else(|| std::env::var_os("QALAM_LIBRARY").filter(|p| !p.is_empty()).map(PathBuf::from))
            .map(LibraryLocation::Named)
            .or_else(|| data_dir.map(|d| LibraryLocation::Default(d.join("qalam").join("library.sqlite3"))))
    }

    pub fn path(&self) -> &Path {
        match self {
            LibraryLocation::Named(p) | LibraryLocation::Default(p) => p,
        }
    }

    /// Opens the library there, creating it if there is none: in the folder named (which must
    /// exist), or, for the default location, with its folders.
    pub fn open_or_create(&self) -> Result<Library, LibraryError> {
        if let LibraryLocation::Default(path) = self {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| LibraryError::io(dir, e))?;
            }
        }
        Library::open(self.path())
    }

    /// Opens the library there only if it exists (verbs that read create nothing).
    pub fn open_existing(&self) -> Result<Library, LibraryError> {
        Library::open_existing(self.path())
    }
}
