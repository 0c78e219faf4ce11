//! `deliver ID --to NAME [--status S]`: the package of the article's current revision is made and
//! kept in a new delivery row, with the status it will take — `publish` only for an approved
//! revision, anything else only when the user (or the target's default) says so.

use qalam_core::check::CheckSettings;
use qalam_core::library::{Delivery, Library, NewDelivery, PostStatus};
use qalam_core::package::deliverable::{deliverable, delivery_status};

use crate::error::DeliverError;

pub fn queue(
    library: &mut Library,
    article_id: &str,
    target_name: &str,
    asked: Option<PostStatus>,
    settings: &CheckSettings,
) -> Result<Delivery, DeliverError> {
    let target = library.target(target_name)?.ok_or_else(|| DeliverError::NoTarget { name: target_name.into() })?;
    let made = deliverable(library, article_id, settings)?;
    let status = delivery_status(asked, target.default_status, made.approved)
        .map_err(|_| DeliverError::NotApproved { id: article_id.into() })?;
    let id = library.queue_delivery(&NewDelivery {
        article_id,
        revision: made.revision,
        title: &made.title,
        target: &target.name,
        status,
        approved: made.approved,
        package: &made.zip,
        content_hash: &made.content_hash,
    })?;
    library.delivery(id)?.ok_or(DeliverError::NoDelivery { id })
}
