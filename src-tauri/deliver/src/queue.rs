//! `deliver ID --to NAME [--status S]`: the package of the article's current revision is made and
//! kept in a new delivery row, with the status it will take — `publish` only for an approved
//! revision, anything else only when the user (or the target's default) says so.

use qalam_core::check::CheckSettings;
use qalam_core::library::{Delivery, Library, NewDelivery, PostStatus};
use qalam_core::package::deliverable::{deliverable, delivery_status};

use crate::error::{DeliverError, ScheduleProblem};

/// Whether a publishing delivery may wait for `at`: a WordPress site schedules it, and never
/// before the story's embargo ends.
fn schedulable(
    library: &Library,
    article_id: &str,
    target: &qalam_core::library::Target,
    status: PostStatus,
    at: Option<i64>,
) -> Result<(), DeliverError> {
    let bad = |why| Err(DeliverError::BadSchedule { why });
    if status != PostStatus::Publish {
        return bad(ScheduleProblem::NotPublishing);
    }
    if !matches!(target.destination, qalam_core::library::Destination::Wordpress { .. }) {
        return bad(ScheduleProblem::NotAWordPressSite);
    }
    if let Some(at) = at {
        qalam_core::workflow::embargo::plausible(at, qalam_core::dates::now_ms())
            .map_err(|p| DeliverError::BadSchedule { why: ScheduleProblem::NotAhead(p) })?;
    }
    let embargo = library.embargo(article_id).map_err(qalam_core::package::PackageError::from)?;
    if let (Some(e), Some(at)) = (embargo, at) {
        if at < e.until {
            return bad(ScheduleProblem::BeforeEmbargo { until: e.until });
        }
    }
    Ok(())
}

pub fn queue(
    library: &mut Library,
    article_id: &str,
    target_name: &str,
    asked: Option<PostStatus>,
    at: Option<i64>,
    settings: &CheckSettings,
) -> Result<Delivery, DeliverError> {
    let target = library.target(target_name)?.ok_or_else(|| DeliverError::NoTarget { name: target_name.into() })?;
    let made = deliverable(library, article_id, settings)?;
    let status = delivery_status(asked, target.default_status, made.approved)
        .map_err(|_| DeliverError::NotApproved { id: article_id.into() })?;
    if at.is_some() {
        schedulable(library, article_id, &target, status, at)?;
    }
    // Only a WordPress site holds a story until its embargo ends; elsewhere publishing waits.
    let is_site = matches!(target.destination, qalam_core::library::Destination::Wordpress { .. });
    if status == PostStatus::Publish && !is_site {
        let embargo = library.embargo(article_id).map_err(qalam_core::package::PackageError::from)?;
        if let Some(until) = embargo.and_then(|e| e.holding_at(qalam_core::dates::now_ms())) {
            return Err(DeliverError::BadSchedule { why: ScheduleProblem::EmbargoedHere { until } });
        }
    }
    let id = library.queue_delivery(&NewDelivery {
        article_id,
        revision: made.revision,
        title: &made.title,
        target: &target.name,
        status,
        approved: made.approved,
        package: &made.zip,
        content_hash: &made.content_hash,
        publish_at: at,
        corrections: made.corrections,
    })?;
    library.delivery(id)?.ok_or(DeliverError::NoDelivery { id })
}
