//! `qalam correct ID --note TEXT`: the signed correction (`qalam_core::package::correct`), then
//! the corrected story queued to every target where it is public now — each update goes to the
//! same post, with the corrections at its end. The correction is recorded first: a site that is
//! down gets the update from the outbox later, and a correction is never lost for a site's sake.

use qalam_core::check::CheckSettings;
use qalam_core::library::{Delivery, Library, PostStatus, Signer, StepOutcome};

use crate::error::DeliverError;
use crate::queue::queue;

pub struct Corrected {
    pub step: StepOutcome,
    /// One queued delivery per target where the story is published (none: it was published
    /// elsewhere than a target of this library; deliver it again by hand).
    pub deliveries: Vec<Delivery>,
}

pub fn correct(
    library: &mut Library,
    article_id: &str,
    note: &str,
    signer: &Signer,
    settings: &CheckSettings,
) -> Result<Corrected, DeliverError> {
    let sites = library.published_on(article_id)?;
    let step = qalam_core::package::correct::correct(library, article_id, note, signer, settings)?;
    let mut deliveries = Vec::with_capacity(sites.len());
    for site in sites {
        deliveries.push(queue(library, article_id, &site, Some(PostStatus::Publish), None, settings)?);
    }
    Ok(Corrected { step, deliveries })
}
