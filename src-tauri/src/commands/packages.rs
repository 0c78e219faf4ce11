//! Export and import of packages from the window.
//!
//! An export holds the library only while it records the revision, checks the article and loads
//! the pictures; the renditions are made on a blocking thread, reporting `export-progress` events
//! and stopping when `cancel_export` is called. Packages go to the user's documents folder under
//! `Qalam/`; "open folder" may show only a package this run of the app wrote.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use qalam_core::check::{CheckSettings, DEFAULT_SECTIONS};
use qalam_core::hash::sha256_hex;
use qalam_core::lang::Lang;
use qalam_core::library::handoff::TextOutcome;
use qalam_core::library::ArrivalOutcome;
use qalam_core::library::IfExists;
use qalam_core::package::export::{prepare, write_new_file};
use qalam_core::package::{read_package, ExportControl, ExportOptions, PackageError};
use tauri::ipc::Request;
use tauri::{AppHandle, Emitter, State};

use super::blocking;
use super::upload::{header, upload, Upload};
use crate::dto::{ExportProgress, ExportReport, FindingRow, ImportedPackageRow};
use crate::interface_language::ShellLang;
use crate::ipc_error::{ErrorCode, IpcError};
use crate::state::{AppState, OrIpc};
use serde::Deserialize;

/// The running export's cancel switch and the packages written in this run.
#[derive(Default)]
pub struct Exports {
    cancel: Arc<AtomicBool>,
    pub(super) written: Mutex<Vec<PathBuf>>,
}

/// Where packages are written: `Documents/Qalam` (or `~/Qalam` without a documents folder).
pub(super) fn exports_dir() -> Option<PathBuf> {
    dirs::document_dir().or_else(dirs::home_dir).map(|d| d.join("Qalam"))
}

/// A path for `name.zip` in `dir` that holds no other content: the same bytes already there are
/// the same package (same article and revision), so they are kept; otherwise `name (2).zip`…
pub(super) fn free_zip_path(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let mut n = 1;
    loop {
        let file = if n == 1 { format!("{name}.zip") } else { format!("{name} ({n}).zip") };
        let path = dir.join(file);
        match std::fs::read(&path) {
            Ok(existing) if existing == bytes => return path,
            Ok(_) => n += 1,
            Err(_) => return path,
        }
    }
}

/// What `export_article` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct ExportArticleArgs {
    pub id: String,
    pub include_originals: bool,
    pub accept_warnings: bool,
    pub sections: Vec<String>,
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn export_article(
    app: AppHandle,
    state: State<'_, AppState>,
    exports: State<'_, Exports>,
    args: ExportArticleArgs,
    lang: ShellLang,
) -> Result<ExportReport, IpcError> {
    let ExportArticleArgs { id, include_originals, accept_warnings, sections } = args;
    let lang: Lang = lang.into();
    let sections =
        if sections.is_empty() { DEFAULT_SECTIONS.iter().map(|s| s.to_string()).collect() } else { sections };
    let rows = |findings: &[qalam_core::check::Finding]| findings.iter().map(|f| FindingRow::new(f, lang)).collect();
    // The switch is set back as the export starts, not after its preparation: a Cancel pressed
    // while the pictures are loaded and checked stops it too.
    let cancel = exports.cancel.clone();
    cancel.store(false, Ordering::Relaxed);
    let job = match state.with_library(lang, |lib| {
        let settings = CheckSettings { sections, ..lib.check_settings().or_ipc(lang)? };
        Ok(prepare(
            lib,
            &id,
            &ExportOptions { include_originals, accept_warnings, settings, ..ExportOptions::default() },
        ))
    })? {
        Ok(job) => job,
        Err(PackageError::NotReady(f)) => return Ok(ExportReport::NotReady { findings: rows(&f) }),
        Err(PackageError::UnacceptedWarnings(f)) => return Ok(ExportReport::Warnings { findings: rows(&f) }),
        Err(e) => return Err(IpcError::package(e, lang)),
    };
    let dir = exports_dir()
        .ok_or_else(|| IpcError::invalid(lang, "لا مجلد مستندات لهذا المستخدم", "no documents folder for this user"))?;
    if cancel.load(Ordering::Relaxed) {
        return Ok(ExportReport::Cancelled);
    }
    let worker = blocking(move || {
        let progress = |done: usize, total: usize| {
            let _ = app.emit("export-progress", ExportProgress { done, total });
        };
        let package = job.run(&ExportControl { progress: &progress, cancel: &cancel })?;
        let bytes = package.zip_bytes().map_err(|e| PackageError::io(&dir, e))?;
        std::fs::create_dir_all(&dir).map_err(|e| PackageError::io(&dir, e))?;
        let path = free_zip_path(&dir, &package.name, &bytes);
        let sha256 = if path.exists() { sha256_hex(&bytes) } else { write_new_file(&path, &bytes)? };
        Ok::<_, PackageError>((path, sha256, package.manifest.article.revision))
    });
    match worker.await? {
        Ok((path, sha256, revision)) => {
            exports.written.lock().unwrap_or_else(|e| e.into_inner()).push(path.clone());
            Ok(ExportReport::Exported { path: path.display().to_string(), sha256, revision })
        }
        Err(PackageError::Cancelled) => Ok(ExportReport::Cancelled),
        Err(e) => Err(IpcError::package(e, lang)),
    }
}

