//! The delivery worker beside the window: `qalam-deliver`'s worker on Tauri's async runtime with
//! its own connection to the library file, telling the window each step (`delivery`) so the
//! dialog shows it as it happens.

use std::path::PathBuf;

use qalam_core::library::{Delivery, Library};
use qalam_deliver::worker::{self, DeliveryControl};
use serde::Serialize;
use tauri::{AppHandle, Emitter};

/// What the window hears; it then reads the deliveries again.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeliveryEvent {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub article_id: String,
    /// `picture 2/3`, `post`, or `ended`.
    pub step: String,
}

pub fn start(app: AppHandle, path: Option<PathBuf>) -> DeliveryControl {
    let control = DeliveryControl::default();
    if let Some(path) = path {
        let running = control.clone();
        let (on_step, on_end) = (app.clone(), app);
        tauri::async_runtime::spawn(async move {
            worker::run(
                move || Library::open_existing(&path),
                Box::new(move |d: &Delivery, step: &str| {
                    let _ = on_step.emit(
                        "delivery",
                        DeliveryEvent { id: d.id, article_id: d.article_id.clone(), step: step.into() },
                    );
                }),
                move |d, _| {
                    let _ = on_end.emit(
                        "delivery",
                        DeliveryEvent { id: d.id, article_id: d.article_id.clone(), step: "ended".into() },
                    );
                },
                running,
            )
            .await;
        });
    }
    control
}
