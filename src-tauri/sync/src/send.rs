//! Sending one outbox row: the pictures the desk lacks (asked by hash, each sent once), then the
//! article's copy, based on the desk's head as this library last saw it. The row's end is
//! recorded in the library before this returns, whatever happened.

use qalam_core::library::{Library, OutboxItem, OutboxState, Story};
use qalam_desk_api::{PushRequest, PushResponse, WireEvent, WireStory};

use qalam_core::article::picture_file::asset_hash;

use crate::client::{DeskClient, Pushed};
use crate::error::SyncError;
use qalam_core::backoff;
use qalam_core::dates::now_ms;

pub enum Sent {
    Done(PushResponse),
    /// The desk had a newer text; the row waits for a merge.
    Conflict {
        head: String,
    },
}

/// Sends `item`; a passing failure schedules its retry, a refusal stops it, and either is
/// returned so the caller can say so.
pub async fn send(library: &mut Library, client: &DeskClient, item: &OutboxItem) -> Result<Sent, SyncError> {
    match try_send(library, client, item).await {
        Ok(Sent::Done(response)) => {
            // Only what the desk says it holds: a retry is answered with the first push's answer.
            library.on_desk(&response.held, response.received_at)?;
            library.set_desk_head(&item.article_id, &response.head)?;
            library.outbox_sent(item.seq)?;
            Ok(Sent::Done(response))
        }
        Ok(Sent::Conflict { head }) => {
            library.outbox_stop(item.seq, OutboxState::Conflict, &stored_error(&conflict_message()))?;
            Ok(Sent::Conflict { head })
        }
        Err(e) if refused_event(&e).is_some() => {
            // The desk does not count one of this story's events: the library keeps it aside
            // (shown with the desk's reason, never sent again) and the rest goes at once.
            let hash = refused_event(&e).unwrap_or_default().to_string();
            library.set_aside(&item.article_id, &hash, &stored_error(&e))?;
            library.outbox_retry(item.seq, &stored_error(&e), now_ms())?;
            Err(e)
        }
        Err(e) if e.is_passing() || e.is_unauthorized() => {
            let retry_at = now_ms() + backoff::delay_ms(item.attempts, backoff::jitter());
            library.outbox_retry(item.seq, &stored_error(&e), retry_at)?;
            Err(e)
        }
        Err(e) => {
            library.outbox_stop(item.seq, OutboxState::Refused, &stored_error(&e))?;
            Err(e)
        }
    }
}

/// The event a push was refused for, when the desk named one.
fn refused_event(e: &SyncError) -> Option<&str> {
    match e {
        SyncError::Desk { error, .. } if error.code == "event-refused" => error.event.as_deref(),
        _ => None,
    }
}

/// Pushes the story with the events the desk does not hold.
async fn try_send(library: &mut Library, client: &DeskClient, item: &OutboxItem) -> Result<Sent, SyncError> {
    // An article purged since its row was queued is a refusal of that row, not a passing trouble.
    let story = library.story(&item.article_id)?;
    upload_pictures(library, client, &story).await?;
    let request = PushRequest {
        client_id: item.client_id.clone(),
        based_on: library.desk_head(&story.id)?,
        story: wire_story(&story),
    };
    Ok(match client.push(&request).await? {
        Pushed::Done(response) => Sent::Done(response),
        Pushed::Conflict { head } => Sent::Conflict { head },
    })
}

async fn upload_pictures(library: &mut Library, client: &DeskClient, story: &Story) -> Result<(), SyncError> {
    let by_hash: Vec<(String, &String)> =
        story.pictures.iter().filter_map(|src| Some((asset_hash(src)?, src))).collect();
    if by_hash.is_empty() {
        return Ok(());
    }
    let missing = client.missing(by_hash.iter().map(|(h, _)| h.clone()).collect()).await?;
    for hash in missing {
        let Some((_, src)) = by_hash.iter().find(|(h, _)| *h == hash) else { continue };
        let (bytes, _) = library.image(src)?;
        client.put_blob(&hash, bytes).await?;
    }
    Ok(())
}

pub fn wire_story(story: &Story) -> WireStory {
    WireStory {
        id: story.id.clone(),
        markdown: story.markdown.clone(),
        events: story
            .events
            .iter()
            .map(|e| WireEvent { body: e.0.body.clone(), signature: e.0.signature.clone(), received_at: None })
            .collect(),
        revision_hashes: story.revision_hashes.clone(),
        pictures: story.pictures.clone(),
    }
}

fn conflict_message() -> SyncError {
    SyncError::Desk {
        status: 409,
        error: qalam_desk_api::ApiError {
            code: "conflict".into(),
            message: "the story changed on the desk since this copy was made: merge, then it goes again".into(),
            message_ar: "تغيّرت القصة في المكتب منذ هذه النسخة: ادمج النسختين لتُرسل من جديد".into(),
            event: None,
        },
    }
}

/// An error as the outbox keeps it ([`qalam_core::lang::stored_error`]).
pub fn stored_error(e: &SyncError) -> String {
    qalam_core::lang::stored_error(&e.code(), e)
}

pub use qalam_core::lang::stored_error_text as error_text;
