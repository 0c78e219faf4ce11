//! A sync pass — send what is due, take the desk's people and exchange the house style, then pull — and how it ended, recorded for the window and
//! `qalam desk status`.

use qalam_core::identity::{Fingerprint, PublicKey};
use qalam_core::library::people::DeskKey;
use qalam_core::library::Library;
use qalam_core::workflow::Role;
use serde::Serialize;

use crate::error::SyncError;
use crate::join::client_for;
use crate::receive::{pull, Received};
use crate::send::{send, stored_error, Sent};
use crate::style::{exchange_style, StyleExchange};

#[derive(Debug, Default, Serialize)]
pub struct Pass {
    pub sent: usize,
    /// Articles whose copy the desk refused as not based on its head (merge, then they go).
    pub conflicts: Vec<String>,
    /// Rows the desk refused for good, with the reason.
    pub refused: Vec<(String, String)>,
    pub received: Received,
    /// Rows still waiting after the pass.
    pub waiting: i64,
    /// The desk's people changed since the last pass (someone added, removed, given a role).
    pub people_changed: bool,
    /// The house style: received from the desk, sent to it, or refused.
    pub style: StyleExchange,
}

/// Takes the desk's people into the library; true if anything changed.
pub async fn refresh_people(library: &mut Library, client: &crate::client::DeskClient) -> Result<bool, SyncError> {
    let keys = client.people().await?;
    let keys: Vec<DeskKey> = keys
        .into_iter()
        .filter_map(|k| {
            Some(DeskKey {
                fingerprint: Fingerprint(k.fingerprint),
                public_key: PublicKey(k.public_key),
                person_id: k.person_id,
                name: k.name,
                role: Role::parse(&k.role)?,
                revoked_at: k.revoked_at,
            })
        })
        .collect();
    Ok(library.take_desk_people(&keys)?)
}

/// One pass. `now`: every queued row is due, whatever its backoff (the user asked for a sync).
/// A passing trouble ends the pass early and is returned after being recorded; refusals of
/// single rows are reported in the pass and do not stop it.
pub async fn sync_once(library: &mut Library, now: bool) -> Result<Pass, SyncError> {
    let result = pass(library, now).await;
    match &result {
        Ok(_) => library.record_sync(None)?,
        Err(e) => library.record_sync(Some(&stored_error(e)))?,
    }
    result
}

async fn pass(library: &mut Library, now: bool) -> Result<Pass, SyncError> {
    let (_, client) = client_for(library)?;
    let mut report = Pass::default();
    // Each row leaves the queue, goes again once without an event the desk refused, or ends the
    // pass, so this bound is never the reason it stops.
    let bound = 2 * library.outbox_waiting()? + 1;
    for _ in 0..bound {
        let Some(item) = library.next_due(now)? else { break };
        match send(library, &client, &item).await {
            Ok(Sent::Done(_)) => report.sent += 1,
            Ok(Sent::Conflict { .. }) => report.conflicts.push(item.article_id.clone()),
            Err(e) if e.is_passing() || e.is_unauthorized() => return Err(e),
            Err(e) => report.refused.push((item.article_id.clone(), stored_error(&e))),
        }
    }
    // Whom the desk counts, and whom it removed, before its stories are taken in: every record is
    // judged here by the same people as there.
    report.people_changed = refresh_people(library, &client).await?;
    report.style = exchange_style(library, &client).await?;
    report.received = pull(library, &client).await?;
    report.waiting = library.outbox_waiting()?;
    Ok(report)
}
