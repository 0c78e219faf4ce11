//! The review workflow in the window: the profile, the desk, a story's state and the steps the
//! rules allow now, hand-offs and the conflict merge. Comments, notes and diffs are in
//! `comments.rs`. Signing keys come from the keychain (or a key file and its passphrase) for
//! each step and are dropped after it: the private key never reaches the webview.

use super::ArticleRef;
use qalam_core::dates::display_local_time;
use qalam_core::diff::merge::{merge, merged_text, MergeChunk, Side};
use qalam_core::identity::SecretStore;
use qalam_core::lang::Localized;
use qalam_core::library::handoff::UnknownSigner;
use qalam_core::library::review_state::{ApprovalInfo, DeskCard};
use qalam_core::library::{Library, ReviewError, Signer};
use qalam_core::package::handoff::make_handoff;
use qalam_core::package::{self, PackageError};
use qalam_core::workflow::authority::Why;
use qalam_core::workflow::{Action, ArticleStatus, EventKind, Role};
use qalam_core::Lang;
use qalam_deliver::worker::DeliveryControl;
use serde::{Deserialize, Serialize};
use tauri::State;

use super::blocking;
use super::delivery::deliver_error;
use super::drafts::loaded;
use super::packages::{exports_dir, free_zip_path, Exports};
use crate::dto::LoadedDraft;
use crate::interface_language::ShellLang;
use crate::ipc_error::IpcError;
use crate::state::{AppState, OrIpc};
use crate::validate;

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ProfileRow {
    pub name: String,
    pub role: Role,
    /// Grouped for reading aloud.
    pub fingerprint: String,
    /// The key is in a passphrase-sealed file: steps need the passphrase.
    pub needs_passphrase: bool,
}

/// One event of the record, worded for the history list.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HistoryRow {
    pub action: Option<Action>,
    pub comment: bool,
    /// A suggestion proposed, settled or replied to.
    pub suggestion: bool,
    /// An embargo: until when (empty: lifted).
    pub embargo: Option<String>,
    pub actor: String,
    pub time_label: String,
    pub note: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub revision: i64,
    /// Why the event does not count here (an unknown or removed key, a step its signer may not
    /// take, the desk refused it), in the window's language; none when it counts.
    pub refused: Option<String>,
    /// When it does not count because this library does not know its key: that key, for the user
    /// to trust after checking its fingerprint.
    pub unknown_signer: Option<UnknownSigner>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ReviewRow {
    pub status: ArticleStatus,
    /// The steps the rules allow this profile now (none without a profile).
    pub allowed: Vec<Action>,
    /// Those of them that must say why (the core's rule, so the window asks for a note first).
    pub needs_note: Vec<Action>,
    pub approval: Option<ApprovalInfo>,
    pub edited_since_approval: bool,
    pub in_conflict: bool,
    #[cfg_attr(test, ts(type = "number"))]
    pub latest_revision: i64,
    /// The revision of the latest submission, for "what changed since it was submitted".
    #[cfg_attr(test, ts(type = "number | null"))]
    pub since_submitted: Option<i64>,
    #[cfg_attr(test, ts(type = "number | null"))]
    pub since_approval: Option<i64>,
    pub history: Vec<HistoryRow>,
    /// The window opens the story in suggesting mode (the core's rule).
    pub suggest_by_default: bool,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct DeskData {
    pub cards: Vec<DeskCard>,
    pub profile: Option<ProfileRow>,
    /// When each scheduled card's site publishes it, in the publication's zone, by card id.
    pub scheduled_labels: std::collections::BTreeMap<String, String>,
}

fn profile_row(lib: &Library, lang: Lang) -> Result<Option<ProfileRow>, IpcError> {
    Ok(lib.profile().or_ipc(lang)?.map(|p| ProfileRow {
        name: p.person.name,
        role: p.person.role,
        fingerprint: p.person.fingerprint.grouped(),
        needs_passphrase: p.store.needs_passphrase(),
    }))
}

/// Runs one signed change to story `id` (its key file's passphrase given, if it has one) and
/// answers with what `answer` reads after it: the comments' and suggestions' commands.
pub(super) fn signed_then<T>(
    state: State<'_, AppState>,
    id: &str,
    passphrase: Option<String>,
    lang: ShellLang,
    change: impl FnOnce(&mut Library, &Signer) -> Result<(), ReviewError>,
    answer: impl FnOnce(&Library) -> Result<T, ReviewError>,
) -> Result<T, IpcError> {
    let lang = lang.into();
    validate::id(id, lang)?;
    state.with_library(lang, |lib| {
        let signer = signer(lib, passphrase, lang)?;
        change(lib, &signer).or_ipc(lang)?;
        answer(lib).or_ipc(lang)
    })
}

pub(super) fn signer(lib: &Library, passphrase: Option<String>, lang: Lang) -> Result<Signer, IpcError> {
    profile_signer(lib, passphrase.as_deref()).or_ipc(lang)
}

/// The profile's signer with the passphrase the window gave (an empty one is none).
pub(super) fn profile_signer(lib: &Library, passphrase: Option<&str>) -> Result<Signer, ReviewError> {
    lib.signer(passphrase.filter(|p| !p.is_empty()))
}

#[tauri::command]
pub fn get_profile(state: State<'_, AppState>, lang: ShellLang) -> Result<Option<ProfileRow>, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| profile_row(lib, lang))
}

/// What `create_profile` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct CreateProfileArgs {
    pub name: String,
    pub role: Role,
}

