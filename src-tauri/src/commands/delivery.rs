//! Delivery to CMSs in the window: the targets (Settings → Targets), delivering a story from its
//! dialog, and the deliveries with their state, last error (in the window's language), retry and
//! cancel. Sending happens in the delivery worker on its own connection; these commands queue,
//! read and change rows, and wake it.

use std::collections::BTreeMap;

use qalam_core::dates::display_local_time;
use qalam_core::lang::Localized;
use qalam_core::library::{public_states, Delivery, DeliveryState, Destination, PostStatus, PublicState, Target};
use qalam_core::zoned::{display_in_zone, Tz};
use qalam_core::Lang;
use qalam_deliver::error::stored_text;
use qalam_deliver::targets::{self, NewTarget};
use qalam_deliver::worker::DeliveryControl;
use qalam_deliver::DeliverError;
use serde::{Deserialize, Serialize};
use tauri::State;
use zeroize::Zeroizing;

use super::ArticleRef;
use crate::interface_language::ShellLang;
use crate::ipc_error::{ErrorCode, IpcError};
use crate::state::{AppState, OrIpc};
use crate::validate;

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeliveryRow {
    #[cfg_attr(test, ts(type = "number"))]
    pub id: i64,
    pub article_id: String,
    pub title: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub revision: i64,
    pub target: String,
    pub status: PostStatus,
    pub state: DeliveryState,
    pub sending: bool,
    pub step: Option<String>,
    pub error: Option<String>,
    pub url: Option<String>,
    pub time_label: String,
    /// What readers of the site see of it: scheduled, published, corrected or taken down.
    pub public: Option<PublicState>,
    /// That, in words, with the scheduled time in the publication's zone.
    pub public_label: Option<String>,
}

/// A delivery as the window shows it; `public`: what readers see of it (for the newest of its story
/// and target only, see `public_states`).
fn row(d: &Delivery, public: Option<PublicState>, lang: Lang, zone: Tz) -> DeliveryRow {
    let public_label = public.map(|p| match (p, d.publish_at) {
        (PublicState::Scheduled, Some(at)) => format!("{} {}", p.label(lang), display_in_zone(at, zone, lang)),
        _ => p.label(lang).to_string(),
    });
    DeliveryRow {
        id: d.id,
        article_id: d.article_id.clone(),
        title: d.title.clone(),
        revision: d.revision,
        target: d.target.clone(),
        status: d.status,
        state: d.state,
        sending: d.sending,
        step: d.step.clone(),
        error: d.last_error.as_deref().filter(|_| d.state != DeliveryState::Delivered).map(|e| stored_text(e, lang)),
        url: d.remote_url.clone(),
        time_label: display_local_time(d.done_at.unwrap_or(d.created_at), lang),
        public,
        public_label,
    }
}

/// The publication's zone, where scheduled times are shown.
fn zone_of(lib: &qalam_core::library::Library) -> Tz {
    lib.check_settings().map_or_else(|_| qalam_core::zoned::zone_or_default(None), |s| s.style.zone())
}

pub(super) fn deliver_error(e: DeliverError, lang: Lang) -> IpcError {
    IpcError::new(ErrorCode::Failed, e.message(lang))
}

#[tauri::command]
pub fn list_targets(state: State<'_, AppState>, lang: ShellLang) -> Result<Vec<Target>, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| lib.targets().or_ipc(lang))
}

/// What `add_target` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct AddTargetArgs {
    pub name: String,
    pub destination: Destination,
    pub secret: Option<String>,
    pub default_status: PostStatus,
    pub categories: BTreeMap<String, String>,
}

/// Adds a target; its password or key goes into the keychain, never into the library.
#[tauri::command]
pub fn add_target(state: State<'_, AppState>, args: AddTargetArgs, lang: ShellLang) -> Result<Target, IpcError> {
    let AddTargetArgs { name, destination, secret, default_status, categories } = args;
    let lang: Lang = lang.into();
    validate::short(&name, 200, lang)?;
    match &destination {
        Destination::Wordpress { url, user } => {
            validate::short(url, 2_000, lang)?;
            validate::short(user, 2_000, lang)?
        }
        Destination::Folder { folder } => validate::short(folder, 2_000, lang)?,
        Destination::Webhook { url } => validate::short(url, 2_000, lang)?,
    }
    validate::short(secret.as_deref().unwrap_or(""), 2_000, lang)?;
    if categories.len() > 200 {
        return Err(IpcError::invalid(lang, "أقسام أكثر من المسموح", "more sections than allowed"));
    }
    for (section, category) in &categories {
        validate::short(section, 200, lang)?;
        validate::short(category, 200, lang)?;
    }
    let secret = secret.map(Zeroizing::new);
    state.with_library(lang, |lib| {
        let new = NewTarget { name, destination, default_status, categories, secret };
        targets::add(lib, new).map_err(|e| deliver_error(e, lang))
    })
}

/// What `remove_target` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RemoveTargetArgs {
    pub name: String,
}

#[tauri::command]
pub fn remove_target(state: State<'_, AppState>, args: RemoveTargetArgs, lang: ShellLang) -> Result<(), IpcError> {
    let RemoveTargetArgs { name } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| targets::remove(lib, &name).map(drop).map_err(|e| deliver_error(e, lang)))
}

/// What `test_target` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct TestTargetArgs {
    pub name: String,
}

