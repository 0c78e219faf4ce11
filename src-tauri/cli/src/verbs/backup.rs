//! `qalam backup [--dir DIR]` and `qalam restore-backup FILE`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn backup(library: Option<PathBuf>, dir: Option<PathBuf>, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let path = lib.backup(dir.as_deref())?;
    if out.json {
        out.json(&json!({ "backup": path }));
    } else {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(library: Option<PathBuf>, file: &Path, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let safety = lib.restore_backup(file)?;
    if out.json {
        out.json(&json!({ "restored_from": file, "previous_content_saved_to": safety }));
    } else {
        println!("{}", safety.display());
    }
    Ok(ExitCode::SUCCESS)
}