/// Makes the profile; the window keeps keys in the system keychain only (a key file is for
/// machines without one, made with the CLI).
#[tauri::command]
pub fn create_profile(
    state: State<'_, AppState>,
    args: CreateProfileArgs,
    lang: ShellLang,
) -> Result<ProfileRow, IpcError> {
    let CreateProfileArgs { name, role } = args;
    let lang = lang.into();
    state.with_library(lang, |lib| {
        lib.init_profile(&name, role, SecretStore::Keychain, None).or_ipc(lang)?;
        profile_row(lib, lang)?
            .ok_or_else(|| IpcError::invalid(lang, "لم يُحفظ الملف الشخصي", "the profile was not kept"))
    })
}

/// What `trust_signer` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct TrustSignerArgs {
    pub public_key: String,
    pub name: String,
    pub role: Role,
}

/// Trusts a key whose events arrived in a hand-off, after the user checked its fingerprint: as
/// `name`, a journalist or an editor. Every story is judged again.
#[tauri::command]
pub fn trust_signer(state: State<'_, AppState>, args: TrustSignerArgs, lang: ShellLang) -> Result<(), IpcError> {
    let TrustSignerArgs { public_key, name, role } = args;
    let lang = lang.into();
    validate::short(&public_key, 100, lang)?;
    validate::short(&name, 1_000, lang)?;
    state.with_library(lang, |lib| {
        lib.trust_signer(&qalam_core::identity::PublicKey(public_key), &name, role).or_ipc(lang)?;
        Ok(())
    })
}

#[tauri::command]
pub fn desk(state: State<'_, AppState>, lang: ShellLang) -> Result<DeskData, IpcError> {
    let lang = lang.into();
    state.with_library(lang, |lib| {
        let cards = lib.desk().or_ipc(lang)?;
        let settings = lib.check_settings().or_ipc(lang)?;
        let zone = settings.style.zone();
        let scheduled_labels = cards
            .iter()
            .filter_map(|c| Some((c.id.clone(), qalam_core::zoned::display_in_zone(c.scheduled_at?, zone, lang))))
            .collect();
        Ok(DeskData { cards, profile: profile_row(lib, lang)?, scheduled_labels })
    })
}

