//! The app's sync worker: a tokio task that sends what is due and pulls — at start, on a timer,
//! when the desk says something changed, when the app says the user changed something — with
//! the outbox's backoff deciding when a failed row is tried again. It opens its own connection
//! to the library (SQLite in WAL mode takes several), so the window's never waits on the network.

use std::sync::Arc;
use std::time::Duration;

use qalam_core::library::{Library, LibraryError};
use tokio::sync::Notify;

use crate::error::SyncError;
use crate::join::client_for;
use crate::run::{sync_once, Pass};

/// How often the worker pulls when nothing else wakes it.
pub const PULL_EVERY: Duration = Duration::from_secs(30);

/// Wakes and stops a running worker.
#[derive(Clone, Default)]
pub struct WorkerControl {
    wake: Arc<Notify>,
    stop: Arc<Notify>,
    stopped: Arc<std::sync::atomic::AtomicBool>,
}

impl WorkerControl {
    /// Sync now (a change was queued, the user joined a desk, the network came back).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn stop(&self) {
        self.stopped.store(true, std::sync::atomic::Ordering::SeqCst);
        self.stop.notify_waiters();
        self.wake.notify_one();
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// How often the worker looks in the outbox for a row that has come due (a query, no network).
pub const LOOK_EVERY: Duration = Duration::from_secs(2);

/// Runs until stopped. `open` gives the worker its own library connection; `report` hears how
/// every pass ended (the window shows it). A pass runs when a row is due, when the desk or the
/// app woke the worker, or every [`PULL_EVERY`].
pub async fn run(
    open: impl Fn() -> Result<Library, LibraryError>,
    report: impl Fn(Result<&Pass, &SyncError>),
    control: WorkerControl,
) {
    let mut listening: Option<tokio::task::JoinHandle<()>> = None;
    let mut last_pass: Option<std::time::Instant> = None;
    let mut woken = true;
    // Opened once and kept (opening validates the file and reads its WAL); opened again only
    // after a pass failed on the library itself.
    let mut kept: Option<Library> = None;
    while !control.is_stopped() {
        if kept.is_none() {
            kept = open().ok();
        }
        if let Some(library) = kept.as_mut() {
            if library.desk_link().ok().flatten().is_none() {
                if let Some(task) = listening.take() {
                    task.abort();
                }
                last_pass = None;
            } else {
                if listening.as_ref().is_none_or(|t| t.is_finished()) {
                    listening = client_for(library).ok().map(|(_, client)| {
                        let wake = control.clone();
                        tokio::spawn(async move {
                            let _ = client.changes(|_| wake.wake()).await;
                        })
                    });
                }
                let due = library.next_due(false).ok().flatten().is_some();
                let pull_due = last_pass.is_none_or(|t| t.elapsed() >= PULL_EVERY);
                if woken || due || pull_due {
                    let result = sync_once(library, false).await;
                    report(result.as_ref());
                    last_pass = Some(std::time::Instant::now());
                    if matches!(result, Err(SyncError::Library(_))) {
                        kept = None;
                    }
                }
            }
        }
        woken = wait(&control, LOOK_EVERY).await;
    }
    if let Some(task) = listening {
        task.abort();
    }
}

/// Waits at most `at_most`; true if woken rather than timed out.
async fn wait(control: &WorkerControl, at_most: Duration) -> bool {
    tokio::select! {
        _ = tokio::time::sleep(at_most) => false,
        _ = control.wake.notified() => true,
        _ = control.stop.notified() => true,
    }
}
