//! `qalam import FILE.md…`: every file and every picture it shows is read and checked before
//! anything is written, and all are imported in one transaction, so a bad file or picture among
//! several imports none of them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::article::on_disk::read_article_on_disk;
use serde_json::json;

use super::open_or_create_library;
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, files: &[PathBuf], out: &Output) -> Result<ExitCode, Failure> {
    let arrivals = files.iter().map(|file| read_article_on_disk(file)).collect::<Result<Vec<_>, _>>()?;
    let mut lib = open_or_create_library(library)?;
    let imported = lib.import_files(&arrivals)?;
    let mut report = Vec::new();
    for ((file, arrival), (id, outcome)) in files.iter().zip(&arrivals).zip(imported) {
        if !out.json {
            println!("{id}");
        }
        report.push(json!({
            "id": id,
            "title": arrival.article.meta.title,
            "file": display(file),
            "outcome": outcome,
            "pictures": arrival.pictures.len(),
        }));
    }
    if out.json {
        out.json(&json!(report));
    }
    Ok(ExitCode::SUCCESS)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