#[tauri::command]
pub fn cancel_export(exports: State<'_, Exports>) {
    exports.cancel.store(true, Ordering::Relaxed);
}

/// What `reveal_export` is given.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export))]
pub struct RevealExportArgs {
    pub path: String,
}

/// Shows a package this run wrote in the system's file manager (any other path is refused).
#[tauri::command]
pub fn reveal_export(exports: State<'_, Exports>, args: RevealExportArgs, lang: ShellLang) -> Result<(), IpcError> {
    let RevealExportArgs { path } = args;
    let lang: Lang = lang.into();
    let path = PathBuf::from(path);
    if !exports.written.lock().unwrap_or_else(|e| e.into_inner()).contains(&path) {
        return Err(IpcError::invalid(lang, "هذا الملف ليس حزمة صدّرها قلم", "not a package Qalam exported"));
    }
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .or_else(|_| tauri_plugin_opener::open_path(path.parent().unwrap_or(&path), None::<&str>))
        .map_err(|e| IpcError::new(ErrorCode::Failed, e.to_string()))
}

/// Imports the package in the request body. Headers: `x-if-exists` (`ask`, `keep-both` or
/// `replace`), `x-file-name` (percent-encoded, for messages).
#[tauri::command]
pub fn import_package(
    state: State<'_, AppState>,
    request: Request<'_>,
    lang: ShellLang,
) -> Result<ImportedPackageRow, IpcError> {
    let Upload { lang, name, bytes } =
        upload(&request, lang.into(), ("لم تصل بيانات الحزمة", "no package data arrived"))?;
    let if_exists = match header(&request, "x-if-exists") {
        Some("keep-both") => IfExists::KeepBoth,
        Some("replace") => IfExists::Replace,
        _ => IfExists::Ask,
    };
    let package = read_package(bytes).map_err(|e| IpcError::package(e, lang).prefixed(&name))?;
    state.with_library(lang, |lib| {
        if package.review.is_some() {
            // A review package: its record joins this one; the text is never overwritten silently.
            let received = qalam_core::package::receive_handoff(lib, &package).or_ipc(lang)?;
            let outcome = match received.text {
                TextOutcome::Created => ArrivalOutcome::Created,
                _ => ArrivalOutcome::Replaced,
            };
            return Ok(ImportedPackageRow {
                id: received.id,
                title: received.title,
                outcome,
                handoff: Some(received.text),
                not_counting: received.not_counting.len() as u32,
                unknown_signers: received.unknown_signers,
                handed_by: received.handed_by,
            });
        }
        let imported = qalam_core::package::import_package(lib, &package, if_exists).or_ipc(lang)?;
        Ok(ImportedPackageRow {
            id: imported.id,
            title: imported.title,
            outcome: imported.outcome,
            handoff: None,
            not_counting: 0,
            unknown_signers: Vec::new(),
            handed_by: None,
        })
    })
}
