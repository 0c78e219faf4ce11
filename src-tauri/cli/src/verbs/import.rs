//! `qalam import FILE.md…`: every file is read and parsed before anything is written, and all are
//! imported in one transaction, so a bad file among several imports none of them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qalam_core::article::parse;
use serde_json::json;

use super::{open_library, read_article_file};
use crate::failure::Failure;
use crate::output::Output;

pub fn run(library: Option<PathBuf>, files: &[PathBuf], out: &Output) -> Result<ExitCode, Failure> {
    let articles = files
        .iter()
        .map(|file| {
            let text = read_article_file(file)?;
            parse(&text).map_err(|error| Failure::Format { file: file.clone(), error })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut lib = open_library(library)?;
    let imported = lib.import_all(&articles)?;
    let mut report = Vec::new();
    for ((file, article), (id, outcome)) in files.iter().zip(&articles).zip(imported) {
        if !out.json {
            println!("{id}");
        }
        report.push(json!({ "id": id, "title": article.meta.title, "file": display(file), "outcome": outcome }));
    }
    if out.json {
        out.json(&json!(report));
    }
    Ok(ExitCode::SUCCESS)
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
