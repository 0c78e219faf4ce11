//! `qalam list [--trash]`.

use std::path::PathBuf;
use std::process::ExitCode;

use qalam_core::dates::iso_time;
use qalam_core::library::ListFilter;
use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, trash: bool, out: &Output) -> Result<ExitCode, Failure> {
    let lib = open_library(library)?;
    let articles = lib.list(if trash { ListFilter::Trash } else { ListFilter::Active })?;
    if out.json {
        let rows: Vec<_> = articles
            .iter()
            .map(|a| json!({ "id": a.id, "title": a.title, "status": a.status, "version": a.version, "updated_at": iso_time(a.updated_at) }))
            .collect();
        out.json(&json!(rows));
    } else {
        for a in &articles {
            println!("{}  {}  {}  {}", a.id, iso_time(a.updated_at), a.status.as_str(), a.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}