fn review_row(lib: &Library, id: &str, lang: Lang) -> Result<ReviewRow, IpcError> {
    let state = lib.review_state(id).or_ipc(lang)?;
    let me = lib.profile().or_ipc(lang)?.map(|p| p.person.fingerprint);
    let allowed = match me {
        Some(_) => lib.allowed_actions(id).or_ipc(lang)?,
        None => Vec::new(),
    };
    // The latest submission: the author's own, or the one the editor received.
    let since_submitted = state
        .history
        .iter()
        .rev()
        .find(|l| l.refused.is_none() && l.body.action() == Some(Action::Submit))
        .map(|l| l.body.revision);
    let history = state
        .history
        .iter()
        .rev()
        .map(|l| HistoryRow {
            action: l.body.action(),
            comment: matches!(l.body.kind, EventKind::Comment(_)),
            suggestion: matches!(l.body.kind, EventKind::Suggestion(_)),
            // An embargo set (its time, in the publication's way) or lifted (an empty label).
            embargo: match &l.body.kind {
                EventKind::Embargo(change) => Some(change.until.map_or_else(String::new, |t| {
                    qalam_core::zoned::display_in_zone(
                        t,
                        qalam_core::zoned::zone_or_default(change.zone.as_deref()),
                        lang,
                    )
                })),
                _ => None,
            },
            // The name this library holds for the key; an unknown key's claim is marked as one.
            actor: l.known.as_ref().map_or_else(|| format!("«{}»?", l.body.actor_name), |k| k.name.clone()),
            time_label: display_local_time(l.body.time, lang),
            note: l.body.note.clone(),
            revision: l.body.revision,
            refused: l.refused.as_ref().map(|why| why.message(lang)),
            unknown_signer: matches!(l.refused, Some(Why::UnknownKey { .. })).then(|| UnknownSigner {
                fingerprint: l.body.actor.clone(),
                public_key: l.body.actor_key.clone(),
                claimed_name: l.body.actor_name.clone(),
            }),
        })
        .collect();
    Ok(ReviewRow {
        status: state.status,
        needs_note: allowed.iter().copied().filter(|a| a.needs_note()).collect(),
        allowed,
        since_approval: state.approval.as_ref().map(|a| a.revision),
        approval: state.approval,
        edited_since_approval: state.edited_since_approval,
        in_conflict: state.in_conflict,
        latest_revision: lib.revision_count(id).or_ipc(lang)?,
        since_submitted,
        history,
        suggest_by_default: lib.suggests_by_default(id).or_ipc(lang)?,
    })
}

#[tauri::command]
pub fn review_state(state: State<'_, AppState>, args: ArticleRef, lang: ShellLang) -> Result<ReviewRow, IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| review_row(lib, &id, lang))
}

/// What `take_step` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct TakeStepArgs {
    pub id: String,
    pub action: Action,
    pub note: Option<String>,
    pub passphrase: Option<String>,
}

/// Takes a workflow step. An approval makes the package first (on a blocking thread: pictures);
/// a correction also queues the update to every site where the story is public, as the CLI's.
#[tauri::command]
pub async fn take_step(
    state: State<'_, AppState>,
    worker: State<'_, DeliveryControl>,
    args: TakeStepArgs,
    lang: ShellLang,
) -> Result<ReviewRow, IpcError> {
    let TakeStepArgs { id, action, note, passphrase } = args;
    let lang: Lang = lang.into();
    validate::id(&id, lang)?;
    let row = state.with_library(lang, |lib| {
        let signer = signer(lib, passphrase, lang)?;
        let settings = lib.check_settings().or_ipc(lang)?;
        match (action, note.as_deref()) {
            (Action::Correct, Some(note)) => {
                qalam_deliver::correct::correct(lib, &id, note, &signer, &settings)
                    .map_err(|e| deliver_error(e, lang))?;
            }
            _ => {
                package::take_step(lib, &id, action, note.as_deref(), &signer, &settings).or_ipc(lang)?;
            }
        }
        review_row(lib, &id, lang)
    })?;
    worker.wake();
    Ok(row)
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HandoffRow {
    pub path: String,
}

/// What `handoff_article` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct HandoffArgs {
    pub id: String,
    /// The key file's passphrase, when the profile's key is in one (the hand-off is sealed).
    pub passphrase: Option<String>,
}

