//! `qalam revisions ID` and `qalam restore ID REV`.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::library::LibraryError;
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn revisions(library: Option<PathBuf>, id: &str, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let revisions = lib.revisions(id)?;
    if out.json {
        let rows: Vec<_> = revisions
            .iter()
            .map(|r| json!({ "id": id, "number": r.number, "kind": r.kind, "created_at": iso_time(r.created_at), "title": r.title, "bytes": r.bytes }))
            .collect();
        out.json(&json!(rows));
    } else {
        for r in &revisions {
            println!("{:>4}  {}  {:<8}  {}", r.number, iso_time(r.created_at), r.kind.as_str(), r.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(library: Option<PathBuf>, id: &str, number: i64, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let (version, _) = lib.version_of(id)?.ok_or_else(|| LibraryError::NotFound { id: id.into() })?;
    let outcome = lib.restore_revision(id, number, version)?;
    let title = lib.load(id)?.article.meta.title;
    if out.json {
        out.json(&json!({ "id": id, "title": title, "version": outcome.version, "revision": outcome.revision }));
    } else {
        println!("{id}  v{}", outcome.version);
    }
    Ok(ExitCode::SUCCESS)
}
