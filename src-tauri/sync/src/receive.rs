//! Pulling: page after page of what changed on the desk since this library's cursor, each story
//! taken in exactly as a hand-off is (`Library::receive`): text kept, updated or marked in
//! conflict, new events appended. The cursor moves only after a page is taken in, so a pull cut
//! short resumes where it stopped, and taking a story in twice changes nothing.

use qalam_core::identity::Signed;
use qalam_core::library::handoff::{Incoming, TextOutcome};
use qalam_core::library::{Library, LibraryError};
use qalam_core::workflow::Event;
use qalam_desk_api::DeskStory;

use crate::client::DeskClient;
use crate::error::SyncError;
use qalam_core::article::picture_file::asset_hash;

/// Stories per page.
pub const PAGE: i64 = 100;
/// A bound on the pages one pull reads (a desk that keeps saying "more" cannot hold it forever).
pub const MAX_PAGES: usize = 10_000;

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Received {
    pub stories: usize,
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub conflicts: Vec<String>,
    pub events_added: usize,
}

pub async fn pull(library: &mut Library, client: &DeskClient) -> Result<Received, SyncError> {
    let mut received = Received::default();
    for _ in 0..MAX_PAGES {
        let cursor = library.desk_link()?.ok_or(SyncError::NotJoined)?.cursor;
        let page = client.pull(cursor, PAGE).await?;
        for story in &page.stories {
            take_in(library, client, story, &mut received).await?;
        }
        library.set_desk_cursor(page.cursor)?;
        if !page.more || page.stories.is_empty() {
            break;
        }
    }
    Ok(received)
}

async fn take_in(
    library: &mut Library,
    client: &DeskClient,
    desk: &DeskStory,
    received: &mut Received,
) -> Result<(), SyncError> {
    let story = &desk.story;
    let article = qalam_core::article::parse(&story.markdown)
        .map_err(|e| SyncError::Protocol { detail: format!("the desk's copy of {} does not read: {e}", story.id) })?;
    let mut pictures = Vec::new();
    for src in qalam_core::article::images::image_uses(&article).into_iter().map(|u| u.src) {
        let Some(hash) = asset_hash(&src) else { continue };
        match library.image(&src) {
            Ok(_) => {}
            Err(LibraryError::ImageNotFound { .. }) => pictures.push((src.clone(), client.get_blob(&hash).await?)),
            Err(e) => return Err(e.into()),
        }
    }
    let events =
        story.events.iter().map(|w| Event(Signed { body: w.body.clone(), signature: w.signature.clone() })).collect();
    // When the desk received each event: the time its signer's trust is judged at (an event the
    // desk took before a person was removed still counts here).
    let desk_times = story.events.iter().map(|w| w.received_at.unwrap_or_else(qalam_core::dates::now_ms)).collect();
    let outcome = library.receive(Incoming {
        id: story.id.clone(),
        article,
        pictures,
        events,
        desk_times,
        revision_hashes: story.revision_hashes.clone(),
    })?;
    library.set_desk_head(&story.id, &desk.head)?;
    received.stories += 1;
    received.events_added += outcome.events_added;
    match outcome.text {
        TextOutcome::Created => received.created.push(outcome.id),
        TextOutcome::Updated => received.updated.push(outcome.id),
        TextOutcome::Conflict => received.conflicts.push(outcome.id),
        TextOutcome::Kept => {}
    }
    Ok(())
}
