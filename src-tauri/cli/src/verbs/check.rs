//! `qalam check FILE.md|ID`: exit 1 when the checker finds errors. The publication's house style
//! comes from the library, when there is one; a file is checked without a library too.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::check::{check_source, has_errors, CheckSettings};
use qalam_core::library::LibraryError;
use serde_json::json;

use super::{open_library, read_article_file};
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, target: &str, out: &Output) -> Result<ExitCode, Failure> {
    let path = Path::new(target);
    let (name, source, settings) = if path.is_file() {
        (target.to_string(), read_article_file(path)?, settings_of(library)?)
    } else {
        let lib = open_library(library)?;
        let stored = lib.load(target).map_err(|e| match e {
            LibraryError::NotFound { .. } => Failure::NotFileOrId(target.to_string()),
            other => other.into(),
        })?;
        (target.to_string(), stored.markdown, lib.check_settings()?)
    };
    let findings = check_source(&source, &settings);
    if out.json {
        let rows: Vec<_> = findings.iter().map(|f| f.to_json()).collect();
        out.json(&json!({ "target": name, "errors": has_errors(&findings), "findings": rows }));
    } else {
        out.findings(&name, &findings);
    }
    Ok(if has_errors(&findings) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The library's check settings (its house style), or the built-in ones where there is no library.
fn settings_of(library: Option<PathBuf>) -> Result<CheckSettings, Failure> {
    match open_library(library) {
        Ok(lib) => Ok(lib.check_settings()?),
        Err(Failure::NoLibraryPath | Failure::Library(LibraryError::NoLibrary { .. })) => Ok(CheckSettings::default()),
        Err(e) => Err(e),
    }
}
