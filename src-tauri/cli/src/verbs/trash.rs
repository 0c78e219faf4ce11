//! `qalam trash ID`, `qalam untrash ID`, `qalam purge ID`.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use super::open_library;
use crate::failure::Failure;
use crate::output::Output;

pub enum Action {
    Trash,
    Untrash,
    Purge,
}

pub fn run(library: Option<PathBuf>, id: &str, action: Action, out: &Output) -> Result<ExitCode, Failure> {
    let mut lib = open_library(library)?;
    let title = lib.load(id)?.article.meta.title;
    let (verb, trashed) = match action {
        Action::Trash => (lib.trash(id).map(|_| "trashed")?, true),
        Action::Untrash => (lib.untrash(id).map(|_| "restored")?, false),
        Action::Purge => (lib.purge(id).map(|_| "purged")?, true),
    };
    if out.json {
        out.json(&json!({ "id": id, "title": title, "action": verb, "trashed": trashed }));
    } else {
        println!("{id}");
    }
    Ok(ExitCode::SUCCESS)
}