/// What the target answered, in one sentence for the settings.
#[tauri::command]
pub async fn test_target(
    state: State<'_, AppState>,
    args: TestTargetArgs,
    lang: ShellLang,
) -> Result<String, IpcError> {
    let TestTargetArgs { name } = args;
    let lang: Lang = lang.into();
    let target = state.with_library(lang, |lib| targets::named(lib, &name).map_err(|e| deliver_error(e, lang)))?;
    let report =
        targets::test(target, qalam_deliver::http::REQUEST_TIMEOUT).await.map_err(|e| deliver_error(e, lang))?;
    Ok(report.lines(lang).join(lang.pick("؛ ", "; ")))
}

/// What `deliver_article` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeliverArticleArgs {
    pub id: String,
    pub target: String,
    pub status: Option<PostStatus>,
    /// Schedule: the site publishes it then, not before — a local time in the publication's zone
    /// (`2026-12-07T06:00`, what a date-time field gives) or ISO 8601 with its offset.
    pub at: Option<String>,
}

/// Queues a delivery of the story's current revision and wakes the worker.
#[tauri::command]
pub fn deliver_article(
    state: State<'_, AppState>,
    worker: State<'_, DeliveryControl>,
    args: DeliverArticleArgs,
    lang: ShellLang,
) -> Result<DeliveryRow, IpcError> {
    let DeliverArticleArgs { id, target, status, at } = args;
    let lang: Lang = lang.into();
    validate::id(&id, lang)?;
    validate::short(&target, 200, lang)?;
    if let Some(at) = &at {
        validate::short(at, 64, lang)?;
    }
    let queued = state.with_library(lang, |lib| {
        let settings = lib.check_settings().or_ipc(lang)?;
        let zone = settings.style.zone();
        let at = at
            .as_deref()
            .map(|text| qalam_core::zoned::parse_user_time(text, zone))
            .transpose()
            .map_err(|p| IpcError::new(ErrorCode::InvalidInput, p.message(lang)))?;
        qalam_deliver::queue::queue(lib, &id, &target, status, at, &settings)
            .map(|d| row(&d, d.public_state(qalam_core::dates::now_ms()), lang, zone))
            .map_err(|e| deliver_error(e, lang))
    })?;
    worker.wake();
    Ok(queued)
}

/// What `list_deliveries` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ListDeliveriesArgs {
    pub id: Option<String>,
}

/// Deliveries newest first: of one story, or all.
#[tauri::command]
pub fn list_deliveries(
    state: State<'_, AppState>,
    args: ListDeliveriesArgs,
    lang: ShellLang,
) -> Result<Vec<DeliveryRow>, IpcError> {
    let ListDeliveriesArgs { id } = args;
    let lang: Lang = lang.into();
    if let Some(id) = &id {
        validate::id(id, lang)?;
    }
    state.with_library(lang, |lib| {
        let zone = zone_of(lib);
        let listed = lib.deliveries(id.as_deref(), 50).or_ipc(lang)?;
        let publics = public_states(&listed, qalam_core::dates::now_ms());
        Ok(listed.iter().zip(publics).map(|(d, public)| row(d, public, lang, zone)).collect())
    })
}

/// Opens a story where readers find it now, in the system's browser: only the address a delivery
/// of this library recorded for it (the webview cannot send the browser anywhere else).
#[tauri::command]
pub fn open_live_post(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<(), IpcError> {
    let lang: Lang = lang.into();
    validate::id(&args.id, lang)?;
    let url = state.with_library(lang, |lib| lib.live_url(&args.id).or_ipc(lang))?;
    let url = url
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .ok_or_else(|| IpcError::invalid(lang, "القصة ليست منشورة على موقع", "the story is not published on a site"))?;
    tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| IpcError::new(ErrorCode::Failed, e.to_string()))
}

/// What `retry_delivery` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RetryDeliveryArgs {
    #[cfg_attr(test, ts(type = "number"))]
    pub delivery: i64,
}

#[tauri::command]
pub fn retry_delivery(
    state: State<'_, AppState>,
    worker: State<'_, DeliveryControl>,
    args: RetryDeliveryArgs,
    lang: ShellLang,
) -> Result<(), IpcError> {
    let RetryDeliveryArgs { delivery } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| lib.retry_delivery(delivery).map(drop).or_ipc(lang))?;
    worker.wake();
    Ok(())
}

/// What `cancel_delivery` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CancelDeliveryArgs {
    #[cfg_attr(test, ts(type = "number"))]
    pub delivery: i64,
}

#[tauri::command]
pub fn cancel_delivery(state: State<'_, AppState>, args: CancelDeliveryArgs, lang: ShellLang) -> Result<(), IpcError> {
    let CancelDeliveryArgs { delivery } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| lib.cancel_delivery(delivery).map(drop).or_ipc(lang))
}

/// What `record_publication` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RecordPublicationArgs {
    #[cfg_attr(test, ts(type = "number"))]
    pub delivery: i64,
    /// The key file's passphrase, when the profile's key is in one and the step is due.
    pub passphrase: Option<String>,
}

/// After a delivery ended: when it made the story public and the record does not say so yet, the
/// publish step, signed by the profile (the one entry `qalam deliver` takes too). Whether it was
/// taken; nothing is signed, and no passphrase asked, when nothing was due.
#[tauri::command]
pub fn record_publication(
    state: State<'_, AppState>,
    args: RecordPublicationArgs,
    lang: ShellLang,
) -> Result<bool, IpcError> {
    let RecordPublicationArgs { delivery, passphrase } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| {
        let Some(delivery) = lib.delivery(delivery).or_ipc(lang)? else { return Ok(false) };
        let taken = qalam_deliver::published::record_publication(lib, &delivery, qalam_core::dates::now_ms(), |lib| {
            super::review::profile_signer(lib, passphrase.as_deref())
        })
        .or_ipc(lang)?;
        Ok(taken.is_some())
    })
}
