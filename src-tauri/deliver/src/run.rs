//! A run of the outbox: every delivery due, one after another (so each target has at most one
//! request from here in flight), each claimed first so another process running the outbox at
//! the same time takes other rows.

use qalam_core::library::{Delivery, Library};

use crate::error::DeliverError;
use crate::send::{Sender, Sent};

/// Sends what is due (`only`: that delivery alone; `now`: whatever its backoff) and returns each
/// delivery tried with its end. Bounded: each row is tried at most once per run.
pub async fn run(
    library: &mut Library,
    sender: &mut Sender,
    only: Option<i64>,
    now: bool,
) -> Result<Vec<(Delivery, Sent)>, DeliverError> {
    let mut tried: Vec<(Delivery, Sent)> = Vec::new();
    let bound = library.deliveries_waiting()? as usize;
    while tried.len() < bound {
        let Some(delivery) = library.claim_delivery(only, now)? else { break };
        if tried.iter().any(|(d, _)| d.id == delivery.id) {
            break;
        }
        let sent = sender.send(library, &delivery).await?;
        tried.push((delivery, sent));
    }
    Ok(tried)
}
