//! Taking a story down from a site (`qalam unpublish ID --to NAME --reason TEXT`): the post leaves
//! public view — back to a draft on WordPress, never deleted, so its address and history stay —
//! and the story's record says who took it down and why: a signed take-down step, after which
//! republishing is a new approval. Whether the person may take it down is asked of the one rule
//! first; the site is changed next (a take-down that matters is the one readers see), and then the
//! step is recorded — so a site that fails leaves nothing claimed, and trying again is safe.

use std::time::Duration;

use qalam_core::library::{Destination, Library, RemoteKind, Signer};
use qalam_core::package::PackageError;
use qalam_core::workflow::Action;
use serde_json::json;

use crate::error::DeliverError;
use crate::secret;
use crate::wordpress::client::WpClient;

/// What a take-down did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TakenDown {
    /// The WordPress post now a draft; none for a webhook, which was sent a kill notice.
    pub post_id: Option<u64>,
    /// The post's status on the site now (`draft`), or `canceled` (the kill notice's ninjs status).
    pub status: String,
    /// The signed take-down step on the record.
    pub event: String,
}

pub async fn unpublish(
    library: &mut Library,
    article_id: &str,
    target_name: &str,
    reason: &str,
    signer: &Signer,
    timeout: Duration,
) -> Result<TakenDown, DeliverError> {
    let refusal = |e: qalam_core::library::ReviewError| DeliverError::Package(PackageError::from(e));
    let target = library.target(target_name)?.ok_or_else(|| DeliverError::NoTarget { name: target_name.into() })?;
    // Refused by the rules (not an editor, not published, no reason) before the site is touched.
    if !qalam_core::workflow::says_why(Some(reason)) {
        let no_reason = qalam_core::workflow::Refusal::NoteRequired { action: Action::TakeDown };
        return Err(refusal(qalam_core::library::ReviewError::Refused { id: article_id.into(), refusal: no_reason }));
    }
    if reason.trim().chars().count() > qalam_core::publish::life::MAX_NOTE_CHARS {
        let limit = qalam_core::publish::life::MAX_NOTE_CHARS;
        return Err(refusal(qalam_core::library::ReviewError::NoteTooLong { limit }));
    }
    if let Err(why) = library.allowed(article_id, Action::TakeDown).map_err(refusal)? {
        return Err(refusal(qalam_core::library::ReviewError::Refused { id: article_id.into(), refusal: why }));
    }
    let not_there = || DeliverError::NotOnSite { target: target.name.clone() };
    let (post_id, status) = match &target.destination {
        Destination::Wordpress { url, user } => {
            let post = library
                .remote_id(target.destination.address(), RemoteKind::Post, article_id)?
                .and_then(|r| r.remote_id.parse::<u64>().ok())
                .ok_or_else(not_there)?;
            let mut client = WpClient::new(url, user, secret::load(&target.name, url)?, timeout)?;
            let mut change = json!({ "status": "draft" });
            // With the Qalam plugin, the site keeps it a draft until an approval newer than this.
            if client.discover().await?.iter().any(|n| n == crate::wordpress::check::PLUGIN_NAMESPACE) {
                let mark =
                    json!({ "time": qalam_core::dates::now_ms(), "by": signer.profile.person.name, "reason": reason });
                change["meta"] = json!({ "qalam_taken_down": mark.to_string() });
            }
            let done = client.update_post(post, &change).await?.ok_or_else(not_there)?;
            (Some(done.id), "draft")
        }
        Destination::Webhook { url } => {
            // Only a receiver the story reached is told to take it down.
            let reached = library
                .deliveries(Some(article_id), 1_000)?
                .iter()
                .any(|d| d.target == target.name && d.state == qalam_core::library::DeliveryState::Delivered);
            if !reached {
                return Err(not_there());
            }
            let notice = kill_notice(article_id, reason, &signer.profile.person.name);
            let client = crate::http::client(timeout)?;
            let key = secret::load(&target.name, url)?;
            let name = format!("{article_id}-takedown-{}", qalam_core::dates::now_ms());
            crate::webhook::deliver(&client, url, &key, &name, notice.as_bytes()).await?;
            (None, "canceled")
        }
        Destination::Folder { .. } => return Err(not_there()),
    };
    library.mark_taken_down(article_id, &target.name)?;
    let step = library.act(article_id, Action::TakeDown, Some(reason), signer).map_err(refusal)?;
    Ok(TakenDown { post_id, status: status.into(), event: step.event })
}

/// A kill notice as a webhook receives it: the story's ninjs identity with `pubStatus: canceled`
/// (ninjs's word for a story withdrawn), and who took it down and why — signed like every
/// delivery to that receiver.
fn kill_notice(article_id: &str, reason: &str, by: &str) -> String {
    json!({
        "standard": { "name": "ninjs", "version": "3.1", "schema": qalam_core::package::ninjs::NINJS_SCHEMA_URI },
        "uri": format!("urn:qalam:article:{article_id}"),
        "type": "text",
        "pubStatus": "canceled",
        "versionCreated": qalam_core::dates::iso_time(qalam_core::dates::now_ms()),
        "ednote": reason,
        "qalam": { "takedown": { "reason": reason, "by": by } },
    })
    .to_string()
}
