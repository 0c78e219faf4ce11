//! `qalam export ID --out FILE.zip|DIR [--folder]` and `qalam import-package FILE.zip`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use qalam_core::files::{read_bounded, FileError, FileProblem};
use qalam_core::library::{IfExists, LibraryError};
use qalam_core::package::{export_package, read_package, ExportControl, ExportOptions, PackageError, Refusal};
use serde_json::json;

use super::{open_library, open_or_create_library};
use crate::failure::Failure;
use crate::output::Output;

/// Packages larger than this are refused before being read (a package is read whole, then
/// verified in memory).
const MAX_PACKAGE_FILE_BYTES: u64 = 1024 * 1024 * 1024;

pub struct ExportArgs {
    pub id: String,
    pub out: PathBuf,
    pub folder: bool,
    pub originals: bool,
    pub accept_warnings: bool,
}

pub fn export(library: Option<PathBuf>, args: ExportArgs, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let options = ExportOptions {
        include_originals: args.originals,
        accept_warnings: args.accept_warnings,
        settings: lib.check_settings()?,
        ..ExportOptions::default()
    };
    let cancel = AtomicBool::new(false);
    let control = ExportControl { progress: &|_, _| {}, cancel: &cancel };
    let package = match export_package(&mut lib, &args.id, &options, &control) {
        Ok(package) => package,
        Err(e @ (PackageError::NotReady(_) | PackageError::UnacceptedWarnings(_))) => {
            if out.json {
                out.json(&json!({ "exported": false, "reason": e.code(), "findings": findings_json(e.findings()) }));
            } else {
                out.findings(&args.id, e.findings());
            }
            eprintln!("qalam: {}", out.localized(&e));
            if matches!(e, PackageError::UnacceptedWarnings(_)) {
                eprintln!(
                    "{}",
                    out.lang.pick("للتصدير رغم التنبيهات: --accept-warnings", "to export anyway: --accept-warnings")
                );
            }
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let (path, sha256) = if args.folder {
        let hash = package.write_folder(&args.out)?;
        (args.out.clone(), hash)
    } else {
        let path = if args.out.is_dir() { args.out.join(format!("{}.zip", package.name)) } else { args.out.clone() };
        let hash = package.write_zip(&path)?;
        (path, hash)
    };
    if out.json {
        out.json(&json!({
            "exported": true,
            "path": path,
            "sha256": sha256,
            "name": package.name,
            "revision": package.manifest.article.revision,
            "warnings": findings_json(&package.warnings),
        }));
    } else {
        out.findings(&args.id, &package.warnings);
        println!("{}", path.display());
        println!("sha256: {sha256}");
    }
    Ok(ExitCode::SUCCESS)
}

fn findings_json(findings: &[qalam_core::check::Finding]) -> Vec<serde_json::Value> {
    findings.iter().map(|f| f.to_json()).collect()
}

/// A package file's bytes, within the size Qalam reads.
pub fn read_package_bytes(file: &Path) -> Result<Vec<u8>, Failure> {
    match read_bounded(file, MAX_PACKAGE_FILE_BYTES) {
        Ok(bytes) => Ok(bytes),
        Err(FileError { problem: FileProblem::TooLarge { max_mib }, .. }) => {
            Err(PackageError::Refused(Refusal::FileTooLarge { max_mib }).into())
        }
        Err(e) => Err(Failure::File(e)),
    }
}

pub fn import(library: Option<PathBuf>, file: &Path, if_exists: IfExists, out: &Output) -> Result<ExitCode, Failure> {
    let bytes = read_package_bytes(file)?;
    let package = read_package(&bytes)?;
    if package.review.is_some() {
        return super::review::receive(library, &package, out);
    }
    let imported = match qalam_core::package::import_package(&mut open_or_create_library(library)?, &package, if_exists)
    {
        Err(e @ LibraryError::AlreadyExists { .. }) => {
            let hint = ("اختر: --keep-both أو --replace", "choose: --keep-both or --replace");
            return Err(Failure::Hinted { failure: Box::new(e.into()), hint });
        }
        other => other?,
    };
    if out.json {
        out.json(&json!(imported));
    } else {
        println!("{}\t{}", imported.id, imported.title);
    }
    Ok(ExitCode::SUCCESS)
}
