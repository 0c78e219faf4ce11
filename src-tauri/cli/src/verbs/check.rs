//! `qalam check FILE.md|ID`: exit 1 when the checker finds errors.

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
    let (name, source) = if path.is_file() {
        (target.to_string(), read_article_file(path)?)
    } else {
        let stored = open_library(library)?.load(target).map_err(|e| match e {
            LibraryError::NotFound { .. } => Failure::NotFileOrId(target.to_string()),
            other => other.into(),
        })?;
        (target.to_string(), stored.markdown)
    };
    let findings = check_source(&source, &CheckSettings::default());
    if out.json {
        let rows: Vec<_> = findings.iter().map(|f| f.to_json()).collect();
        out.json(&json!({ "target": name, "errors": has_errors(&findings), "findings": rows }));
    } else {
        out.findings(&name, &findings);
    }
    Ok(if has_errors(&findings) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
