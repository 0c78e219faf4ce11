//! The app's delivery worker: a tokio task that runs the outbox of deliveries when woken (the
//! user delivered or retried), when a delivery's next attempt comes due, and after a restart —
//! on its own library connection, so the window never waits on a site. A run is bounded (each
//! row once), and between runs it sleeps until the next row is due, at most [`LOOK_EVERY`].

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use qalam_core::library::{Delivery, Library, LibraryError};
use tokio::sync::Notify;

use crate::run::run as run_outbox;
use qalam_core::dates::now_ms;

use crate::send::{Progress, Sender, Sent};

/// How often the worker looks for a delivery that has come due.
pub const LOOK_EVERY: Duration = Duration::from_secs(5);

#[derive(Clone, Default)]
pub struct DeliveryControl {
    wake: Arc<Notify>,
    stopped: Arc<AtomicBool>,
}

impl DeliveryControl {
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }
}

/// Runs until stopped. `progress` hears each step of a delivery; `ended` each delivery's end.
pub async fn run(
    open: impl Fn() -> Result<Library, LibraryError>,
    progress: Progress,
    ended: impl Fn(&Delivery, &Sent),
    control: DeliveryControl,
) {
    let mut sender = Sender::new(progress);
    let mut kept: Option<Library> = None;
    while !control.stopped.load(Ordering::SeqCst) {
        if kept.is_none() {
            kept = open().ok();
        }
        let mut sleep = LOOK_EVERY;
        if let Some(library) = kept.as_mut() {
            match run_outbox(library, &mut sender, None, false).await {
                Ok(tried) => {
                    for (delivery, sent) in &tried {
                        ended(delivery, sent);
                    }
                    if let Ok(Some(next)) = library.next_delivery_attempt() {
                        let wait = (next - now_ms()).clamp(100, LOOK_EVERY.as_millis() as i64);
                        sleep = Duration::from_millis(wait as u64);
                    }
                }
                Err(_) => kept = None,
            }
        }
        tokio::select! {
            _ = control.wake.notified() => {}
            _ = tokio::time::sleep(sleep) => {}
        }
    }
}
