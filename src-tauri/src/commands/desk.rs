//! The shared desk in the window: where this library stands with it (the status bar and the
//! sync panel), joining from the settings, leaving, and syncing now. The network work runs in
//! the sync worker or on its own library connection: the window's library lock is never held
//! while waiting for the desk.

use qalam_core::dates::display_local_time;
use qalam_core::lang::Localized;
use qalam_core::library::{Library, OutboxState};
use qalam_core::Lang;
use qalam_sync::send::error_text;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::desk_sync::DeskSync;
use crate::interface_language::ShellLang;
use crate::ipc_error::{ErrorCode, IpcError};
use crate::state::{AppState, OrIpc};
use crate::validate;

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct OutboxRow {
    pub article_id: String,
    pub title: String,
    pub state: OutboxState,
    #[cfg_attr(test, ts(type = "number"))]
    pub attempts: i64,
    pub error: Option<String>,
    pub time_label: String,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeskStatusRow {
    /// None: this library has not joined a desk.
    pub url: Option<String>,
    pub person_name: Option<String>,
    pub role: Option<String>,
    /// Milliseconds since the epoch of the last sync that went through.
    #[cfg_attr(test, ts(type = "number | null"))]
    pub last_sync_at: Option<i64>,
    pub last_sync_label: Option<String>,
    /// Why the last sync failed, in the window's language; none once one goes through.
    pub last_error: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub waiting: i64,
    /// Rows not sent, then the latest that ended otherwise than sent.
    pub items: Vec<OutboxRow>,
}

fn status_row(lib: &Library, lang: Lang) -> Result<DeskStatusRow, IpcError> {
    let status = qalam_sync::status::status(lib, 30).or_ipc(lang)?;
    let link = status.desk.as_ref();
    let mut items = Vec::new();
    for item in status.items.iter().filter(|i| i.state != OutboxState::Sent).take(20) {
        let title = lib.load(&item.article_id).map(|a| a.article.meta.title).unwrap_or_default();
        items.push(OutboxRow {
            article_id: item.article_id.clone(),
            title,
            state: item.state,
            attempts: item.attempts,
            error: item.last_error.as_deref().map(|e| error_text(e, lang)),
            time_label: display_local_time(item.created_at, lang),
        });
    }
    Ok(DeskStatusRow {
        url: link.map(|l| l.url.clone()),
        person_name: link.map(|l| l.person_name.clone()),
        role: link.map(|l| l.role.clone()),
        last_sync_at: link.and_then(|l| l.last_sync_at),
        last_sync_label: link.and_then(|l| l.last_sync_at).map(|t| display_local_time(t, lang)),
        last_error: link.and_then(|l| l.last_error.as_deref()).map(|e| error_text(e, lang)),
        waiting: status.waiting,
        items,
    })
}

#[tauri::command]
pub fn desk_status(state: State<'_, AppState>, lang: ShellLang) -> Result<DeskStatusRow, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| status_row(lib, lang))
}

fn sync_error(e: qalam_sync::SyncError, lang: Lang) -> IpcError {
    let code = match &e {
        qalam_sync::SyncError::Offline { .. } => ErrorCode::Failed,
        qalam_sync::SyncError::Review(qalam_core::library::ReviewError::NoProfile) => ErrorCode::NoProfile,
        _ => ErrorCode::InvalidInput,
    };
    IpcError::new(code, e.message(lang))
}

/// What `join_desk` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct JoinDeskArgs {
    pub url: String,
    pub code: String,
    pub ca_file: Option<String>,
    pub passphrase: Option<String>,
}

