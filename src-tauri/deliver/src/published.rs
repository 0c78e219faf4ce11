//! A story delivered to a site as published *is* published: the record takes the publish step
//! then (signed by whoever delivered it, checked by the one rule), so its later life — an update,
//! a correction — knows it was public. A delivery the site holds for later (scheduled, or under
//! embargo) is not yet published, and neither is a draft.

use qalam_core::library::{Delivery, DeliveryState, Library, PostStatus, ReviewError, Signer};
use qalam_core::workflow::Action;

/// Whether delivering `delivery` made the story public now and its record does not say so yet
/// (the rules allow the publish step from where it stands).
pub fn publication_step_due(library: &Library, delivery: &Delivery, now: i64) -> Result<bool, ReviewError> {
    let public_now = delivery.state == DeliveryState::Delivered
        && delivery.status == PostStatus::Publish
        && delivery.publish_at.is_none_or(|at| at <= now);
    if !public_now || library.profile()?.is_none() {
        return Ok(false);
    }
    if library.embargo(&delivery.article_id)?.and_then(|e| e.holding_at(now)).is_some() {
        return Ok(false);
    }
    Ok(library.allowed(&delivery.article_id, Action::Publish)?.is_ok())
}

/// After `delivery` ended: the publish step it made due, signed by the signer `signer` gives —
/// asked for only when the step is due (a key file's passphrase is not asked for nothing). The
/// new event's hash, or none when nothing was due. `qalam deliver` and the window's delivery both
/// come here.
pub fn record_publication<E: From<ReviewError>>(
    library: &mut Library,
    delivery: &Delivery,
    now: i64,
    signer: impl FnOnce(&Library) -> Result<Signer, E>,
) -> Result<Option<String>, E> {
    if !publication_step_due(library, delivery, now)? {
        return Ok(None);
    }
    let signer = signer(library)?;
    Ok(Some(library.act(&delivery.article_id, Action::Publish, None, &signer)?.event))
}
