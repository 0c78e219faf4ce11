//! The sync worker beside the window: `qalam-sync`'s worker on Tauri's async runtime, with its
//! own connection to the library file, telling the window after every pass (`desk-sync`) so it
//! can show the sync state and take in what arrived.

use std::path::PathBuf;

use qalam_core::library::Library;
use qalam_sync::style::StyleExchange;
use qalam_sync::worker::{self, WorkerControl};
use serde::Serialize;
use tauri::{AppHandle, Emitter};

/// What the window hears after a pass; it then asks for the full state in its language.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeskSyncEvent {
    pub ok: bool,
    /// Stories that arrived or changed (the window refreshes its lists if any did).
    pub received: Vec<String>,
    pub conflicts: Vec<String>,
    /// A newer house style arrived: the window checks the open story again.
    pub style_received: bool,
}

pub struct DeskSync {
    pub control: WorkerControl,
}

impl DeskSync {
    /// Starts the worker over the library at `path` (none: the library did not open; there is
    /// nothing to sync).
    pub fn start(app: AppHandle, path: Option<PathBuf>) -> DeskSync {
        let control = WorkerControl::default();
        if let Some(path) = path {
            let running = control.clone();
            tauri::async_runtime::spawn(async move {
                worker::run(
                    move || Library::open_existing(&path),
                    move |result| {
                        let event = match result {
                            Ok(pass) => {
                                let r = &pass.received;
                                DeskSyncEvent {
                                    ok: true,
                                    received: r.created.iter().chain(&r.updated).chain(&r.conflicts).cloned().collect(),
                                    conflicts: pass.conflicts.iter().chain(&r.conflicts).cloned().collect(),
                                    style_received: pass.style == StyleExchange::Received,
                                }
                            }
                            Err(_) => {
                                DeskSyncEvent { ok: false, received: vec![], conflicts: vec![], style_received: false }
                            }
                        };
                        let _ = app.emit("desk-sync", event);
                    },
                    running,
                )
                .await;
            });
        }
        DeskSync { control }
    }
}