/// Joins a desk with a one-time code. The library's profile key is registered; the device
/// token goes to the keychain.
#[tauri::command]
pub async fn join_desk(
    state: State<'_, AppState>,
    sync: State<'_, DeskSync>,
    args: JoinDeskArgs,
    lang: ShellLang,
) -> Result<DeskStatusRow, IpcError> {
    let JoinDeskArgs { url, code, ca_file, passphrase } = args;
    let lang: Lang = lang.into();
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    validate::short(&url, 2_000, lang)?;
    validate::short(&code, 200, lang)?;
    validate::short(ca_file.as_deref().unwrap_or(""), 4_000, lang)?;
    let path = state.with_library(lang, |lib| Ok(lib.path().to_path_buf()))?;
    let mut own = Library::open_existing(&path).or_ipc(lang)?;
    let device = qalam_sync::join::default_device_name();
    let ca = ca_file.as_deref().map(str::trim).filter(|c| !c.is_empty());
    qalam_sync::join::join(&mut own, url.trim(), code.trim(), ca, &device, passphrase.as_deref().map(String::as_str))
        .await
        .map_err(|e| sync_error(e, lang))?;
    drop(own);
    sync.control.wake();
    state.with_library(lang, |lib| status_row(lib, lang))
}

#[tauri::command]
pub fn leave_desk(
    state: State<'_, AppState>,
    sync: State<'_, DeskSync>,
    lang: ShellLang,
) -> Result<DeskStatusRow, IpcError> {
    let lang = lang.into();
    let row = state.with_library(lang, |lib| {
        qalam_sync::join::leave(lib).map_err(|e| sync_error(e, lang))?;
        status_row(lib, lang)
    })?;
    sync.control.wake();
    Ok(row)
}

/// Asks the worker for a pass now; its end is told by the `desk-sync` event.
#[tauri::command]
pub fn sync_now(sync: State<'_, DeskSync>) {
    sync.control.wake();
}

/// Who is editing a story, as the desk says.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct LockRow {
    pub person_name: String,
    pub since_label: String,
    /// This library's person holds it.
    pub mine: bool,
}

/// What `desk_lock` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeskLockArgs {
    pub id: String,
    pub take_over: bool,
    pub note: Option<String>,
}

/// The story's soft lock: an editor opening a story in review takes it (or renews it; with
/// `take_over`, takes it from whoever holds it, with `note` logged); anyone else is told who
/// holds it. Offline or not joined there is no lock, and nothing stops anyone typing.
#[tauri::command]
pub async fn desk_lock(
    state: State<'_, AppState>,
    args: DeskLockArgs,
    lang: ShellLang,
) -> Result<Option<LockRow>, IpcError> {
    let DeskLockArgs { id, take_over, note } = args;
    use qalam_core::workflow::ArticleStatus as S;
    use qalam_sync::client::Locked;
    let lang: Lang = lang.into();
    crate::validate::id(&id, lang)?;
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            lang.pick("الملاحظة أطول من المسموح", "the note is too long"),
        ));
    }
    let prepared = state.with_library(lang, |lib| {
        let Ok((_, client)) = qalam_sync::join::client_for(lib) else { return Ok(None) };
        let editor = lib.profile().or_ipc(lang)?.is_some_and(|p| p.person.role.is_editor());
        let status = lib.load(&id).or_ipc(lang)?.status;
        let in_review = matches!(status, S::Submitted | S::InReview | S::ChangesRequested);
        Ok(Some((client, editor && in_review, lib.desk_link().or_ipc(lang)?.map(|l| l.person_name))))
    })?;
    let Some((client, takes, me)) = prepared else { return Ok(None) };
    let row = |lock: qalam_sync::api::LockInfo| {
        let since = qalam_core::dates::parse_rfc3339_ms(&lock.since)
            .map(|t| display_local_time(t, lang))
            .unwrap_or(lock.since.clone());
        LockRow {
            mine: me.as_deref() == Some(lock.person_name.as_str()),
            person_name: lock.person_name,
            since_label: since,
        }
    };
    if takes || take_over {
        let request = qalam_sync::api::LockRequest { take_over, note };
        return Ok(match client.lock(&id, &request).await {
            Ok(Locked::Mine(lock) | Locked::ByOther(lock)) => Some(row(lock)),
            Err(_) => None,
        });
    }
    Ok(client.locks().await.ok().and_then(|locks| locks.into_iter().find(|l| l.article_id == id)).map(row))
}