/// Writes a review package of the story, sealed by the profile's key, beside the exported packages.
#[tauri::command]
pub async fn handoff_article(
    state: State<'_, AppState>,
    exports: State<'_, Exports>,
    args: HandoffArgs,
    lang: ShellLang,
) -> Result<HandoffRow, IpcError> {
    let HandoffArgs { id, passphrase } = args;
    let lang: Lang = lang.into();
    validate::id(&id, lang)?;
    let package = state.with_library(lang, |lib| {
        let signer = signer(lib, passphrase, lang)?;
        make_handoff(lib, &id, &signer).or_ipc(lang)
    })?;
    let dir = exports_dir()
        .ok_or_else(|| IpcError::invalid(lang, "لا مجلد مستندات لهذا المستخدم", "no documents folder for this user"))?;
    let written = blocking(move || {
        let bytes = package.zip_bytes().map_err(|e| PackageError::io(&dir, e))?;
        std::fs::create_dir_all(&dir).map_err(|e| PackageError::io(&dir, e))?;
        let path = free_zip_path(&dir, &format!("{}-review", package.name), &bytes);
        if !path.exists() {
            qalam_core::package::export::write_new_file(&path, &bytes)?;
        }
        Ok::<_, PackageError>(path)
    })
    .await?
    .or_ipc(lang)?;
    exports.written.lock().unwrap_or_else(|e| e.into_inner()).push(written.clone());
    Ok(HandoffRow { path: written.display().to_string() })
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ConflictView {
    pub chunks: Vec<MergeChunk>,
    #[cfg_attr(test, ts(type = "number"))]
    pub theirs_revision: i64,
}

#[tauri::command]
pub fn get_conflict(
    state: State<'_, AppState>,
    args: ArticleRef,
    lang: ShellLang,
) -> Result<Option<ConflictView>, IpcError> {
    let ArticleRef { id } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        Ok(lib
            .conflict(&id)
            .or_ipc(lang)?
            .map(|c| ConflictView { chunks: merge(&c.base, &c.ours, &c.theirs), theirs_revision: c.theirs_revision }))
    })
}

/// What `resolve_conflict` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ResolveConflictArgs {
    pub id: String,
    pub choices: Vec<Side>,
    #[cfg_attr(test, ts(type = "number"))]
    pub base_version: i64,
}

/// Ends a conflict with the text made of each chunk from the side chosen for it.
#[tauri::command]
pub fn resolve_conflict(
    state: State<'_, AppState>,
    args: ResolveConflictArgs,
    lang: ShellLang,
) -> Result<LoadedDraft, IpcError> {
    let ResolveConflictArgs { id, choices, base_version } = args;
    let lang = lang.into();
    validate::id(&id, lang)?;
    state.with_library(lang, |lib| {
        let conflict = lib
            .conflict(&id)
            .or_ipc(lang)?
            .ok_or_else(|| IpcError::invalid(lang, "لا تعارض في هذا المقال", "this article is not in conflict"))?;
        let chunks = merge(&conflict.base, &conflict.ours, &conflict.theirs);
        let text = merged_text(&chunks, &choices)
            .ok_or_else(|| IpcError::invalid(lang, "اختر نسخة لكل مقطع", "choose a version for every chunk"))?;
        let article = qalam_core::article::parse(&text).map_err(|e| {
            use qalam_core::lang::Localized;
            IpcError::invalid(lang, "النص المدمج ليس مقالًا سليمًا", "the merged text is not a sound article")
                .prefixed(&e.message(lang))
        })?;
        lib.resolve_conflict(&id, &article, base_version).or_ipc(lang)?;
        Ok(loaded(lib.load(&id).or_ipc(lang)?, lang))
    })
}
